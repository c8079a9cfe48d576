import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runProcess } from "../../testing/child.js";
import { PAIRING_CODE_ALPHABET, PairingStore } from "./pairing-store.js";

const tempDir = () => mkdtempSync(join(tmpdir(), "tidegate-pairing-"));

describe("pairing store", () => {
  it("codes are 8 unambiguous characters; one per sender; bounded per account", async () => {
    const store = new PairingStore(tempDir(), () => 1000, 3);
    const a = await store.request("irc", "default", "alice");
    expect(a.kind).toBe("created");
    if (a.kind === "full") return;
    expect(a.request.code).toHaveLength(8);
    for (const ch of a.request.code) expect(PAIRING_CODE_ALPHABET).toContain(ch);
    expect(PAIRING_CODE_ALPHABET).not.toMatch(/[01OIL]/);
    expect((await store.request("irc", "default", "alice")).kind).toBe("existing");
    await store.request("irc", "default", "bob");
    await store.request("irc", "default", "carol");
    expect(await store.request("irc", "default", "dave")).toEqual({ kind: "full", max: 3 });
    expect((await store.request("irc", "other", "dave")).kind).toBe("created");
  });

  it("approvals survive a restart; the file is private", async () => {
    const dir = tempDir();
    const store = new PairingStore(dir, () => 1000);
    const r = await store.request("irc", "default", "alice", "Alice A.");
    if (r.kind === "full") throw new Error("full");
    await store.approve("irc", r.request.code);
    const again = new PairingStore(dir, () => 2000);
    expect(again.approved("irc", "default")).toEqual(["alice"]);
    expect(again.list()).toEqual([]);
    expect(statSync(again.path).mode & 0o777).toBe(0o600);
  });

  it("a corrupt file is moved aside and never stops the gateway (its backup is used when good)", async () => {
    const dir = tempDir();
    const store = new PairingStore(dir, () => 1000);
    const r = await store.request("irc", "default", "alice");
    if (r.kind === "full") throw new Error("full");
    await store.approve("irc", r.request.code);
    await store.request("irc", "default", "bob");
    writeFileSync(store.path, "{ not json");
    const warnings: string[] = [];
    const again = new PairingStore(dir, () => 2000, undefined, { warn: (m) => warnings.push(m), error: () => undefined });
    expect(again.approved("irc", "default")).toEqual(["alice"]);
    expect(warnings[0]).toMatch(/moved it aside to .*pairing\.json\.corrupt-2000/);
    expect(readdirSync(join(dir, "channels")).some((f) => f.startsWith("pairing.json.corrupt-"))).toBe(true);
  });

  it("kill -9 while approving: the file parses and every acknowledged approval is there (5 rounds)", async () => {
    const dir = tempDir();
    const acked = new Set<string>();
    let next = 0;
    for (let round = 0; round < 5; round++) {
      const stopAt = next + 5 + round * 7;
      const result = await runProcess(process.execPath, ["--import", "tsx", join(import.meta.dirname, "pairing-writer.fixture.ts"), dir, String(next)], {
        until: new RegExp(`acked user${stopAt}\\n`),
        killSignal: "SIGKILL",
        timeoutMs: 120_000,
      });
      expect(result.signal, result.out).toBe("SIGKILL");
      for (const m of result.stdout.matchAll(/acked (\S+)/g)) acked.add(m[1]);
      expect(() => JSON.parse(readFileSync(join(dir, "channels", "pairing.json"), "utf8"))).not.toThrow();
      const approved = new Set(new PairingStore(dir).approved("irc", "default"));
      for (const sender of acked) expect(approved.has(sender), `${sender} acknowledged before the kill`).toBe(true);
      next = stopAt + 1000;
    }
    expect(acked.size).toBeGreaterThanOrEqual(25);
  }, 300_000);
});
