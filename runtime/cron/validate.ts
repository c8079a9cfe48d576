/** Checks on a job before it is stored: the schedule, webhook URLs and header names; the stored `every` anchor. */
import type { CronJob, CronSchedule } from "../../generated/ts/types.js";
import { GatewayError } from "../errors.js";
import { ScheduleError, validateSchedule } from "./schedule.js";

const invalid = (message: string) => new GatewayError("INVALID_PARAMS", message);

export function checkSchedule(schedule: CronSchedule): void {
  try {
    validateSchedule(schedule);
  } catch (error) {
    if (error instanceof ScheduleError) throw invalid(error.message);
    throw error;
  }
}

function checkUrl(field: string, text: string | undefined): void {
  let url: URL;
  try {
    url = new URL(text ?? "");
  } catch {
    throw invalid(`${field}: '${text ?? ""}' is not a URL`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw invalid(`${field}: must be http:// or https://`);
}

export function checkPayload(job: Pick<CronJob, "payload" | "delivery"> & Partial<Pick<CronJob, "sessionTarget">>): void {
  if (job.delivery?.mode === "webhook") checkUrl("delivery.to", job.delivery.to);
  const destination = job.delivery?.failureDestination;
  if (destination) {
    if (job.sessionTarget === "main" && job.delivery?.mode !== "webhook") {
      throw invalid('delivery.failureDestination is only supported for sessionTarget "isolated" unless delivery.mode is "webhook" (as v3)');
    }
    if (destination.mode === "webhook") checkUrl("delivery.failureDestination.to", destination.to);
  }
  if (job.payload.kind !== "webhook") return;
  checkUrl("payload.url", job.payload.url);
  for (const name of Object.keys(job.payload.headers ?? {})) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw invalid(`payload.headers: '${name}' is not a header name`);
  }
}

/** The reference stores the anchor of an `every` schedule: the grid does not move when the job is edited. */
export function anchored(schedule: CronSchedule, now: number): CronSchedule {
  return schedule.kind === "every" && schedule.anchorMs === undefined ? { ...schedule, anchorMs: now } : schedule;
}

/** v3's failure alert settings: `false`, or an object of these members. */
export interface CronFailureAlert {
  after?: number;
  channel?: string;
  to?: string;
  cooldownMs?: number;
  mode?: "announce" | "webhook";
  accountId?: string;
}

/** Check a `failureAlert` as v3 takes it; `existing` is what a patch object merges over. */
export function checkFailureAlert(value: unknown, existing?: unknown): false | CronFailureAlert {
  if (value === false) return false;
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw invalid("failureAlert: must be false or an object {after, channel, to, cooldownMs, mode, accountId}");
  const alert = value as Record<string, unknown>;
  for (const [member, v] of Object.entries(alert)) {
    const ok =
      member === "after"
        ? Number.isInteger(v) && (v as number) >= 1
        : member === "cooldownMs"
          ? Number.isInteger(v) && (v as number) >= 0
          : member === "mode"
            ? v === "announce" || v === "webhook"
            : member === "to"
              ? typeof v === "string"
              : member === "channel" || member === "accountId"
                ? typeof v === "string" && v.length > 0
                : undefined;
    if (ok === undefined) throw invalid(`failureAlert: unknown member '${member}' (after, channel, to, cooldownMs, mode, accountId)`);
    if (!ok)
      throw invalid(
        `failureAlert.${member}: ${member === "after" ? "an integer of at least 1" : member === "cooldownMs" ? "an integer of at least 0" : member === "mode" ? '"announce" or "webhook"' : "a non-empty string"}`,
      );
  }
  if (alert.mode === "webhook" && alert.to !== undefined) checkUrl("failureAlert.to", alert.to as string);
  const base = existing && typeof existing === "object" ? (existing as CronFailureAlert) : {};
  return { ...base, ...(alert as CronFailureAlert) };
}
