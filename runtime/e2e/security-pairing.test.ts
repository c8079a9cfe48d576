/**
 * End to end, found by review (issue 9 items 5, 6, 7): scopes without a device
 * identity, silent widening of an existing grant, and pairing operators acting on
 * devices above them. Each test names the threat it covers (threats.md). A browser
 * `Origin` (allowed by config) makes a loopback client non-local.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GatewayProcess, startGateway } from "../../testing/gateway-process.js";
import { type ConnectOptions, DeviceKey, RawClient } from "../../testing/raw-client.js";

const ORIGIN = "http://ui.example.test";
let gw: GatewayProcess;
let admin: RawClient;

const remote = () => RawClient.open(gw.url, { Origin: ORIGIN });
const local = () => RawClient.open(gw.url);

beforeAll(async () => {
  gw = await startGateway({ config: { gateway: { allowedOrigins: [ORIGIN] } } });
  admin = await local();
  expect((await admin.connect({ token: gw.token, scopes: ["operator.admin"] })).ok).toBe(true);
});
afterAll(async () => {
  admin?.close();
  await gw.dispose();
});

/** Connect a remote device, approve its request as admin, connect again; returns the live client. */
async function pairRemote(device: DeviceKey, scopes: string[], options: ConnectOptions = {}) {
  const first = await remote();
  const refused = await first.connect({ token: gw.token, device, scopes, ...options });
  expect(refused.error).toMatchObject({ code: "NOT_PAIRED", details: { code: "PAIRING_REQUIRED" } });
  expect((await admin.request("device.pair.approve", { requestId: refused.error!.details.requestId })).ok).toBe(true);
  const second = await remote();
  const hello = await second.connect({ token: gw.token, device, scopes, ...options });
  expect(hello.ok).toBe(true);
  return second;
}

async function grantOf(deviceId: string, role = "operator"): Promise<string[] | undefined> {
  const list = await admin.request("device.pair.list");
  const device = list.payload.paired.find((d: { deviceId: string }) => d.deviceId === deviceId);
  // v3 lists a device's grants as one token summary per role.
  return device?.tokens?.find((t: { role: string }) => t.role === role)?.scopes;
}

describe("no device identity (review item 5)", () => {
  it("threat 'No device identity: no operator scopes': a non-local client with the shared token and no device gets no scopes (device.pair.list and config.set refused)", async () => {
    const client = await remote();
    const hello = await client.connect({ token: gw.token, device: null, scopes: ["operator.admin"] });
    expect(hello.ok).toBe(true);
    expect((await client.request("device.pair.list")).error).toMatchObject({ code: "INVALID_REQUEST", details: { code: "MISSING_SCOPE" } });
    expect((await client.request("config.set", { raw: "{}" })).error).toMatchObject({ code: "INVALID_REQUEST", details: { code: "MISSING_SCOPE" } });
    expect((await client.request("health")).error).toMatchObject({ code: "INVALID_REQUEST", details: { code: "MISSING_SCOPE" } });
    client.close();
  });

  it("threat 'No device identity: no operator scopes (unless an explicit local-only switch says so)': off by default even over loopback", async () => {
    const client = await local();
    expect((await client.connect({ token: gw.token, device: null, scopes: ["operator.admin"] })).ok).toBe(true);
    expect((await client.request("device.pair.list")).error?.details.code).toBe("MISSING_SCOPE");
    client.close();
  });

  it("threat 'No device identity ... explicit local-only switch': with gateway.auth.trustLocalWithoutDevice a local client gets its scopes; remote, forwarded and foreign-Host clients still get none", async () => {
    const trusting = await startGateway({ config: { gateway: { allowedOrigins: [ORIGIN], auth: { trustLocalWithoutDevice: true } } } });
    try {
      const here = await RawClient.open(trusting.url);
      expect((await here.connect({ token: trusting.token, device: null, scopes: ["operator.read"] })).ok).toBe(true);
      expect((await here.request("health")).ok).toBe(true);
      here.close();
      for (const headers of [{ Origin: ORIGIN }, { "X-Forwarded-For": "203.0.113.9" }, { Host: "evil.example" }] as Record<string, string>[]) {
        const there = await RawClient.open(trusting.url, headers);
        expect((await there.connect({ token: trusting.token, device: null, scopes: ["operator.read"] })).ok).toBe(true);
        expect((await there.request("health")).error?.details.code).toBe("MISSING_SCOPE");
        there.close();
      }
    } finally {
      await trusting.dispose();
    }
  });
});

describe("silent scope upgrade (review item 6)", () => {
  it("threat 'An existing device's grant never widens silently, even over loopback': a local read-only device asking for admin with the shared token gets a pairing request; the stored grant stays read", async () => {
    const device = new DeviceKey();
    const first = await local();
    const hello = await first.connect({ token: gw.token, device, scopes: ["operator.read"] });
    expect(hello.payload.auth.scopes).toEqual(["operator.read"]);
    first.close();
    const again = await local();
    const res = await again.connect({ token: gw.token, device, scopes: ["operator.admin"] });
    expect(res.error).toMatchObject({ code: "NOT_PAIRED", details: { code: "PAIRING_REQUIRED", requestId: expect.any(String) } });
    expect((await again.waitClose()).code).toBe(1008);
    expect(await grantOf(device.id)).toEqual(["operator.read"]);
    const pending = (await admin.request("device.pair.list")).payload.pending.find((p: { deviceId: string }) => p.deviceId === device.id);
    expect(pending).toMatchObject({ isRepair: true, scopes: ["operator.admin"] });
    // Once approved, the widened grant applies.
    expect((await admin.request("device.pair.approve", { requestId: res.error!.details.requestId })).ok).toBe(true);
    const approved = await local();
    expect((await approved.connect({ token: gw.token, device, scopes: ["operator.admin"] })).ok).toBe(true);
    approved.close();
  });

  it("threat 'An existing device's grant never widens silently': a revoked device is not silently re-approved over loopback", async () => {
    const device = new DeviceKey();
    const first = await local();
    expect((await first.connect({ token: gw.token, device, scopes: ["operator.read"] })).ok).toBe(true);
    first.close();
    expect((await admin.request("device.token.revoke", { deviceId: device.id, role: "operator" })).payload.revokedAtMs).toEqual(expect.any(Number));
    const again = await local();
    expect((await again.connect({ token: gw.token, device, scopes: ["operator.read"] })).error?.details.code).toBe("PAIRING_REQUIRED");
  });

  it("a new local device is still approved silently", async () => {
    const client = await local();
    expect((await client.connect({ token: gw.token, device: new DeviceKey(), scopes: ["operator.admin"] })).payload.auth.scopes).toEqual(["operator.admin"]);
    client.close();
  });
});

describe("pairing scope reaches admins (review item 7)", () => {
  it("threat 'Revoking, removing or rotating a device whose grant exceeds the caller's is refused': operator.pairing cannot revoke, rotate or remove the admin device, whose session stays up", async () => {
    const adminDevice = new DeviceKey();
    const victim = await pairRemote(adminDevice, ["operator.admin"]);
    const pairer = await pairRemote(new DeviceKey(), ["operator.pairing"]);
    for (const [method, params] of [
      ["device.token.revoke", { deviceId: adminDevice.id, role: "operator" }],
      ["device.token.rotate", { deviceId: adminDevice.id, role: "operator" }],
      ["device.pair.remove", { deviceId: adminDevice.id }],
    ] as const) {
      const res = await pairer.request(method, params);
      expect(res.error).toMatchObject({ code: "INVALID_REQUEST", details: { code: "MISSING_SCOPE" } });
    }
    expect(await grantOf(adminDevice.id)).toEqual(["operator.admin"]);
    expect((await victim.request("health")).ok).toBe(true);
    expect(victim.closed).toBeUndefined();
    victim.close();
    pairer.close();
  });

  it("threat 'Revoking, removing ... a device whose grant exceeds the caller's is refused': a caller holding the device's whole grant may act on it", async () => {
    const reader = new DeviceKey();
    const target = await pairRemote(reader, ["operator.read"]);
    const pairer = await pairRemote(new DeviceKey(), ["operator.pairing", "operator.read"]);
    const res = await pairer.request("device.token.revoke", { deviceId: reader.id, role: "operator" });
    expect(res.payload).toMatchObject({ role: "operator", revokedAtMs: expect.any(Number) });
    expect((await target.waitClose()).code).toBe(1008);
    expect((await pairer.request("device.pair.remove", { deviceId: reader.id })).payload).toEqual({ deviceId: reader.id });
    pairer.close();
  });

  it("threat 'Approvals ... can never grant more than the caller holds' (also seen): operator.pairing alone cannot approve a node offering system.run, by node.pair.approve or device.pair.approve; admin can", async () => {
    const pairer = await pairRemote(new DeviceKey(), ["operator.pairing"]);
    const node = new DeviceKey();
    const asking = await remote();
    const refused = await asking.connect({ token: gw.token, role: "node", device: node, commands: ["system.run", "system.which"] });
    const requestId = refused.error!.details.requestId;
    for (const method of ["node.pair.approve", "device.pair.approve"]) {
      expect((await pairer.request(method, { requestId })).error).toMatchObject({ code: "INVALID_REQUEST", details: { code: "MISSING_SCOPE" } });
    }
    expect(await grantOf(node.id, "node")).toBeUndefined();
    expect((await admin.request("node.pair.approve", { requestId })).payload.node.nodeId).toBe(node.id);
    pairer.close();
  });
});

describe("through every case above", () => {
  it("the process stayed up and the first client was unaffected", async () => {
    expect(gw.child.exitCode).toBeNull();
    expect(admin.closed).toBeUndefined();
    expect((await admin.request("device.pair.list")).ok).toBe(true);
  });
});
