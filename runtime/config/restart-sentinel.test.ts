/** The restart sentinel (v3): written by a config write that restarts, returned to the writer, consumed once by the next start. */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { configHandlers } from "../handlers/config.js";
import type { CallContext } from "../handlers/context.js";
import type { GatewayServices } from "../services.js";
import { consumeRestartSentinel, restartSentinelMessage, restartSentinelPath, writeRestartSentinel } from "./restart-sentinel.js";
import type { WriteOutcome } from "./service.js";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const stateDir = () => {
  const d = mkdtempSync(join(tmpdir(), "tidegate-sentinel-"));
  dirs.push(d);
  return d;
};
const ctx = {} as CallContext;

/** config handlers over a config service whose writes answer `mode`. */
function handlers(dir: string, mode: "hot" | "restart") {
  const outcome: WriteOutcome = {
    ok: true,
    path: join(dir, "tidegate.json"),
    config: {},
    hash: "h",
    restartRequired: mode === "restart",
    restart: { ok: true, mode, reason: "config.patch", delayMs: 0, coalesced: false, hotPaths: [], restartPaths: mode === "restart" ? ["gateway.port"] : [] },
  };
  const config = { patch: async () => outcome, set: async () => ({ ...outcome, restart: { ...outcome.restart, reason: "config.apply" } }) } as unknown as GatewayServices["config"];
  return configHandlers({ config, clock: { now: () => 1234 } as GatewayServices["clock"], info: { stateDir: dir } as GatewayServices["info"] });
}

describe("restart sentinel", () => {
  it("config.patch that restarts returns the sentinel it wrote (v3's payload); the next start reads it once", async () => {
    const dir = stateDir();
    const res = await handlers(dir, "restart")["config.patch"]({ raw: "{}", baseHash: "h", sessionKey: "agent:main:main", note: "port moved" }, ctx);
    const path = restartSentinelPath(dir);
    expect(res.sentinel).toEqual({
      path,
      payload: { kind: "config-patch", status: "ok", ts: 1234, sessionKey: "agent:main:main", message: "port moved", stats: { mode: "config.patch", root: join(dir, "tidegate.json") } },
    });
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual({ version: 1, payload: res.sentinel!.payload });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const consumed = consumeRestartSentinel(path)!;
    expect(restartSentinelMessage(consumed)).toBe("Gateway restart config-patch ok (config.patch)\nport moved");
    expect(existsSync(path)).toBe(false);
    expect(consumeRestartSentinel(path)).toBeUndefined();
  });

  it("a change applied in place writes none; config.apply names its own kind", async () => {
    const dir = stateDir();
    const hot = await handlers(dir, "hot")["config.patch"]({ raw: "{}", baseHash: "h" }, ctx);
    expect(hot.sentinel).toBeUndefined();
    expect(existsSync(restartSentinelPath(dir))).toBe(false);
    const applied = await handlers(dir, "restart")["config.apply"]({ raw: "{}", baseHash: "h" }, ctx);
    expect(applied.sentinel?.payload).toMatchObject({ kind: "config-apply", message: null, stats: { mode: "config.apply" } });
  });

  it("a file that is not a sentinel is dropped; an unwritable path gives null (as v3)", () => {
    const dir = stateDir();
    const path = restartSentinelPath(dir);
    writeFileSync(path, "{ nope");
    expect(consumeRestartSentinel(path)).toBeUndefined();
    expect(existsSync(path)).toBe(false);
    writeFileSync(join(dir, "a-file"), "");
    expect(writeRestartSentinel(join(dir, "a-file", "x.json"), { kind: "restart", status: "ok", ts: 1, message: null })).toBeNull();
  });
});
