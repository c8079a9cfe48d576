import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { CronRunLogEntry } from "../../generated/ts/types.js";
import { CronRunLog } from "./run-log.js";

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), "tidegate-runlog-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const entry = (jobId: string, ts: number, extra: Partial<CronRunLogEntry> = {}): CronRunLogEntry => ({
  ts,
  jobId,
  action: "finished",
  status: "ok",
  runAtMs: ts - 5,
  durationMs: 5,
  ...extra,
});

describe("CronRunLog", () => {
  it("reads newest first with paging, per job or across jobs, filtered by status", () => {
    const log = new CronRunLog(tempDir());
    for (let i = 1; i <= 5; i++) log.append(entry("a", i * 10, { status: i % 2 ? "ok" : "error", error: i % 2 ? undefined : "boom" }));
    log.append(entry("b", 25));
    expect(log.read({ jobId: "a", limit: 2 }).entries.map((e) => e.ts)).toEqual([50, 40]);
    expect(log.read({ jobId: "a", limit: 2, offset: 2 })).toMatchObject({ total: 5, entries: [{ ts: 30 }, { ts: 20 }] });
    expect(log.read().entries.map((e) => e.ts)).toEqual([50, 40, 30, 25, 20, 10]);
    expect(log.read({ status: "error" }).entries.map((e) => e.ts)).toEqual([40, 20]);
    expect(log.read({ jobId: "nope" })).toEqual({ entries: [], total: 0, offset: 0, limit: 50, hasMore: false, nextOffset: null });
    expect(log.read({ jobId: "a", limit: 2 })).toMatchObject({ hasMore: true, nextOffset: 2 });
    expect(log.read({ statuses: ["error"], sortDir: "asc" }).entries.map((e) => e.ts)).toEqual([20, 40]);
    expect(log.read({ query: "BOOM", status: "all" }).total).toBe(2);
    expect(log.read({ jobId: "b" }, new Map([["b", "Bee"]])).entries[0].jobName).toBe("Bee");
  });

  it("prunes by line count, keeping the newest entries", () => {
    const log = new CronRunLog(tempDir(), { maxBytes: 1 << 20, maxLines: 10, keepLines: 4 });
    for (let i = 1; i <= 11; i++) log.append(entry("a", i));
    expect(log.read({ jobId: "a" }).entries.map((e) => e.ts)).toEqual([11, 10, 9, 8]);
    log.append(entry("a", 12));
    expect(log.read({ jobId: "a" }).total).toBe(5);
  });

  it("prunes by size", () => {
    const log = new CronRunLog(tempDir(), { maxBytes: 4096, maxLines: 100_000, keepLines: 100_000 });
    for (let i = 1; i <= 200; i++) log.append(entry("a", i, { summary: "x".repeat(100) }));
    expect(statSync(log.pathOf("a")).size).toBeLessThanOrEqual(4096);
    const { entries } = log.read({ jobId: "a", limit: 1 });
    expect(entries[0].ts).toBe(200);
  });

  it("survives a torn last line and keeps the next entry", () => {
    const dir = tempDir();
    const first = new CronRunLog(dir);
    first.append(entry("a", 1));
    appendFileSync(first.pathOf("a"), '{"ts":2,"jobId":"a","sta');
    const second = new CronRunLog(dir); // a restart after the crash
    second.append(entry("a", 3));
    expect(second.read({ jobId: "a" }).entries.map((e) => e.ts)).toEqual([3, 1]);
    expect(readFileSync(second.pathOf("a"), "utf8").split("\n").filter(Boolean)).toHaveLength(3);
  });

  it("never turns a job id into a path outside the runs directory", () => {
    const log = new CronRunLog(tempDir());
    expect(() => log.pathOf("../jobs")).toThrow(/not a valid job id/);
    expect(() => log.pathOf("..")).toThrow(/not a valid job id/);
    expect(() => log.append(entry("a/b", 1))).toThrow(/not a valid job id/);
  });
});
