/**
 * When a job is due next. Pure functions of (schedule, now): `at` runs once,
 * `every` runs on a fixed grid anchored at `anchorMs` (or the job's creation),
 * `cron` follows a 5- or 6-field expression in an IANA time zone (croner).
 */
import { Cron } from "croner";
import type { CronSchedule } from "../../generated/ts/types.js";

/** A schedule the gateway cannot use; the message names the field. */
export class ScheduleError extends Error {}

function checkTimeZone(tz: string): void {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
  } catch {
    throw new ScheduleError(`schedule.tz: unknown IANA time zone '${tz}'`);
  }
}

function cronOf(expr: string, tz: string | undefined): Cron {
  if (tz !== undefined) checkTimeZone(tz);
  try {
    return new Cron(expr, { timezone: tz, paused: true, mode: "5-or-6-parts" });
  } catch (error) {
    throw new ScheduleError(`schedule.expr: ${(error as Error).message.replace(/^CronPattern: /, "")}`);
  }
}

/** Milliseconds since epoch of an `at` schedule. */
export function atMs(at: string): number {
  const ms = Date.parse(at);
  if (!Number.isFinite(ms)) throw new ScheduleError(`schedule.at: '${at}' is not an ISO 8601 time`);
  return ms;
}

/** Throw a `ScheduleError` naming the field when the schedule cannot be used. */
export function validateSchedule(schedule: CronSchedule): void {
  if (schedule.kind === "at") atMs(schedule.at);
  else if (schedule.kind === "cron") {
    if (cronOf(schedule.expr, schedule.tz).nextRun(new Date()) === null) throw new ScheduleError(`schedule.expr: '${schedule.expr}' never fires`);
  }
}

/**
 * The first time strictly after `nowMs` the schedule fires, or undefined when it never fires again.
 * An `at` schedule that has not run yet is due at its time even when that time has passed
 * (`hasRun` tells whether it ran); `anchorMs` defaults to `createdAtMs` for `every`.
 */
export function nextRunAt(schedule: CronSchedule, nowMs: number, opts: { createdAtMs: number; hasRun?: boolean; jobId?: string }): number | undefined {
  switch (schedule.kind) {
    case "at":
      return opts.hasRun ? undefined : atMs(schedule.at);
    case "every": {
      const anchor = schedule.anchorMs ?? opts.createdAtMs;
      if (nowMs < anchor) return anchor;
      return anchor + (Math.floor((nowMs - anchor) / schedule.everyMs) + 1) * schedule.everyMs;
    }
    case "cron": {
      // staggerMs: every occurrence moves by the same per-job offset, so jobs on one expression spread out.
      const offset = schedule.staggerMs ? staggerOffset(opts.jobId ?? "", schedule.staggerMs) : 0;
      const next = cronOf(schedule.expr, schedule.tz).nextRun(new Date(nowMs - offset));
      return next === null ? undefined : next.getTime() + offset;
    }
  }
}

/** A stable offset in [0, staggerMs) for a job id (FNV-1a). */
export function staggerOffset(jobId: string, staggerMs: number): number {
  let hash = 2166136261;
  for (const ch of jobId) hash = Math.imul(hash ^ ch.charCodeAt(0), 16777619) >>> 0;
  return hash % staggerMs;
}
