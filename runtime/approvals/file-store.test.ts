import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { GatewayError } from "../errors.js";
import { ApprovalsFileStore } from "./file-store.js";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const store = () => {
  const dir = mkdtempSync(join(tmpdir(), "tidegate-approvals-"));
  dirs.push(dir);
  return new ApprovalsFileStore(join(dir, "exec-approvals.json"));
};
const detail = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return { code: (error as GatewayError).code, detail: (error as GatewayError).details.code, message: (error as Error).message };
  }
  throw new Error("did not throw");
};

describe("ApprovalsFileStore", () => {
  it("is completed on first read as v3 does (socket path and hidden token, defaults, agents), writes 0600, and of two writers with the same baseHash exactly one wins", () => {
    const s = store();
    const empty = s.snapshot();
    expect(empty).toEqual({ path: s.path, exists: true, hash: expect.any(String), file: { version: 1, socket: { path: s.path.replace(/\.json$/, ".sock") }, defaults: {}, agents: {} } });
    expect(JSON.parse(readFileSync(s.path, "utf8")).socket.token).toMatch(/^[\w-]{32}$/);
    expect(s.snapshot()).toEqual(empty);
    const first = s.set({ version: 1, defaults: { ask: "always" } }, empty.hash);
    expect(first.exists).toBe(true);
    expect(statSync(s.path).mode & 0o777).toBe(0o600);
    const a = s.set({ version: 1, defaults: { ask: "off" } }, first.hash);
    expect(detail(() => s.set({ version: 1, defaults: { ask: "on-miss" } }, first.hash))).toMatchObject({ code: "INVALID_REQUEST", detail: "CONFLICT" });
    expect(s.snapshot()).toEqual(a);
    expect(detail(() => s.set({ version: 1 }, undefined))).toMatchObject({ detail: "CONFLICT", message: expect.stringMatching(/baseHash is required/) });
  });

  it("refuses an invalid file and never replaces a corrupt one", () => {
    const s = store();
    expect(detail(() => s.set(JSON.parse('{"version":1,"agents":{"__proto__":{}}}'), undefined))).toMatchObject({ detail: "INVALID_PARAMS" });
    writeFileSync(s.path, "{ nope");
    expect(() => s.snapshot()).toThrow(/not valid JSON/);
    expect(readFileSync(s.path, "utf8")).toBe("{ nope");
  });

  it("hides the socket token and keeps it on writes that omit it", () => {
    const s = store();
    writeFileSync(s.path, JSON.stringify({ version: 1, socket: { path: "/s", token: "secret" } }));
    const snap = s.snapshot();
    expect(JSON.stringify(snap)).not.toContain("secret");
    s.set({ ...snap.file, defaults: { ask: "always" } }, snap.hash);
    expect(JSON.parse(readFileSync(s.path, "utf8")).socket.token).toBe("secret");
  });

  it("gives allowlist entries an id (v3), kept across writes", () => {
    const s = store();
    const first = s.set({ version: 1, agents: { "*": { allowlist: [{ pattern: "/usr/bin/uptime", lastUsedAt: 1 }] } } }, s.snapshot().hash);
    const entry = first.file.agents?.["*"]?.allowlist?.[0];
    expect(Object.keys(entry ?? {})).toEqual(["pattern", "lastUsedAt", "id"]);
    expect(s.snapshot().file.agents?.["*"]?.allowlist?.[0]?.id).toBe(entry?.id);
  });
});
