/** The sessions/config/logs handler factories over temp-dir services and a fake clock; every result must validate against the registry. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { MethodName } from "../../generated/ts/types.js";
import { validateResult } from "../../generated/ts/validators.js";
import { ConfigService, hashText } from "../config/service.js";
import { GatewayError } from "../errors.js";
import { GatewayLogger } from "../logs/gateway-logger.js";
import { LogService } from "../logs/service.js";
import { SessionService } from "../sessions/service.js";
import { configHandlers } from "./config.js";
import type { CallContext } from "./context.js";
import { logsHandlers } from "./logs.js";
import { sessionsHandlers } from "./sessions.js";

const ctx = { caller: {}, signal: new AbortController().signal } as unknown as CallContext;

function services() {
  const stateDir = mkdtempSync(join(tmpdir(), "tidegate-handlers-"));
  let now = 1_737_264_000_000;
  const clock = { now: () => now };
  const log = new GatewayLogger({ dir: join(stateDir, "logs"), write: () => {} });
  return {
    stateDir,
    clock,
    log,
    tick: () => (now += 1000),
    sessions: new SessionService({ stateDir, now: clock.now }),
    config: new ConfigService({ path: join(stateDir, "tidegate.json"), initial: {}, initialHash: hashText("") }),
    logs: new LogService(join(stateDir, "logs")),
  };
}

async function call<T>(method: MethodName, run: () => T | Promise<T>): Promise<T> {
  const result = await run();
  const checked = validateResult(method, result);
  if (!checked.ok) throw new Error(`${method} result does not validate: ${checked.message}`);
  return result;
}

describe("sessions handlers", () => {
  it("answer in the registry's shapes and map domain errors to the catalogue", async () => {
    const s = services();
    const h = sessionsHandlers(s);
    const patched = await call("sessions.patch", () => h["sessions.patch"]({ key: "main", label: "Main", model: "openai/gpt-x", sendPolicy: "deny", responseUsage: "tokens" }, ctx));
    expect(patched).toMatchObject({ ok: true, key: "agent:main:main", resolved: { modelProvider: "openai", model: "gpt-x" } });
    s.tick();
    await s.sessions.append("agent:main:group:slack:C1", [{ role: "user", content: "hello there" }]);
    const list = await call("sessions.list", () => h["sessions.list"]({ includeDerivedTitles: true, includeLastMessage: true }, ctx));
    expect(list).toMatchObject({
      count: 2,
      // v3: one path only when `session.store` names one fixed file; stores here are per agent.
      path: "(multiple)",
      sessions: [
        { kind: "group", derivedTitle: "hello there", lastMessagePreview: "hello there" },
        { kind: "direct", model: "gpt-x", modelProvider: "openai" },
      ],
    });
    await call("sessions.preview", () => h["sessions.preview"]({ keys: ["agent:main:group:slack:C1"] }, ctx));
    await call("sessions.reset", () => h["sessions.reset"]({ key: "main" }, ctx));
    await call("sessions.compact", () => h["sessions.compact"]({ key: "agent:main:group:slack:C1", maxLines: 1 }, ctx));
    const del = await call("sessions.delete", () => h["sessions.delete"]({ key: "agent:main:group:slack:C1" }, ctx));
    expect(del.archived).toHaveLength(1);
    const error = await Promise.resolve(h["sessions.delete"]({ key: "main" }, ctx)).catch((e) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect(error.toShape()).toMatchObject({ code: "INVALID_REQUEST", details: { code: "INVALID_PARAMS" } });
    const bad = await Promise.resolve(h["sessions.patch"]({ key: "main", verboseLevel: "loud" }, ctx)).catch((e) => e);
    expect(bad.toShape()).toMatchObject({ code: "INVALID_REQUEST", details: { code: "INVALID_PARAMS", field: "verboseLevel" } });
  });
});

describe("config handlers", () => {
  it("get/set/patch/apply/schema in the registry's shapes; CONFLICT carries the current hash", async () => {
    const s = services();
    const h = configHandlers(s);
    const snap = await call("config.get", () => h["config.get"]({}, ctx));
    expect(snap).toMatchObject({ exists: false, raw: null, hash: hashText("") });
    const set = await call("config.set", () => h["config.set"]({ raw: '{ gateway: { auth: { token: "abcdefgh" } } }', baseHash: snap.hash }, ctx));
    expect(JSON.stringify(set)).not.toContain("abcdefgh");
    const patch = await call("config.patch", () => h["config.patch"]({ raw: "{ gateway: { tickIntervalMs: 9000 } }", baseHash: set.hash }, ctx));
    expect(patch.restart).toMatchObject({ mode: "hot" });
    const conflict = await Promise.resolve(h["config.apply"]({ raw: "{}", baseHash: set.hash }, ctx)).catch((e: GatewayError) => e);
    expect((conflict as GatewayError).toShape()).toMatchObject({ code: "INVALID_REQUEST", details: { code: "CONFLICT", currentHash: patch.hash } });
    const schema = await call("config.schema", () => h["config.schema"]({}, ctx));
    expect(schema.uiHints["gateway.auth.token"]).toMatchObject({ sensitive: true });
    expect(JSON.stringify(schema.schema)).not.toContain("x-reload");
  });
});

describe("logs handler", () => {
  it("tails the log directory", async () => {
    const s = services();
    s.log.info("hello", { n: 1 });
    const tail = await call("logs.tail", () => logsHandlers(s)["logs.tail"]({ limit: 10 }, ctx));
    expect(tail.lines).toHaveLength(1);
    expect(tail.file).toBe(join(s.stateDir, "logs/gateway.log"));
  });
});
