/** Device store: persistence, hashed tokens, pending limits, atomic writes and corrupt files. */
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, statSync, writeFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DeviceStore, MAX_PENDING } from "./device-store.js";
import { CorruptStoreError } from "./atomic-file.js";

const dir = () => mkdtempSync(join(tmpdir(), "tidegate-store-"));
const device = (n: number) => ({ deviceId: n.toString(16).padStart(64, "0"), publicKey: "k" + n });

describe("DeviceStore", () => {
  it("persists pairings across instances and never writes tokens in the clear", () => {
    const stateDir = dir();
    const issued = new DeviceStore(stateDir).approve(device(1), "operator", ["operator.read"]);
    const text = readFileSync(join(stateDir, "devices.json"), "utf8");
    expect(text).not.toContain(issued.deviceToken);
    expect(statSync(join(stateDir, "devices.json")).mode & 0o777).toBe(0o600);
    const reopened = new DeviceStore(stateDir);
    expect(reopened.checkToken(device(1).deviceId, "operator", issued.deviceToken)).toBe(true);
    expect(reopened.currentToken(device(1).deviceId, "operator")?.deviceToken).toBe(issued.deviceToken);
    expect(reopened.checkToken(device(1).deviceId, "node", issued.deviceToken)).toBe(false);
  });

  it("rotation invalidates the old token; revocation invalidates every token of the role", () => {
    const store = new DeviceStore(dir());
    const first = store.approve(device(2), "operator", ["operator.read", "operator.write"]);
    const second = store.rotate(device(2).deviceId, "operator", ["operator.read"])!;
    expect(second.deviceToken).not.toBe(first.deviceToken);
    expect(second.scopes).toEqual(["operator.read"]);
    expect(store.checkToken(device(2).deviceId, "operator", first.deviceToken)).toBe(false);
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
