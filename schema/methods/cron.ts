/** Registry entries of the methods whose params live in `schema/cron.ts`. */
import * as cron from "../cron.js";
import { JOB, T0 } from "../example-values.js";
import { method } from "../registry-spec.js";

export const cronMethods = {
  "cron.list": method({
    params: cron.CronListParams,
    result: cron.CronListResult,
    scope: "operator.read",
    description: "List scheduled jobs.",
    example: { params: { includeDisabled: true }, result: { jobs: [JOB], total: 1, offset: 0, limit: 50, hasMore: false, nextOffset: null } },
  }),
  "cron.status": method({
    params: cron.CronStatusParams,
    result: cron.CronStatusResult,
    scope: "operator.read",
    description: "State of the scheduler.",
    example: { params: {}, result: { enabled: true, storePath: "~/.tidegate/cron/jobs.json", jobs: 1, nextWakeAtMs: T0 + 3600000 } },
  }),
  "cron.add": method({
    params: cron.CronAddParams,
    result: cron.CronJob,
    scope: "operator.admin",
    description: "Add a job.",
    example: {
      params: { name: "Daily digest", schedule: JOB.schedule, sessionTarget: "isolated", wakeMode: "now", payload: JOB.payload },
      result: JOB,
    },
  }),
  "cron.update": method({
    params: cron.CronUpdateParams,
    result: cron.CronJob,
    scope: "operator.admin",
    errors: ["NOT_FOUND"],
    description: "Change a job.",
    example: { params: { id: "daily-digest", patch: { enabled: false } }, result: { ...JOB, enabled: false } },
  }),
  "cron.remove": method({
    params: cron.CronRemoveParams,
    result: cron.CronRemoveResult,
    scope: "operator.admin",
    description: "Remove a job.",
    example: { params: { id: "daily-digest" }, result: { ok: true, removed: true } },
  }),
  "cron.run": method({
    params: cron.CronRunParams,
    result: cron.CronRunResult,
    scope: "operator.admin",
    errors: ["NOT_FOUND"],
    description: "Run a job now (`force`) or only if due (`due`), and answer once the run is recorded; its outcome is in `cron.runs`. A job never overlaps itself.",
    example: { params: { id: "daily-digest", mode: "force" }, result: { ok: true, ran: true } },
  }),
  "cron.runs": method({
    params: cron.CronRunsParams,
    result: cron.CronRunsResult,
    scope: "operator.read",
    description: "The run log, newest first.",
    example: {
      params: { id: "daily-digest", limit: 1 },
      result: { entries: [{ ts: T0 + 1200, jobId: "daily-digest", action: "finished", status: "ok", runAtMs: T0, durationMs: 1200 }], total: 1, offset: 0, limit: 1, hasMore: false, nextOffset: null },
    },
  }),
};
