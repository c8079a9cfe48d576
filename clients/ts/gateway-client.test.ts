/** The TS client against the real gateway process, and against a scripted ws server for gaps and missed ticks. */

import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocketServer } from "ws";
import { freePort, type GatewayProcess, startGateway } from "../../testing/gateway-process.js";
import { DeviceIdentity, DeviceTokenStore, GatewayClient, GatewayClientError } from "./index.js";

let gw: GatewayProcess;
beforeAll(async () => {
  gw = await startGateway();
});
afterAll(() => gw.dispose());

const clientFor = (options: Partial<ConstructorParameters<typeof GatewayClient>[0]> = {}) => new GatewayClient({ url: gw.url, token: gw.token, reconnect: false, ...options });

describe("GatewayClient against the gateway", () => {
  it("connects with a persisted identity and keeps the issued device token 0600", async () => {
    const stateDir = mkdtempSync(join(tmpdir(), "tidegate-client-"));
    const client = clientFor({ identity: DeviceIdentity.load(stateDir), tokens: DeviceTokenStore.at(stateDir) });
    const hello = await client.start();
    expect(hello.auth?.deviceToken).toEqual(expect.any(String));
    expect(statSync(join(stateDir, "identity/device.json")).mode & 0o777).toBe(0o600);
    expect(statSync(join(stateDir, "identity/device-tokens.json")).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(join(stateDir, "identity/device-tokens.json"), "utf8"))[gw.url].operator.deviceToken).toBe(hello.auth!.deviceToken);
    expect(DeviceIdentity.load(stateDir).deviceId).toBe(client.deviceId);
    await client.close();

    // Later, without the shared token: the stored device token is enough.
    const again = new GatewayClient({ url: gw.url, reconnect: false, identity: DeviceIdentity.load(stateDir), tokens: DeviceTokenStore.at(stateDir) });
    expect((await again.start()).auth?.deviceToken).toBe(hello.auth!.deviceToken);
    await again.close();
  });

  it("types calls and adds idempotency keys to side-effecting methods", async () => {
    const client = clientFor();
    await client.start();
    const health = await client.call("health");
    expect(health.ok).toBe(true);
    const error = await client.call("node.invoke", { nodeId: "f".repeat(64), command: "x" } as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayClientError);
    expect((error as GatewayClientError).detailCode).toBe("NOT_FOUND"); // not INVALID_PARAMS: the key was added
    await client.close();
  });

  it("surfaces gateway errors as one typed error with code and details", async () => {
    const client = clientFor();
    await client.start();
    const error = (await client.call("cron.run", { id: "no-such-job" }).catch((e: unknown) => e)) as GatewayClientError;
    expect(error).toMatchObject({ code: "INVALID_REQUEST", details: { code: "NOT_FOUND", id: "no-such-job" } });
    expect(error.fromGateway).toBe(true);
    await client.close();
  });

  it("times out and aborts calls", async () => {
    const node = clientFor({ role: "node", commands: ["slow.thing"] });
    await node.start();
    const client = clientFor();
    await client.start();
    const slow = () => client.call("node.invoke", { nodeId: node.deviceId, command: "slow.thing", timeoutMs: 5000, idempotencyKey: crypto.randomUUID() }, { timeoutMs: 100 });
    expect(await slow().catch((e: GatewayClientError) => e.code)).toBe("TIMEOUT");
    const controller = new AbortController();
    const pending = client.call("node.invoke", { nodeId: node.deviceId, command: "slow.thing", idempotencyKey: crypto.randomUUID() }, { signal: controller.signal });
    controller.abort();
    expect(await pending.catch((e: GatewayClientError) => e.code)).toBe("ABORTED");
    await Promise.all([client.close(), node.close()]);
  });

  it("refuses to send credentials over plain ws:// to a remote host", () => {
    const client = new GatewayClient({ url: "ws://gateway.example.test:18789", token: "secret" });
    expect(() => client.start()).toThrow(/refusing to send credentials over plain ws:\/\//);
    expect(() => new GatewayClient({ url: "ws://gateway.example.test:18789", token: "secret", allowInsecureRemote: true, reconnect: false }).start().catch(() => undefined)).not.toThrow();
  });

  it("gives events as typed listeners and as a bounded async iterator", async () => {
    const watcher = clientFor();
    await watcher.start();
    const seen: number[] = [];
    watcher.on("presence", (p) => seen.push(p.presence.length));
    const queue = watcher.events("presence", 1);
    for (let i = 0; i < 3; i++) {
      const other = clientFor({ client: { id: "webchat-ui", mode: "ui" } });
      await other.start();
      await new Promise((r) => setTimeout(r, 100));
      await other.close();
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(queue.dropped).toBe(seen.length - 1);
    const first = await queue.next();
    expect(first.value.presence.length).toBeGreaterThan(0);
    await queue.return();
    await watcher.close();
  });

  it("reconnects after a gateway restart, resets seq, and rejects in-flight calls instead of replaying them", async () => {
    const port = await freePort();
    const stateDir = mkdtempSync(join(tmpdir(), "tidegate-restart-"));
    let gateway = await startGateway({ port, stateDir, token: "restart-token" });
    const client = new GatewayClient({ url: gateway.url, token: "restart-token", backoff: { initialMs: 50, maxMs: 200 } });
    await client.start();
    const hellos: string[] = [];
    client.onLifecycle("hello", (h) => hellos.push(h.server.connId));
    const node = new GatewayClient({ url: gateway.url, token: "restart-token", role: "node", commands: ["never.answers"], reconnect: false });
    await node.start();
    const inFlight = client.call("node.invoke", { nodeId: node.deviceId, command: "never.answers", idempotencyKey: "once" }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    await gateway.stop();
    const error = (await inFlight) as GatewayClientError;
    expect(error.code).toBe("DISCONNECTED");
    gateway = await startGateway({ port, stateDir, token: "restart-token" });
    try {
      const seqs: number[] = [];
      client.subscribe("*", (frame) => seqs.push((frame as { seq: number }).seq));
      await new Promise<void>((done) => client.onLifecycle("hello", () => done()));
      expect(hellos).toHaveLength(1);
      expect((await client.call("health")).ok).toBe(true);
      const other = new GatewayClient({ url: gateway.url, token: "restart-token", reconnect: false, client: { id: "webchat-ui", mode: "ui" } });
      await other.start();
      await new Promise((r) => setTimeout(r, 100));
      await other.close();
      expect(seqs[0]).toBe(1);
    } finally {
      await client.close();
      await node.close();
      await gateway.dispose();
    }
  });
});

describe("GatewayClient against a scripted server", () => {
  async function scripted(afterHello: (send: (frame: object) => void) => void, tickIntervalMs = 30000) {
    const port = await freePort();
    const wss = new WebSocketServer({ port, host: "127.0.0.1" });
    let connections = 0;
    wss.on("connection", (ws) => {
      connections++;
      const send = (frame: object) => ws.send(JSON.stringify(frame));
      send({ type: "event", event: "connect.challenge", payload: { nonce: "n", ts: 1 } });
      ws.on("message", (data) => {
        const req = JSON.parse(String(data));
        if (req.method !== "connect") return;
        send({
          type: "res",
          id: req.id,
          ok: true,
          payload: {
            type: "hello-ok",
            protocol: 3,
            server: { version: "x", connId: `c${connections}` },
            features: { methods: [], events: [] },
            snapshot: {},
            policy: { maxPayload: 1, maxBufferedBytes: 1, tickIntervalMs },
          },
        });
        afterHello(send);
      });
    });
    return { url: `ws://127.0.0.1:${port}`, close: () => new Promise((r) => wss.close(r)), connections: () => connections };
  }

  it("reports gaps in seq", async () => {
    const server = await scripted((send) => [1, 2, 5].forEach((seq) => send({ type: "event", event: "tick", payload: { ts: seq }, seq })));
    const client = new GatewayClient({ url: server.url, reconnect: false });
    const gaps: unknown[] = [];
    client.onLifecycle("gap", (g) => gaps.push(g));
    await client.start();
    await new Promise((r) => setTimeout(r, 100));
    expect(gaps).toEqual([{ expected: 3, received: 5 }]);
    await client.close();
    await server.close();
  });

  it("closes with 4000 after two missed ticks and reconnects", async () => {
    const server = await scripted(() => {}, 100);
    const client = new GatewayClient({ url: server.url, backoff: { initialMs: 20, maxMs: 50 } });
    const closes: number[] = [];
    client.onLifecycle("disconnect", ({ code }) => closes.push(code));
    await client.start();
    await new Promise((r) => setTimeout(r, 1600));
    expect(closes[0]).toBe(4000);
    expect(server.connections()).toBeGreaterThanOrEqual(2);
    await client.close();
    await server.close();
  });
});

describe("TLS fingerprints", () => {
  it("are normalised from any spelling, and anything else is refused", async () => {
    const { normalizeFingerprint } = await import("./tls-pin.js");
    const colons = Array.from({ length: 32 }, (_, i) => i.toString(16).padStart(2, "0").toUpperCase()).join(":");
    expect(normalizeFingerprint(colons.toLowerCase())).toBe(colons);
    expect(normalizeFingerprint(colons.replace(/:/g, ""))).toBe(colons);
    expect(normalizeFingerprint(`sha256:${colons}`)).toBe(colons);
    expect(() => normalizeFingerprint("AB:CD")).toThrow(/not a SHA-256 fingerprint/);
    expect(() => normalizeFingerprint(colons.replace("1F", "ZZ"))).toThrow(/not a SHA-256 fingerprint/);
  });
});
