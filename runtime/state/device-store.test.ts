/** Device store: persistence, hashed tokens, pending limits, atomic writes and corrupt files. */

import { createHash, createHmac } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CorruptStoreError } from "./atomic-file.js";
import { DeviceStore, MAX_PENDING, MAX_TOKENS_PER_ROLE } from "./device-store.js";

const dir = () => mkdtempSync(join(tmpdir(), "tidegate-store-"));
const device = (n: number) => ({ deviceId: n.toString(16).padStart(64, "0"), publicKey: "k" + n });

describe("DeviceStore", () => {
  it("persists pairings across instances and never writes tokens in the clear", () => {
    const stateDir = dir();
    const store = new DeviceStore(stateDir);
    store.approve(device(1), "operator", ["operator.read"]);
    const issued = store.issue(device(1).deviceId, "operator")!;
    const text = readFileSync(join(stateDir, "devices.json"), "utf8");
    expect(text).not.toContain(issued.deviceToken);
    expect(statSync(join(stateDir, "devices.json")).mode & 0o777).toBe(0o600);
    const reopened = new DeviceStore(stateDir);
    expect(reopened.checkToken(device(1).deviceId, "operator", issued.deviceToken)).toBe(true);
    expect(reopened.issue(device(1).deviceId, "operator", issued.deviceToken)?.deviceToken).toBe(issued.deviceToken);
    expect(reopened.checkToken(device(1).deviceId, "node", issued.deviceToken)).toBe(false);
  });

  it("threat 'Nothing in the state dir lets a copy of it produce valid device tokens': tokens are random, no key file exists, only hashes are stored", () => {
    const stateDir = dir();
    const store = new DeviceStore(stateDir);
    store.approve(device(5), "operator", ["operator.read"]);
    const a = store.issue(device(5).deviceId, "operator")!;
    // A new process remembers nothing: it issues a new random token.
    const b = new DeviceStore(stateDir).issue(device(5).deviceId, "operator")!;
    expect(store.issue(device(5).deviceId, "operator")!.deviceToken).toBe(a.deviceToken);
    expect(a.deviceToken).not.toBe(b.deviceToken);
    expect(a.deviceToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(readdirSync(stateDir)).not.toContain("device-token.key");
    const text = readFileSync(join(stateDir, "devices.json"), "utf8");
    expect(text).not.toContain(a.deviceToken);
    expect(text).not.toContain(b.deviceToken);
    // Both stay valid (two processes of one device); beyond the cap the oldest stops working.
    const reopened = new DeviceStore(stateDir);
    expect(reopened.checkToken(device(5).deviceId, "operator", a.deviceToken)).toBe(true);
    for (let i = 0; i < MAX_TOKENS_PER_ROLE; i++) new DeviceStore(stateDir).issue(device(5).deviceId, "operator");
    expect(new DeviceStore(stateDir).checkToken(device(5).deviceId, "operator", a.deviceToken)).toBe(false);
  });

  it("migrates a legacy store (HMAC-derived tokens): existing tokens keep working, the key file is deleted, and it says so once", () => {
    const stateDir = dir();
    const key = "legacy-key";
    writeFileSync(join(stateDir, "device-token.key"), key + "\n", { mode: 0o600 });
    const legacyToken = createHmac("sha256", key)
      .update(`${device(6).deviceId}|operator|1`)
      .digest("base64url");
    const revokedToken = createHmac("sha256", key)
      .update(`${device(6).deviceId}|node|2`)
      .digest("base64url");
    const legacy = {
      version: 1,
      devices: {
        [device(6).deviceId]: {
          ...device(6),
          approvedAtMs: 1,
          roles: {
            operator: { scopes: ["operator.read"], generation: 1, tokenHash: createHash("sha256").update(legacyToken).digest("hex"), issuedAtMs: 1 },
            node: { scopes: [], generation: 2, tokenHash: createHash("sha256").update(revokedToken).digest("hex"), issuedAtMs: 1, revoked: true },
          },
        },
      },
      pending: [],
    };
    writeFileSync(join(stateDir, "devices.json"), JSON.stringify(legacy), { mode: 0o600 });
    const lines: string[] = [];
    const log = { info: (message: string, fields?: Record<string, unknown>) => lines.push(`${message} ${JSON.stringify(fields)}`), warn: (message: string) => lines.push(message) };
    const store = new DeviceStore(stateDir, Date.now, log);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("existing device tokens keep working");
    expect(lines[0]).toContain('"migratedTokens":1');
    expect(existsSync(join(stateDir, "device-token.key"))).toBe(false);
    expect(store.checkToken(device(6).deviceId, "operator", legacyToken)).toBe(true);
    expect(store.checkToken(device(6).deviceId, "node", revokedToken)).toBe(false);
    expect(readFileSync(join(stateDir, "devices.json"), "utf8")).not.toContain('"generation"');
    new DeviceStore(stateDir, Date.now, log);
    expect(lines).toHaveLength(1);
    expect(new DeviceStore(stateDir).checkToken(device(6).deviceId, "operator", legacyToken)).toBe(true);
  });

  it("rotation invalidates the old token; revocation invalidates every token of the role", () => {
    const store = new DeviceStore(dir());
    store.approve(device(2), "operator", ["operator.read", "operator.write"]);
    const first = store.issue(device(2).deviceId, "operator")!;
    const second = store.rotate(device(2).deviceId, "operator", ["operator.read"])!;
    expect(second.deviceToken).not.toBe(first.deviceToken);
    expect(second.scopes).toEqual(["operator.read"]);
    expect(store.checkToken(device(2).deviceId, "operator", first.deviceToken)).toBe(false);
    expect(store.checkToken(device(2).deviceId, "operator", second.deviceToken)).toBe(true);
    expect(store.revoke(device(2).deviceId, "operator")).toBe(true);
    expect(store.checkToken(device(2).deviceId, "operator", second.deviceToken)).toBe(false);
  });

  it("pending requests are reused when identical, expire after 5 minutes and are capped", () => {
    let now = 1_000;
    const store = new DeviceStore(dir(), () => now);
    const input = (n: number) => ({ ...device(n), role: "operator" as const, scopes: ["operator.read" as const] });
    const a = store.request(input(1))!;
    expect(store.request(input(1))!.request.requestId).toBe(a.request.requestId);
    for (let i = 2; i <= MAX_PENDING; i++) expect(store.request(input(i))).toBeDefined();
    expect(store.request(input(MAX_PENDING + 1))).toBeUndefined();
    now += 5 * 60_000 + 1;
    expect(store.pending()).toHaveLength(0);
    expect(store.request(input(MAX_PENDING + 1))).toBeDefined();
  });

  it("a store that fails to parse is refused and left untouched, never replaced by an empty one", () => {
    const stateDir = dir();
    const store = new DeviceStore(stateDir);
    store.approve(device(3), "operator", []);
    store.approve(device(4), "operator", []);
    writeFileSync(join(stateDir, "devices.json"), '{"version":1,"devices":{');
    expect(() => new DeviceStore(stateDir)).toThrow(CorruptStoreError);
    expect(readFileSync(join(stateDir, "devices.json"), "utf8")).toBe('{"version":1,"devices":{');
    expect(JSON.parse(readFileSync(join(stateDir, "devices.json.bak"), "utf8")).devices).toBeDefined();
  });

  it("writes leave no temporary files behind", () => {
    const stateDir = dir();
    const store = new DeviceStore(stateDir);
    for (let i = 0; i < 20; i++) store.approve(device(100 + i), "operator", []);
    expect(readdirSync(stateDir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});
