/**
 * End to end, found by review (issue 9): who counts as local, the lockout, device
 * identity and scopes, pairing reach, device tokens in the state dir, refused-connect
 * logging and node routing. Each test names the threat it covers (threats.md).
 */
import { createHash, createHmac } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GatewayProcess, startGateway } from "../../testing/gateway-process.js";
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

describe("lockout (review item 3)", () => {
  /** A client from its own loopback address, so each case has its own bucket. */
  const from = (address: string) => RawClient.open(gw.url, {}, { localAddress: address });
  async function attempt(address: string, options: Parameters<RawClient["connect"]>[0]) {
    const client = await from(address);
    const res = await client.connect(options);
    client.close();
    return res;
  }
  async function pairedDevice(address: string) {
    const device = new DeviceKey();
    const hello = await attempt(address, { token: gw.token, device, scopes: ["operator.read"] });
    expect(hello.ok).toBe(true);
    return { device, deviceToken: hello.payload.auth.deviceToken as string };
  }

  it("threat 'Failure counts per address and per secret kind; no success erases another kind's count': wrong shared-token guesses interleaved with a legitimate device-token login every 5 guesses are still locked out after 10", async () => {
    const address = "127.0.0.11";
    const { device, deviceToken } = await pairedDevice(address);
    const codes: string[] = [];
    for (let i = 0; i < 31; i++) {
      if (i % 5 === 0) {
        const login = await attempt(address, { device, deviceToken, scopes: ["operator.read"] });
        codes.push(login.ok ? "DEVICE_LOGIN_OK" : login.error!.details.code);
      }
      codes.push((await attempt(address, { token: `guess-${i}`, device: null })).error!.details.code);
    }
    expect(codes.filter((c) => c === "AUTH_TOKEN_MISMATCH")).toHaveLength(11);
    expect(codes.indexOf("AUTH_RATE_LIMITED")).toBeGreaterThan(0);
    expect(codes.slice(codes.indexOf("AUTH_RATE_LIMITED")).every((c) => c === "AUTH_RATE_LIMITED")).toBe(true);
  });

  it("threat 'during a lockout every attempt is refused, right secret included': after 10 failures the right token is accepted but wipes nothing; the 11th failure locks the address and then the right token, a valid device token and a credential-less attempt all get AUTH_RATE_LIMITED with retryAfterMs; other addresses are unaffected", async () => {
    const address = "127.0.0.12";
    const { device, deviceToken } = await pairedDevice(address);
    for (let i = 0; i < 10; i++) expect((await attempt(address, { token: "wrong", device: null })).error!.details.code).toBe("AUTH_TOKEN_MISMATCH");
    expect((await attempt(address, { token: gw.token, device: null })).ok).toBe(true);
    const eleventh = await attempt(address, { token: "wrong", device: null });
    expect(eleventh.error!.details.code).toBe("AUTH_TOKEN_MISMATCH");
    expect(eleventh.error!.retryAfterMs).toBeGreaterThan(4 * 60_000);
    for (const options of [{ token: gw.token, device: null }, { token: gw.token, device }, { device, deviceToken, scopes: ["operator.read"] }, { device: null }]) {
      const client = await from(address);
      const res = await client.connect(options);
      expect(res.error).toMatchObject({ code: "UNAVAILABLE", details: { code: "AUTH_RATE_LIMITED" }, retryable: true });
      expect(res.error!.retryAfterMs).toBeGreaterThan(4 * 60_000);
      expect((await client.waitClose()).code).toBe(1008);
    }
    expect((await attempt("127.0.0.1", { token: gw.token })).ok).toBe(true);
    expect((await admin.request("health")).ok).toBe(true);
  });

  it("threat 'a local process can lock the CLI out of 127.0.0.1' (decided: credential-less attempts are not counted): 30 attempts without any credential leave the address able to log in", async () => {
    const address = "127.0.0.13";
    for (let i = 0; i < 30; i++) expect((await attempt(address, { device: null })).error!.details.code).toBe("AUTH_REQUIRED");
    for (let i = 0; i < 5; i++) expect((await attempt(address, { device: new DeviceKey() })).error!.details.code).toBe("AUTH_REQUIRED");
    expect((await attempt(address, { token: gw.token })).ok).toBe(true);
  });

  it("threat 'Failure counts ... per secret kind': wrong device tokens have their own budget and lock the address too", async () => {
    const address = "127.0.0.14";
    const { device } = await pairedDevice(address);
    const codes: string[] = [];
    for (let i = 0; i < 12; i++) codes.push((await attempt(address, { device, deviceToken: `nope-${i}`, scopes: ["operator.read"] })).error!.details.code);
    expect(codes.slice(0, 11).every((c) => c === "AUTH_DEVICE_TOKEN_INVALID")).toBe(true);
    expect(codes[11]).toBe("AUTH_RATE_LIMITED");
    expect((await attempt(address, { token: gw.token })).error!.details.code).toBe("AUTH_RATE_LIMITED");
  });
});

describe("device tokens in the state dir (review item 8)", () => {
  it("threat 'Nothing in the state dir lets a copy of it produce valid device tokens': no key file, no token in any state file, tokens random per issue", async () => {
    const device = new DeviceKey();
    const client = await RawClient.open(gw.url);
    const hello = await client.connect({ token: gw.token, device, scopes: ["operator.read"] });
    client.close();
    const token = hello.payload.auth.deviceToken as string;
    expect(readdirSync(gw.stateDir)).not.toContain("device-token.key");
    // Every file of the state dir, sub-directories (logs/, agents/) included.
    const files = readdirSync(gw.stateDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const text = readFileSync(join(file.parentPath, file.name), "latin1");
      expect(text, file.name).not.toContain(token);
    }
    const stored = JSON.parse(readFileSync(join(gw.stateDir, "devices.json"), "utf8"));
    expect(stored.devices[device.id].roles.operator.tokenHashes).toEqual([createHash("sha256").update(token).digest("hex")]);
    expect(gw.output()).not.toContain(token);
  });

  it("threat 'Existing stored device tokens keep working or are migrated with a clear log line': a legacy state dir (HMAC key + hashes) is migrated; the old token still connects; the key is gone", async () => {
    const stateDir = mkdtempSync(join(tmpdir(), "tidegate-legacy-"));
    const device = new DeviceKey();
    const key = "legacy-device-token-key";
    const legacyToken = createHmac("sha256", key).update(`${device.id}|operator|1`).digest("base64url");
    writeFileSync(join(stateDir, "device-token.key"), key + "\n", { mode: 0o600 });
    const legacy = {
      version: 1,
      devices: {
        [device.id]: {
          deviceId: device.id,
          publicKey: device.publicKey,
          approvedAtMs: 1,
          roles: { operator: { scopes: ["operator.read"], generation: 1, tokenHash: createHash("sha256").update(legacyToken).digest("hex"), issuedAtMs: 1 } },
        },
      },
      pending: [],
    };
    writeFileSync(join(stateDir, "devices.json"), JSON.stringify(legacy), { mode: 0o600 });
    const old = await startGateway({ stateDir });
    try {
      expect(old.output()).toMatch(/device tokens now random, stored only as SHA-256: existing device tokens keep working .*migratedTokens=1/);
      expect(existsSync(join(stateDir, "device-token.key"))).toBe(false);
      const client = await RawClient.open(old.url);
      const res = await client.connect({ device, deviceToken: legacyToken, scopes: ["operator.read"] });
      expect(res.ok).toBe(true);
      expect(res.payload.auth.deviceToken).toBe(legacyToken);
      client.close();
    } finally {
      await old.dispose();
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});

describe("node sessions (also seen)", () => {
  it("node.invoke goes to the newest live session of a node; a half-dead session (no pongs) is detected and dropped, and invocations go to the live one", async () => {
    const nodesGw = await startGateway({ config: { gateway: { limits: { pingIntervalMs: 300 } } } });
    try {
      const operator = await RawClient.open(nodesGw.url);
      expect((await operator.connect({ token: nodesGw.token })).ok).toBe(true);
      const device = new DeviceKey();
      const session = async (autoPong: boolean, name: string) => {
        const node = await RawClient.open(nodesGw.url, {}, { autoPong });
        expect((await node.connect({ token: nodesGw.token, role: "node", device, commands: ["system.which"] })).ok).toBe(true);
        node.ws.on("message", (data) => {
          const frame = JSON.parse(String(data));
          if (frame.event !== "node.invoke.request") return;
          node.sendRaw(
            JSON.stringify({ type: "req", id: `r-${frame.payload.id}`, method: "node.invoke.result", params: { id: frame.payload.id, nodeId: device.id, ok: true, payload: { by: name } } }),
          );
        });
        return node;
      };
      const older = await session(true, "older");
      await sleep(5);
      const newer = await session(false, "newer");
      const first = await operator.request("node.invoke", { nodeId: device.id, command: "system.which", idempotencyKey: "route-1" });
      expect(first.payload.payload).toEqual({ by: "newer" });
      // The newer session never answers pings: it is dropped as dead, and the older one takes over.
      await newer.waitClose(5000);
      const second = await operator.request("node.invoke", { nodeId: device.id, command: "system.which", idempotencyKey: "route-2" });
      expect(second.payload.payload).toEqual({ by: "older" });
      expect(older.closed).toBeUndefined();
      operator.close();
      older.close();
    } finally {
      await nodesGw.dispose();
    }
  });
});

describe("through every case above", () => {
  it("the process stayed up, the first client was unaffected, and no device token or tried secret reached the log", async () => {
    expect(gw.child.exitCode).toBeNull();
    expect(admin.closed).toBeUndefined();
    expect((await admin.request("health")).ok).toBe(true);
    expect(gw.output()).not.toContain(gw.token);
    expect(gw.output()).not.toMatch(/guess-\d+/);
  });
});
