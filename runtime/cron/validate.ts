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

export function checkPayload(job: Pick<CronJob, "payload" | "delivery">): void {
  if (job.delivery?.mode === "webhook") checkUrl("delivery.to", job.delivery.to);
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
