/** End to end: start-up rules, events (seq, presence, tick), dispatch errors, flood guard, shutdown. */

import { existsSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { METHOD_NAMES, METHODS } from "../../generated/ts/registry.js";
import { runProcess } from "../../testing/child.js";
import { freePort, startGateway, TIDEGATE_BIN } from "../../testing/gateway-process.js";
import { RawClient } from "../../testing/raw-client.js";

async function runCli(args: string[], env: Record<string, string> = {}) {
  const stateDir = env.TIDEGATE_STATE_DIR ?? mkdtempSync(join(tmpdir(), "tidegate-cli-"));
  const result = await runProcess(process.execPath, [TIDEGATE_BIN, ...args], { env: { TIDEGATE_STATE_DIR: stateDir, ...env }, timeoutMs: 120_000 });
  return { code: result.code, out: result.out, stateDir };
}

describe("start-up", () => {
  it("an invalid config names the file and the field and exits non-zero", async () => {
    const stateDir = mkdtempSync(join(tmpdir(), "tidegate-cfg-"));
    writeFileSync(join(stateDir, "tidegate.json"), "{ gateway: { port: 'high' } }");
    const { code, out } = await runCli(["gateway", "run", "--port", String(await freePort())], { TIDEGATE_STATE_DIR: stateDir });
    expect(code).toBe(1);
    expect(out).toContain(`invalid config ${join(stateDir, "tidegate.json")}: at /gateway/port: must be integer`);
  });

  it("a config with __proto__ is refused", async () => {
    const stateDir = mkdtempSync(join(tmpdir(), "tidegate-cfg-"));
    writeFileSync(join(stateDir, "tidegate.json"), '{ "__proto__": { "polluted": true } }');
    const { code, out } = await runCli(["gateway", "run", "--port", String(await freePort())], { TIDEGATE_STATE_DIR: stateDir });
    expect(code).toBe(1);
    expect(out).toContain("forbidden key '__proto__'");
  });

  it("a port in use is reported and exits non-zero", async () => {
    const blocker = createServer();
    const port = await freePort();
    await new Promise<void>((done) => blocker.listen(port, "127.0.0.1", done));
    try {
      const { code, out } = await runCli(["gateway", "run", "--port", String(port)]);
      expect(code).toBe(1);
      expect(out).toContain(`port ${port} on 127.0.0.1 is already in use`);
    } finally {
      blocker.close();
    }
  });

  it("a non-loopback bind without authentication exits 78", async () => {
    const stateDir = mkdtempSync(join(tmpdir(), "tidegate-cfg-"));
    writeFileSync(join(stateDir, "tidegate.json"), "{ gateway: { auth: { mode: 'none' } } }");
    const { code, out } = await runCli(["gateway", "run", "--bind", "lan", "--port", String(await freePort())], { TIDEGATE_STATE_DIR: stateDir });
    expect(code).toBe(78);
    expect(out).toContain("refusing to listen on 0.0.0.0 without authentication");
  });

  it("with no config generates a token once, stores it 0600 and prints it with the URL", async () => {
    const stateDir = mkdtempSync(join(tmpdir(), "tidegate-fresh-"));
    const port = await freePort();
    const run = () =>
      runProcess(process.execPath, [TIDEGATE_BIN, "gateway", "run", "--port", String(port)], { env: { TIDEGATE_STATE_DIR: stateDir, TIDEGATE_GATEWAY_TOKEN: "" }, until: /Connect with: .*\n/ });
    const first = await run();
    expect(first.stdout).toMatch(new RegExp(`Connect with: ws://127.0.0.1:${port}  token: [A-Za-z0-9_-]{43}`));
    expect(statSync(join(stateDir, "gateway.token")).mode & 0o777).toBe(0o600);
    // Device tokens are random and stored only as hashes: no key in the state dir (issue 9 item 8).
    expect(existsSync(join(stateDir, "device-token.key"))).toBe(false);
    const second = await run();
    expect(second.stdout).toContain(`(token in ${join(stateDir, "gateway.token")})`);
    expect(second.stdout).not.toMatch(/token: [A-Za-z0-9_-]{43}/);
  });
});

describe("connection limits", () => {
  it("sockets beyond the per-address limit are refused with 429 before the upgrade", async () => {
    const gw = await startGateway({ config: { gateway: { limits: { maxConnectionsPerAddress: 3 } } } });
    try {
      const held = await Promise.all([1, 2, 3].map(() => RawClient.open(gw.url)));
      await expect(RawClient.open(gw.url)).rejects.toThrow(/429/);
      held[0].close();
      await held[0].waitClose();
      await new Promise((r) => setTimeout(r, 50));
      const again = await RawClient.open(gw.url);
      again.close();
      held.slice(1).forEach((c) => c.close());
    } finally {
      await gw.dispose();
    }
  });
});

describe("events", () => {
  it("seq counts per connection; presence carries stateVersion; ticks arrive on schedule", async () => {
    const gw = await startGateway({ config: { gateway: { tickIntervalMs: 1000, healthIntervalMs: 1000 } } });
    const ui = { id: "openclaw-control-ui", mode: "ui" };
    try {
      const watcher = await RawClient.open(gw.url);
      await watcher.connect({ token: gw.token, client: ui });
      const cli = await RawClient.open(gw.url);
      await cli.connect({ token: gw.token });
      const other = await RawClient.open(gw.url);
      await other.connect({ token: gw.token, client: ui });
      // The gateway and the two UIs; the CLI call is not presence (as in v3). Bursts are coalesced,
      // so on a busy machine the joins may arrive as one event or two.
      const joined = await watcher.next((f) => f.event === "presence" && (f.payload as { presence: unknown[] }).presence.length === 3);
      expect(joined.stateVersion).toEqual({ presence: expect.any(Number), health: expect.any(Number) });
      const hosts = (joined.payload as { presence: { mode?: string }[] }).presence.map((p) => p.mode);
      expect(hosts).toEqual(["gateway", "ui", "ui"]);
      cli.close();
      other.close();
      // As in v3 the row outlives its connection for five minutes, marked `reason: "disconnect"`.
      const left = await watcher.next((f) => f.event === "presence" && f.seq! > joined.seq! && (f.payload as { presence: { reason?: string }[] }).presence.some((p) => p.reason === "disconnect"));
      expect((left.payload as { presence: { mode?: string; reason?: string }[] }).presence.map((p) => [p.mode, p.reason])).toEqual([
        ["gateway", "self"],
        ["ui", "disconnect"],
        ["ui", "connect"],
      ]);
      expect(left.stateVersion!.presence).toBeGreaterThan(joined.stateVersion!.presence);
      // On a busy machine ticks and health events may come between the joins and the leave: take the first after it.
      const tick = await watcher.next((f) => f.event === "tick" && f.seq! > left.seq!, 10_000);
      expect(tick.seq).toBeGreaterThanOrEqual(3);
      expect(tick.payload.ts).toEqual(expect.any(Number));
      const health = await watcher.next((f) => f.event === "health" && f.seq! > left.seq!, 10_000);
      expect(health.payload).toMatchObject({ ok: true, ts: expect.any(Number) });
      expect(health.stateVersion!.health).toBeGreaterThan(joined.stateVersion!.health);
      const seqs = watcher.frames.filter((f) => f.seq !== undefined).map((f) => f.seq!);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
      watcher.close();
    } finally {
      await gw.dispose();
    }
  });
});

describe("dispatch", () => {
  it("unknown methods suggest the nearest; unimplemented families answer UNAVAILABLE; garbage floods close the socket", async () => {
    const gw = await startGateway();
    try {
      const client = await RawClient.open(gw.url);
      await client.connect({ token: gw.token });
      const typo = await client.request("node.lsit");
      expect(typo.error).toMatchObject({ code: "INVALID_REQUEST", details: { code: "UNKNOWN_METHOD" } });
      expect(typo.error!.message).toContain("did you mean 'node.list'");
      const unbuilt = METHOD_NAMES.find((m) => (METHODS[m] as { unavailable?: string }).unavailable);
      if (unbuilt) {
        const later = await client.request(unbuilt);
        expect(later.error).toMatchObject({ code: "UNAVAILABLE", details: { code: "NOT_IMPLEMENTED", method: unbuilt } });
        expect(later.error!.message).toContain((METHODS[unbuilt] as { unavailable?: string }).unavailable);
      }
      const badParams = await client.request("node.describe", { nodeId: 7 });
      expect(badParams.error).toMatchObject({ code: "INVALID_REQUEST", message: "invalid node.describe params: at /nodeId: must be string" });
      const noKey = await client.request("node.invoke", { nodeId: "n", command: "c" });
      expect(noKey.error!.message).toContain("missing property 'idempotencyKey'");
      const badFrame = await (async () => {
        client.sendRaw(JSON.stringify({ type: "req", id: "bad-1", method: "health", extra: 1 }));
        return client.next((f) => f.id === "bad-1");
      })();
      expect(badFrame.error).toMatchObject({ code: "INVALID_REQUEST", details: { code: "INVALID_FRAME" } });
      const bystander = await RawClient.open(gw.url);
      await bystander.connect({ token: gw.token });
      for (let i = 0; i < 30; i++) client.sendRaw("[1,2,3]");
      expect((await client.waitClose()).code).toBe(1008);
      expect((await bystander.request("health")).ok).toBe(true);
      bystander.close();
    } finally {
      await gw.dispose();
    }
  });
});

describe("shutdown", () => {
  it("SIGTERM broadcasts shutdown, closes sockets with 1012 and exits 0", async () => {
    const gw = await startGateway();
    try {
      const client = await RawClient.open(gw.url);
      await client.connect({ token: gw.token });
      const exit = gw.stop("SIGTERM");
      const shutdown = await client.next((f) => f.event === "shutdown");
      expect(shutdown.payload).toEqual({ reason: "signal" });
      expect((await client.waitClose()).code).toBe(1012);
      expect(await exit).toBe(0);
    } finally {
      await gw.dispose();
    }
  });
});
