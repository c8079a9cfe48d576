import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeFileAtomic, writeFileAtomicAsync } from "./atomic-file.js";
import { FileLocks } from "./file-lock.js";
import { JsonStore, loadJsonStore } from "./json-store.js";

const dir = () => mkdtempSync(join(tmpdir(), "tidegate-store-"));
const logs = () => {
  const lines: string[] = [];
  return { lines, log: { warn: (m: string) => lines.push(m), error: (m: string) => lines.push(m) } };
};

describe("atomic writes", () => {
  it("writes mode 0600, keeps exactly one .bak and leaves no temp files", async () => {
    const d = dir();
    const path = join(d, "s.json");
    writeFileAtomic(path, "1");
    writeFileAtomic(path, "2");
    await writeFileAtomicAsync(path, "3");
    expect(readFileSync(path, "utf8")).toBe("3");
    expect(readFileSync(`${path}.bak`, "utf8")).toBe("2");
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readdirSync(d).sort()).toEqual(["s.json", "s.json.bak"]);
  });

  it("keeps the existing (mode) signature for callers", () => {
    const path = join(dir(), "token");
    writeFileAtomic(path, "x\n", 0o600);
    expect(readFileSync(path, "utf8")).toBe("x\n");
  });
});

describe("file locks", () => {
  it("serializes read-modify-write on one file so no update is lost", async () => {
    const locks = new FileLocks();
    const path = join(dir(), "counter.json");
    writeFileAtomic(path, "0");
    await Promise.all(
      Array.from({ length: 40 }, () =>
        locks.run(path, async () => {
          const n = Number(readFileSync(path, "utf8"));
          await new Promise((r) => setImmediate(r));
          await writeFileAtomicAsync(path, String(n + 1));
        }),
      ),
    );
    expect(readFileSync(path, "utf8")).toBe("40");
    expect(locks.busy).toBe(0);
  });

  it("a failing holder does not block the next", async () => {
    const locks = new FileLocks();
    await expect(locks.run("/x", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await locks.run("/x", () => 7)).toBe(7);
  });
});

describe("JsonStore", () => {
  it("group-commits concurrent updates and every acknowledged one is on disk", async () => {
    const path = join(dir(), "store.json");
    const store = new JsonStore<{ items: number[] }>({ path, empty: () => ({ items: [] }) });
    await Promise.all(Array.from({ length: 100 }, (_, i) => store.update((v) => v.items.push(i))));
    expect(JSON.parse(readFileSync(path, "utf8")).items).toHaveLength(100);
    const again = new JsonStore<{ items: number[] }>({ path, empty: () => ({ items: [] }) });
    expect(again.current.items).toHaveLength(100);
    expect(again.loadOutcome).toBe("loaded");
  });

  it("moves a zero-byte store aside with a log line and restores the backup", () => {
    const d = dir();
    const path = join(d, "store.json");
    writeFileAtomic(path, JSON.stringify({ n: 1 }));
    writeFileAtomic(path, JSON.stringify({ n: 2 }));
    writeFileSync(path, "");
    const { lines, log } = logs();
    const loaded = loadJsonStore({ path, empty: () => ({ n: 0 }), log, now: () => 42 });
    expect(loaded).toMatchObject({ value: { n: 1 }, outcome: "restored-from-backup", movedTo: `${path}.corrupt-42` });
    expect(readFileSync(`${path}.corrupt-42`, "utf8")).toBe("");
    expect(lines[0]).toMatch(/could not be read \(the file is empty\); moved it aside to .*corrupt-42 and restored/);
  });

  it("moves a corrupt store aside and starts empty when there is no good backup, never losing the bytes", () => {
    const d = dir();
    const path = join(d, "store.json");
    writeFileSync(path, '{"n":');
    const { lines, log } = logs();
    const store = new JsonStore({ path, empty: () => ({ n: 0 }), log, now: () => 7 });
    expect(store.current).toEqual({ n: 0 });
    expect(store.loadOutcome).toBe("reset");
    expect(readFileSync(`${path}.corrupt-7`, "utf8")).toBe('{"n":');
    expect(lines[0]).toContain("started empty");
  });

  it("treats a value the store refuses as corrupt", () => {
    const path = join(dir(), "store.json");
    writeFileSync(path, "[]");
    const loaded = loadJsonStore({
      path,
      empty: () => ({}),
      accept: (v) => {
        if (Array.isArray(v)) throw new Error("not an object");
        return v as object;
      },
    });
    expect(loaded.outcome).toBe("reset");
  });
});
