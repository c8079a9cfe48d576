import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSON5 from "json5";
import { describe, expect, it } from "vitest";
import { createLogger } from "../log.js";
import { REDACTED } from "./redact.js";
import { type ConfigChange, ConfigConflictError, ConfigInvalidError, ConfigService, hashText } from "./service.js";
import { ConfigWatcher } from "./watcher.js";

function setup(text?: string) {
  const dir = mkdtempSync(join(tmpdir(), "tidegate-config-"));
  const path = join(dir, "tidegate.json");
  if (text !== undefined) writeFileSync(path, text);
  const lines: string[] = [];
  const log = createLogger("debug", (l) => lines.push(l));
  const changes: ConfigChange[] = [];
  let initial = {};
  try {
    initial = text ? JSON5.parse(text) : {};
  } catch {
    initial = {};
  }
  const service = new ConfigService({ path, initial, initialHash: hashText(text ?? ""), log });
  service.setApplier((change) => {
    changes.push(change);
    return undefined;
  });
  return { dir, path, service, lines, changes };
}

describe("ConfigService", () => {
  it("get: path, exists, raw, parsed, hash, valid, issues; secrets redacted", async () => {
    const { service, path } = setup('{ gateway: { port: 1234, auth: { token: "s3cret-token" } } } // c');
    const snap = await service.get();
    expect(snap).toMatchObject({ path, exists: true, valid: true, issues: [], warnings: [], legacyIssues: [] });
    expect(snap.hash).toBe(hashText(readFileSync(path, "utf8")));
    expect(snap.raw).toBe(`{ gateway: { port: 1234, auth: { token: "${REDACTED}" } } } // c`);
    expect(snap.parsed).toEqual({ gateway: { port: 1234, auth: { token: REDACTED } } });
    expect(JSON.stringify(snap)).not.toContain("s3cret-token");
  });

  it("get without a file: hash of the empty text; invalid file reports field and reason", async () => {
    const empty = setup();
    expect(await empty.service.get()).toMatchObject({ exists: false, raw: null, parsed: {}, valid: true, hash: hashText("") });
    const bad = setup('{ gateway: { port: "x" } }');
    const snap = await bad.service.get();
    expect(snap.valid).toBe(false);
    expect(snap.issues[0]).toEqual({ path: "gateway.port", message: "must be integer" });
  });

  it("set writes atomically with mode 0600 and one backup; stale or missing baseHash is a conflict carrying the current hash", async () => {
    const { service, path } = setup("{}");
    const h0 = hashText("{}");
    const r = await service.set("{ gateway: { tickIntervalMs: 5000 } } // keep me", h0);
    expect(readFileSync(path, "utf8")).toBe("{ gateway: { tickIntervalMs: 5000 } } // keep me");
    expect(readFileSync(`${path}.bak`, "utf8")).toBe("{}");
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(r).toMatchObject({ ok: true, hash: hashText(readFileSync(path, "utf8")), restartRequired: false, restart: { mode: "hot", hotPaths: ["gateway.tickIntervalMs"] } });
    const conflict = await service.set("{}", h0).catch((e) => e);
    expect(conflict).toBeInstanceOf(ConfigConflictError);
    expect(conflict.currentHash).toBe(r.hash);
    await expect(service.set("{}", undefined)).rejects.toThrow("base hash required");
  });

  it("of two concurrent patches on one hash exactly one wins", async () => {
    const { service, path } = setup("{}");
    const h0 = hashText("{}");
    const results = await Promise.allSettled([service.patch("{ gateway: { tickIntervalMs: 1000 } }", h0), service.patch("{ gateway: { healthIntervalMs: 2000 } }", h0)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const loser = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(loser.reason).toBeInstanceOf(ConfigConflictError);
    expect(loser.reason.currentHash).toBe(hashText(readFileSync(path, "utf8")));
  });

  it("patch: null deletes, the result is validated before writing, forbidden keys refused", async () => {
    const { service, path } = setup('{"gateway":{"port":1000,"tickIntervalMs":5000}}');
    let hash = (await service.get()).hash;
    const r = await service.patch("{ gateway: { tickIntervalMs: null, logRequests: true } }", hash);
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual({ gateway: { port: 1000, logRequests: true } });
    hash = r.hash;
    const invalid = await service.patch("{ gateway: { port: 70000 } }", hash).catch((e) => e);
    expect(invalid).toBeInstanceOf(ConfigInvalidError);
    expect(invalid.issues[0].path).toBe("gateway.port");
    expect(invalid.message).toContain("gateway.port: must be <= 65535");
    for (const key of ["__proto__", "constructor", "prototype"]) {
      await expect(service.patch(`{ "gateway": { "${key}": { "x": 1 } } }`, hash)).rejects.toThrow(`forbidden key '${key}'`);
      await expect(service.set(`{ "${key}": { "x": 1 } }`, hash)).rejects.toThrow(ConfigInvalidError);
    }
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(readFileSync(path, "utf8")).toBe(JSON.stringify({ gateway: { port: 1000, logRequests: true } }, null, 2) + "\n");
  });

  it("redacted secrets sent back keep the current secret; infra paths restart", async () => {
    const { service, path, changes } = setup('{"gateway":{"auth":{"token":"abc-secret"}}}');
    const snap = await service.get();
    const r = await service.set(snap.raw!.replace("{", '{"session":{"dmScope":"per-peer"},'), snap.hash);
    expect(JSON.parse(readFileSync(path, "utf8")).gateway.auth.token).toBe("abc-secret");
    expect(JSON.stringify(r)).not.toContain("abc-secret");
    const r2 = await service.patch("{ gateway: { port: 2345 } }", r.hash, "config.apply");
    expect(r2.restart).toMatchObject({ mode: "restart", restartPaths: ["gateway.port"] });
    expect(r2.restartRequired).toBe(true);
    expect(changes.at(-1)?.plan.decision).toBe("restart");
  });

  it("hot reload: a valid edit comes into force, an invalid one is logged with file, field and reason and the last good config stays", async () => {
    const { service, path, lines } = setup("{}");
    writeFileSync(path, "{ gateway: { tickIntervalMs: 7000 } }");
    expect((await service.reloadFromDisk()).status).toBe("applied");
    expect(service.current.gateway?.tickIntervalMs).toBe(7000);
    expect((await service.reloadFromDisk()).status).toBe("unchanged");
    writeFileSync(path, '{ gateway: { tickIntervalMs: "soon" } }');
    expect((await service.reloadFromDisk()).status).toBe("invalid");
    expect(service.current.gateway?.tickIntervalMs).toBe(7000);
    expect(lines.join("\n")).toMatch(/config reload skipped: .*tidegate\.json: at gateway\.tickIntervalMs: must be integer; keeping the last good config/);
    expect(readFileSync(path, "utf8")).toBe('{ gateway: { tickIntervalMs: "soon" } }');
    writeFileSync(path, '{ gateway: { tickIntervalMs: 9000, reload: { mode: "off" } } }');
    expect((await service.reloadFromDisk()).status).toBe("ignored");
    expect(service.current.gateway?.tickIntervalMs).toBe(7000);
  });

  it("the watcher reloads after an edit (debounced)", async () => {
    const { service, path, dir } = setup("{}");
    const watcher = new ConfigWatcher({ path, debounceMs: () => 20, reload: () => service.reloadFromDisk() });
    watcher.start();
    try {
      writeFileSync(path, "{ gateway: { healthIntervalMs: 4242 } }");
      for (let i = 0; i < 200 && service.current.gateway?.healthIntervalMs !== 4242; i++) await new Promise((r) => setTimeout(r, 25));
      expect(service.current.gateway?.healthIntervalMs).toBe(4242);
      expect(existsSync(dir)).toBe(true);
    } finally {
      watcher.stop();
    }
  });
});
