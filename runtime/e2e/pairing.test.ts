/**
 * End to end: pairing of a non-local device, device tokens across a restart,
 * scopes granted by the server, scope denial, token rotation and revocation.
 * A browser `Origin` (allowed by config) makes a loopback client non-local.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GatewayProcess, startGateway } from "../../testing/gateway-process.js";
import { DeviceKey, RawClient } from "../../testing/raw-client.js";

const ORIGIN = "http://ui.example.test";
let gw: GatewayProcess;
let admin: RawClient;

const remote = () => RawClient.open(gw.url, { Origin: ORIGIN });

beforeAll(async () => {
  gw = await startGateway({ config: { gateway: { allowedOrigins: [ORIGIN] } } });
  admin = await RawClient.open(gw.url);
  expect((await admin.connect({ token: gw.token, scopes: ["operator.admin"] })).ok).toBe(true);
});
afterAll(async () => {
  admin?.close();
  await gw.dispose();
});

/** Connect a remote device, approve its request as admin, connect again; returns the hello. */
async function pairRemote(device: DeviceKey, scopes: string[]) {
  const first = await remote();
  const refused = await first.connect({ token: gw.token, device, scopes });
  expect(refused.error).toMatchObject({ code: "NOT_PAIRED", details: { code: "PAIRING_REQUIRED", requestId: expect.any(String) } });
  expect((await first.waitClose()).code).toBe(1008);
  const approved = await admin.request("device.pair.approve", { requestId: refused.error!.details.requestId });
  expect(approved.ok).toBe(true);
  const second = await remote();
  const hello = await second.connect({ token: gw.token, device, scopes });
  expect(hello.ok).toBe(true);
  return { client: second, hello: hello.payload, requestId: refused.error!.details.requestId as string };
}

describe("pairing", () => {
  it("browser origins outside the allowlist are refused with 403 before the upgrade", async () => {
    await expect(RawClient.open(gw.url, { Origin: "http://evil.test" })).rejects.toThrow(/403/);
    await expect(RawClient.open(gw.url, { Origin: "null" })).rejects.toThrow(/403/);
  });

  it("a non-local device waits for approval; pairing operators are told", async () => {
    const device = new DeviceKey();
    const client = await remote();
    const res = await client.connect({ token: gw.token, device, scopes: ["operator.read"] });
    expect(res.error?.code).toBe("NOT_PAIRED");
    const event = await admin.next((f) => f.event === "device.pair.requested" && f.payload.deviceId === device.id);
    expect(event.payload).toMatchObject({ requestId: res.error!.details.requestId, role: "operator", scopes: ["operator.read"], publicKey: device.publicKey });
    expect(event.seq).toEqual(expect.any(Number));
    const list = await admin.request("device.pair.list");
    expect(list.payload.pending.map((p: { deviceId: string }) => p.deviceId)).toContain(device.id);
  });

  it("forwarding headers from an untrusted peer make a loopback client non-local", async () => {
    const client = await RawClient.open(gw.url, { "X-Forwarded-For": "203.0.113.9" });
    const res = await client.connect({ token: gw.token, device: new DeviceKey() });
    expect(res.error).toMatchObject({ code: "NOT_PAIRED", details: { code: "PAIRING_REQUIRED" } });
  });

  it("a repeat of the same request reuses the pending request (requests are immutable)", async () => {
    const device = new DeviceKey();
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const client = await remote();
      ids.push((await client.connect({ token: gw.token, device, scopes: ["operator.read"] })).error!.details.requestId);
    }
    expect(ids[0]).toBe(ids[1]);
  });

  it("approval pairs the device with exactly the requested scopes", async () => {
    const device = new DeviceKey();
    const { client, hello } = await pairRemote(device, ["operator.read"]);
    expect(hello.auth).toMatchObject({ role: "operator", scopes: ["operator.read"], deviceToken: expect.any(String) });
    expect((await client.request("health")).ok).toBe(true);
    client.close();
  });

  it("a scope upgrade on reconnect creates a new pairing request instead of granting it", async () => {
    const device = new DeviceKey();
    const { client } = await pairRemote(device, ["operator.read"]);
    client.close();
    const again = await remote();
    const res = await again.connect({ token: gw.token, device, scopes: ["operator.read", "operator.admin"] });
    expect(res.error).toMatchObject({ code: "NOT_PAIRED", details: { code: "PAIRING_REQUIRED" } });
    const pending = (await admin.request("device.pair.list")).payload.pending.find((p: { deviceId: string }) => p.deviceId === device.id);
    expect(pending).toMatchObject({ isRepair: true, scopes: ["operator.admin", "operator.read"] });
  });

  it("rejecting a request tells pairing operators and forgets it", async () => {
    const device = new DeviceKey();
    const client = await remote();
    const requestId = (await client.connect({ token: gw.token, device })).error!.details.requestId;
    const res = await admin.request("device.pair.reject", { requestId });
    expect(res.payload).toEqual({ requestId, deviceId: device.id });
    await admin.next((f) => f.event === "device.pair.resolved" && f.payload.requestId === requestId);
    expect((await admin.request("device.pair.reject", { requestId })).error).toMatchObject({ code: "INVALID_REQUEST", details: { code: "NOT_FOUND" } });
  });
});

describe("scopes", () => {
  it("are granted by the server: a read-only device cannot write, pair or administer", async () => {
    const device = new DeviceKey();
    const { client } = await pairRemote(device, ["operator.read"]);
    expect((await client.request("status")).ok).toBe(true);
    expect((await client.request("config.set", { raw: "{}" })).error).toMatchObject({ code: "INVALID_REQUEST", message: "missing scope: operator.admin", details: { code: "MISSING_SCOPE" } });
    expect((await client.request("device.pair.list")).error?.details.code).toBe("MISSING_SCOPE");
    expect((await client.request("node.invoke", { nodeId: "x", command: "y", idempotencyKey: "k" })).error?.details.code).toBe("MISSING_SCOPE");
    client.close();
  });

  it("a read-only device never sees pairing events", async () => {
    const device = new DeviceKey();
    const { client } = await pairRemote(device, ["operator.read"]);
    const stranger = await remote();
    await stranger.connect({ token: gw.token, device: new DeviceKey() });
    await admin.next((f) => f.event === "device.pair.requested" && f.payload.deviceId !== device.id && !client.frames.includes(f));
    await new Promise((r) => setTimeout(r, 50));
    expect(client.frames.some((f) => f.event === "device.pair.requested")).toBe(false);
    client.close();
  });

  it("approvals cannot grant more than the approver holds", async () => {
    const pairer = new DeviceKey();
    const { client: limited } = await pairRemote(pairer, ["operator.pairing"]);
    const device = new DeviceKey();
    const asking = await remote();
    const requestId = (await asking.connect({ token: gw.token, device, scopes: ["operator.admin"] })).error!.details.requestId;
    const res = await limited.request("device.pair.approve", { requestId });
    expect(res.error).toMatchObject({ code: "INVALID_REQUEST", details: { code: "MISSING_SCOPE" } });
    limited.close();
  });

  it("nodes may not call operator methods and operators may not call node methods", async () => {
    const node = await RawClient.open(gw.url);
    expect((await node.connect({ token: gw.token, role: "node", commands: ["system.which"] })).ok).toBe(true);
    expect((await node.request("health")).error).toMatchObject({ code: "INVALID_REQUEST", details: { code: "ROLE_NOT_ALLOWED" } });
    expect((await admin.request("node.invoke.result", { id: "x", nodeId: "y", ok: true })).error).toMatchObject({ code: "INVALID_REQUEST", details: { code: "ROLE_NOT_ALLOWED" } });
    node.close();
  });
});

describe("node pairing", () => {
  it("a non-local node waits; node.pair.* lists, approves and verifies it", async () => {
    const device = new DeviceKey();
    const node = await remote();
    const refused = await node.connect({ token: gw.token, role: "node", device, commands: ["system.which"] });
    expect(refused.error).toMatchObject({ code: "NOT_PAIRED" });
    const requested = await admin.next((f) => f.event === "node.pair.requested" && f.payload.nodeId === device.id);
    expect(requested.payload).toMatchObject({ requestId: refused.error!.details.requestId, commands: ["system.which"] });
    const list = await admin.request("node.pair.list");
    expect(list.payload.pending.map((p: { nodeId: string }) => p.nodeId)).toContain(device.id);
    expect((await admin.request("node.pair.request", { nodeId: device.id })).payload).toMatchObject({ status: "pending", created: false });
    const approved = await admin.request("node.pair.approve", { requestId: refused.error!.details.requestId });
    expect(approved.payload).toMatchObject({ requestId: refused.error!.details.requestId, node: { nodeId: device.id, approvedAtMs: expect.any(Number) } });
    const again = await remote();
    const hello = await again.connect({ token: gw.token, role: "node", device, commands: ["system.which"] });
    expect(hello.ok).toBe(true);
    expect((await admin.request("node.pair.verify", { nodeId: device.id, token: hello.payload.auth.deviceToken })).payload).toMatchObject({ ok: true, node: { nodeId: device.id } });
    expect((await admin.request("node.pair.verify", { nodeId: device.id, token: "nope" })).payload.ok).toBe(false);
    expect((await admin.request("node.pair.list")).payload.paired.map((p: { nodeId: string }) => p.nodeId)).toContain(device.id);
    again.close();
  });
});

describe("device tokens", () => {
  it("rotation never exceeds the approved scopes, and closes the device's sockets", async () => {
    const device = new DeviceKey();
    const { client } = await pairRemote(device, ["operator.read"]);
    const tooMuch = await admin.request("device.token.rotate", { deviceId: device.id, role: "operator", scopes: ["operator.admin"] });
    expect(tooMuch.error).toMatchObject({ code: "INVALID_REQUEST", details: { code: "MISSING_SCOPE" } });
    const rotated = await admin.request("device.token.rotate", { deviceId: device.id, role: "operator" });
    expect(rotated.payload).toMatchObject({ deviceId: device.id, role: "operator", scopes: ["operator.read"], token: expect.any(String), rotatedAtMs: expect.any(Number) });
    expect((await client.waitClose()).code).toBe(1008);
  });

  it("non-admins may rotate only their own device", async () => {
    const mine = new DeviceKey();
    const { client } = await pairRemote(mine, ["operator.pairing"]);
    const unknown = await admin.request("device.token.rotate", { deviceId: new DeviceKey().id, role: "operator" });
    expect(unknown.error?.details.code).toBe("NOT_FOUND");
    const foreign = await client.request("device.token.rotate", { deviceId: "f".repeat(64), role: "operator" });
    expect(foreign.error).toMatchObject({ code: "INVALID_REQUEST", details: { code: "MISSING_SCOPE" } });
    const own = await client.request("device.token.rotate", { deviceId: mine.id, role: "operator" });
    expect(own.ok).toBe(true);
    expect(own.payload.token).toEqual(expect.any(String));
  });

  it("revoking closes the live sockets and the old token stops working", async () => {
    const device = new DeviceKey();
    const { client, hello } = await pairRemote(device, ["operator.read"]);
    const res = await admin.request("device.token.revoke", { deviceId: device.id, role: "operator" });
    expect(res.payload).toMatchObject({ deviceId: device.id, role: "operator", revokedAtMs: expect.any(Number) });
    expect((await client.waitClose()).code).toBe(1008);
    const again = await remote();
    const refused = await again.connect({ device, deviceToken: hello.auth.deviceToken });
    expect(refused.error?.details.code).toBe("AUTH_DEVICE_TOKEN_INVALID");
  });

  it("removing a device closes its sockets", async () => {
    const device = new DeviceKey();
    const { client } = await pairRemote(device, ["operator.read"]);
    expect((await admin.request("device.pair.remove", { deviceId: device.id })).payload).toEqual({ deviceId: device.id });
    expect((await client.waitClose()).code).toBe(1008);
  });

  it("survive a gateway restart: a device token alone reconnects, and pairings persist", async () => {
    const device = new DeviceKey();
    const { client, hello } = await pairRemote(device, ["operator.read"]);
    client.close();
    admin.close();
    const stateDir = gw.stateDir;
    expect(await gw.stop()).toBe(0);
    const restarted = await startGateway({ stateDir, token: gw.token, config: { gateway: { allowedOrigins: [ORIGIN] } } });
    try {
      const back = await RawClient.open(restarted.url, { Origin: ORIGIN });
      const res = await back.connect({ device, deviceToken: hello.auth.deviceToken, scopes: ["operator.read"] });
      expect(res.ok).toBe(true);
      expect(res.payload.auth.deviceToken).toBe(hello.auth.deviceToken);
      back.close();
    } finally {
      await restarted.stop();
    }
  });
});
