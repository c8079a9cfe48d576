/** End to end against the real process: sessions, config (CAS, hot reload, restart) and the log file. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDurability } from "../../testing/durability.js";
import { type GatewayProcess, startGateway } from "../../testing/gateway-process.js";
import { RawClient } from "../../testing/raw-client.js";

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(probe: () => Promise<T>, ok: (value: T) => boolean, what: string, tries = 200): Promise<T> {
  let last: T | undefined;
  for (let i = 0; i < tries; i++) {
    last = await probe();
    if (ok(last)) return last;
    await settle(50);
  }
  throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
}

async function operator(gw: GatewayProcess): Promise<RawClient> {
  const client = await RawClient.open(gw.url);
  const hello = await client.connect({ token: gw.token, scopes: ["operator.admin"] });
  expect(hello.ok).toBe(true);
  return client;
}

/** Every file under `<state>/logs`, concatenated. */
function allLogs(stateDir: string): string {
  const dir = join(stateDir, "logs");
  if (!existsSync(dir)) return "";
  return readdirSync(dir)
    .map((f) => readFileSync(join(dir, f), "utf8"))
    .join("\n");
}

const used: GatewayProcess[] = [];

describe("sessions over the wire", () => {
  let gw: GatewayProcess;
  let op: RawClient;
  beforeAll(async () => {
    gw = await startGateway();
    used.push(gw);
    op = await operator(gw);
  });
  afterAll(() => op?.close());

  it("patch, list, reset and delete; values validated; main cannot be deleted", async () => {
    const patched = await op.request("sessions.patch", { key: "agent:main:group:telegram:-100", label: "Ops", thinkingLevel: "high", model: "anthropic/claude-x" });
    expect(patched.ok).toBe(true);
    expect(patched.payload).toMatchObject({
      ok: true,
      key: "agent:main:group:telegram:-100",
      entry: { label: "Ops", thinkingLevel: "high", modelOverride: "claude-x", providerOverride: "anthropic" },
      resolved: { modelProvider: "anthropic", model: "claude-x" },
    });
    expect(patched.payload.path).toBe(join(gw.stateDir, "agents/main/sessions/sessions.json"));
    await settle(5);
    await op.request("sessions.patch", { key: "main", label: "Home" });

    const bad = await op.request("sessions.patch", { key: "main", thinkingLevel: "extreme" });
    expect(bad.ok).toBe(false);
    expect(bad.error).toMatchObject({ code: "INVALID_REQUEST", details: { code: "INVALID_PARAMS", field: "thinkingLevel" } });
    const badKey = await op.request("sessions.patch", { key: "agent:main:nope:a b" });
    expect(badKey.error?.details.code).toBe("INVALID_PARAMS");

    const cleared = await op.request("sessions.patch", { key: "agent:main:group:telegram:-100", model: null });
    expect(cleared.payload.entry.modelOverride).toBeUndefined();

    const list = await op.request("sessions.list", { includeUnknown: true, includeGlobal: true, includeLastMessage: true, includeDerivedTitles: true });
    expect(list.payload.sessions.map((s: { key: string }) => s.key)).toEqual(["agent:main:group:telegram:-100", "agent:main:main"]);
    expect(list.payload.sessions[0]).toMatchObject({ kind: "group", label: "Ops", chatType: "group", channel: "telegram" });
    expect((await op.request("sessions.list", { search: "ops", limit: 5 })).payload.count).toBe(1);

    const before = list.payload.sessions[1].sessionId;
    const reset = await op.request("sessions.reset", { key: "main", reason: "new" });
    expect(reset.payload.entry.sessionId).not.toBe(before);
    expect(reset.payload.entry.label).toBe("Home");

    const main = await op.request("sessions.delete", { key: "agent:main:main" });
    expect(main.ok).toBe(false);
    expect(main.error?.message).toContain("cannot be deleted");
    const del = await op.request("sessions.delete", { key: "agent:main:group:telegram:-100", deleteTranscript: true });
    expect(del.payload).toMatchObject({ ok: true, deleted: true, archived: [] });
    expect((await op.request("sessions.list", {})).payload.count).toBe(1);
    expect((await op.request("sessions.preview", { keys: ["main", "agent:main:group:x:y"] })).payload.previews.map((p: { status: string }) => p.status)).toEqual(["empty", "missing"]);
    expect((await op.request("sessions.compact", { key: "main" })).payload).toMatchObject({ ok: true, compacted: false, reason: "no transcript" });
  });
});

describe("corrupt stores at start-up", () => {
  it("a zero-byte session store is moved aside with a log line, the backup restored, and the gateway starts", async () => {
    const stateDir = mkdtempSync(join(tmpdir(), "tidegate-e2e-corrupt-"));
    const dir = join(stateDir, "agents/main/sessions");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "sessions.json"), "");
    writeFileSync(join(dir, "sessions.json.bak"), JSON.stringify({ "agent:main:main": { sessionId: "abc", updatedAt: 1, label: "Saved" } }));
    mkdirSync(join(stateDir, "agents/ops/sessions"), { recursive: true });
    writeFileSync(join(stateDir, "agents/ops/sessions/sessions.json"), '{"agent:ops:main": {');
    const gw = await startGateway({ stateDir });
    used.push(gw);
    expect(gw.output()).toMatch(/store .*agents\/main\/sessions\/sessions\.json could not be read \(the file is empty\); moved it aside to .*corrupt-\d+ and restored/);
    expect(gw.output()).toMatch(/agents\/ops\/sessions\/sessions\.json could not be read .* started empty/);
    expect(readdirSync(join(stateDir, "agents/ops/sessions")).some((f) => f.startsWith("sessions.json.corrupt-"))).toBe(true);
    const op = await operator(gw);
    const list = await op.request("sessions.list", {});
    expect(list.payload.sessions.map((s: { label?: string }) => s.label)).toEqual(["Saved"]);
    op.close();
  });
});

describe("config over the wire", () => {
  let gw: GatewayProcess;
  let a: RawClient;
  let b: RawClient;
  beforeAll(async () => {
    gw = await startGateway({ config: { gateway: { reload: { debounceMs: 50 } } } });
    used.push(gw);
    a = await operator(gw);
    b = await operator(gw);
  });
  afterAll(() => {
    a?.close();
    b?.close();
  });

  it("two patches on one hash: exactly one wins, the other gets CONFLICT with the current hash", async () => {
    const { hash } = (await a.request("config.get")).payload;
    const [ra, rb] = await Promise.all([
      a.request("config.patch", { raw: "{ gateway: { healthIntervalMs: 11000 } }", baseHash: hash }),
      b.request("config.patch", { raw: "{ gateway: { healthIntervalMs: 12000 } }", baseHash: hash }),
    ]);
    expect([ra.ok, rb.ok].sort()).toEqual([false, true]);
    const [won, lost] = ra.ok ? [ra, rb] : [rb, ra];
    expect(lost.error).toMatchObject({ code: "INVALID_REQUEST", details: { code: "CONFLICT", currentHash: won.payload.hash } });
    expect(won.payload.restart).toMatchObject({ mode: "hot", hotPaths: ["gateway.healthIntervalMs"] });
    const snap = (await a.request("config.get")).payload;
    expect(snap.hash).toBe(won.payload.hash);
    const refused = await a.request("config.patch", { raw: '{ gateway: { port: "x" } }', baseHash: snap.hash });
    expect(refused.error).toMatchObject({ code: "INVALID_REQUEST", details: { code: "INVALID_PARAMS", field: "gateway.port", reason: "must be integer" } });
    const polluted = await a.request("config.patch", { raw: '{ "__proto__": { "x": 1 } }', baseHash: snap.hash });
    expect(polluted.ok).toBe(false);
    expect((await a.request("config.get")).payload.hash).toBe(snap.hash);
  });

  it("hot reload: an edited file comes into force; an invalid edit is logged and the last good config stays", async () => {
    const file = join(gw.stateDir, "tidegate.json");
    const current = JSON.parse(readFileSync(file, "utf8"));
    writeFileSync(file, JSON.stringify({ ...current, gateway: { ...current.gateway, tickIntervalMs: 4321 } }));
    await until(
      async () => (await a.request("config.get")).payload.config.gateway?.tickIntervalMs,
      (v) => v === 4321,
      "the edit to take effect",
    );
    const fresh = await RawClient.open(gw.url);
    const hello = await fresh.connect({ token: gw.token, scopes: ["operator.read"] });
    expect(hello.payload.policy.tickIntervalMs).toBe(4321);
    fresh.close();

    writeFileSync(file, '{ gateway: { tickIntervalMs: "soon" } }');
    await until(
      async () => allLogs(gw.stateDir),
      (t) => t.includes("config reload skipped"),
      "the invalid edit to be logged",
    );
    const snap = (await a.request("config.get")).payload;
    expect(snap).toMatchObject({ valid: false, issues: [{ path: "gateway.tickIntervalMs", message: "must be integer" }] });
    expect(snap.config.gateway.tickIntervalMs).toBe(4321);
    expect(allLogs(gw.stateDir)).toMatch(/tidegate\.json: at gateway\.tickIntervalMs: must be integer; keeping the last good config/);
    expect(readFileSync(file, "utf8")).toBe('{ gateway: { tickIntervalMs: "soon" } }');
    const fixed = await a.request("config.set", { raw: JSON.stringify({ gateway: { tickIntervalMs: 5000, reload: { debounceMs: 50 } } }), baseHash: snap.hash });
    expect(fixed.ok).toBe(true);
  });

  it("an infrastructure change restarts in-process: 1012, rebind, clients reconnect and see it", async () => {
    const { hash } = (await a.request("config.get")).payload;
    const closing = a.waitClose(10_000);
    const res = await a.request("config.patch", { raw: "{ gateway: { limits: { maxPayload: 262144 } } }", baseHash: hash });
    expect(res.payload.restart).toMatchObject({ mode: "restart", restartPaths: ["gateway.limits.maxPayload"] });
    expect((await closing).code).toBe(1012);
    const again = await until(
      async () =>
        RawClient.open(gw.url).then(
          (c) => c,
          () => undefined,
        ),
      (c) => c !== undefined,
      "the gateway to listen again",
    );
    const hello = await again!.connect({ token: gw.token, scopes: ["operator.admin"] });
    expect(hello.payload.policy.maxPayload).toBe(262144);
    expect((await again!.request("config.get")).payload.config.gateway.limits.maxPayload).toBe(262144);
    again!.close();
    expect(gw.output()).toContain("restarted, listening on");
  });
});

describe("durability", () => {
  it("SIGKILL while clients patch sessions and config: every store parses and every acknowledged write is there (50 rounds)", async () => {
    const report = await runDurability(50);
    used.push(...report.gateways);
    expect(report.violations).toEqual([]);
    expect(report.acknowledged).toBeGreaterThan(50);
    expect(readdirSync(join(report.stateDir, "agents/main/sessions")).filter((f) => f.endsWith(".tmp") && !f.startsWith("."))).toEqual([]);
    const { port, token, stateDir } = report.gateways[0];
    const last = await startGateway({ stateDir, port, token });
    used.push(last);
    const c = await operator(last);
    expect((await c.request("sessions.list", {})).payload.count).toBe(13);
    c.close();
  }, 300_000);
});

describe("logs", () => {
  it("logs.tail reads the JSONL file; no log file or terminal line holds the token (after every gateway of this file)", async () => {
    const gw = await startGateway({ args: ["--log-level", "debug"], config: { gateway: { logRequests: true }, logging: { level: "debug" } } });
    used.push(gw);
    const op = await operator(gw);
    await op.request("sessions.patch", { key: "main", label: `t ${gw.token.slice(-8)}` });
    const wrong = await RawClient.open(gw.url);
    await wrong.connect({ token: gw.token + "x" }).catch(() => undefined);
    wrong.close();
    const tail = await op.request("logs.tail", { limit: 50 });
    expect(tail.payload.file).toBe(join(gw.stateDir, "logs/gateway.log"));
    expect(tail.payload.lines.length).toBeGreaterThan(0);
    const first = JSON.parse(tail.payload.lines[0]);
    expect(first._meta.logLevelName).toBeDefined();
    const next = await op.request("logs.tail", { cursor: tail.payload.cursor });
    expect(next.payload.reset).toBe(false);
    op.close();
    for (const g of used) await g.stop("SIGTERM");
    for (const g of used) {
      const text = allLogs(g.stateDir) + g.output();
      expect(text.length).toBeGreaterThan(0);
      expect(text.includes(g.token), `token of ${g.stateDir} in its logs`).toBe(false);
    }
    for (const g of used) await g.dispose();
  });
});
