import { describe, expect, it } from "vitest";
import { nextRunAt, ScheduleError, staggerOffset, validateSchedule } from "./schedule.js";

const T = Date.UTC(2026, 0, 1, 7, 0, 0);

describe("nextRunAt", () => {
  it("at: once, even when the time has passed, never after it ran", () => {
    const schedule = { kind: "at" as const, at: new Date(T - 5000).toISOString() };
    expect(nextRunAt(schedule, T, { createdAtMs: 0 })).toBe(T - 5000);
    expect(nextRunAt(schedule, T, { createdAtMs: 0, hasRun: true })).toBeUndefined();
  });

  it("every: a fixed grid from the anchor, strictly after now", () => {
    const schedule = { kind: "every" as const, everyMs: 1000, anchorMs: T };
    expect(nextRunAt(schedule, T - 10, { createdAtMs: 0 })).toBe(T);
    expect(nextRunAt(schedule, T, { createdAtMs: 0 })).toBe(T + 1000);
    expect(nextRunAt(schedule, T + 1500, { createdAtMs: 0 })).toBe(T + 2000);
    expect(nextRunAt({ kind: "every", everyMs: 60_000 }, T + 1, { createdAtMs: T })).toBe(T + 60_000);
  });

  it("cron: 5 fields in an IANA time zone, and 6 fields with seconds", () => {
    // 08:00 in Berlin is 07:00 UTC in winter: at exactly 07:00 UTC the next one is tomorrow.
    expect(nextRunAt({ kind: "cron", expr: "0 8 * * *", tz: "Europe/Berlin" }, T, { createdAtMs: 0 })).toBe(T + 86_400_000);
    expect(nextRunAt({ kind: "cron", expr: "0 8 * * *", tz: "America/New_York" }, T, { createdAtMs: 0 })).toBe(Date.UTC(2026, 0, 1, 13, 0, 0));
    expect(nextRunAt({ kind: "cron", expr: "*/5 * * * * *" }, T + 1, { createdAtMs: 0 })).toBe(T + 5000);
  });

  it("cron: across a DST change the wall-clock time holds", () => {
    const march = Date.UTC(2026, 2, 28, 12, 0, 0); // the day before Berlin moves to CEST
    expect(nextRunAt({ kind: "cron", expr: "0 8 * * *", tz: "Europe/Berlin" }, march, { createdAtMs: 0 })).toBe(Date.UTC(2026, 2, 29, 6, 0, 0));
  });
});

describe("staggerMs", () => {
  it("moves every occurrence by the same per-job offset", () => {
    const schedule = { kind: "cron" as const, expr: "0 * * * *", staggerMs: 60_000 };
    const offset = staggerOffset("job-a", 60_000);
    expect(offset).toBeGreaterThanOrEqual(0);
    expect(offset).toBeLessThan(60_000);
    expect(nextRunAt(schedule, T, { createdAtMs: 0, jobId: "job-a" })).toBe(offset === 0 ? T + 3600_000 : T + offset); // 07:00 + offset is still ahead
    const first = nextRunAt(schedule, T + offset, { createdAtMs: 0, jobId: "job-a" })!;
    expect(first).toBe(T + 3600_000 + offset);
    expect(nextRunAt(schedule, first, { createdAtMs: 0, jobId: "job-a" })).toBe(first + 3600_000);
  });
});

describe("validateSchedule", () => {
  it("names the bad field", () => {
    expect(() => validateSchedule({ kind: "cron", expr: "0 8 * *" })).toThrow(/schedule\.expr/);
    expect(() => validateSchedule({ kind: "cron", expr: "0 8 * * *", tz: "Mars/Olympus" })).toThrow(/schedule\.tz: unknown IANA time zone 'Mars\/Olympus'/);
    expect(() => validateSchedule({ kind: "at", at: "tomorrow-ish" })).toThrow(ScheduleError);
    expect(() => validateSchedule({ kind: "every", everyMs: 5 })).not.toThrow();
  });
});
