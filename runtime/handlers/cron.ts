/** `cron.*`: scheduled jobs, over the cron service (runtime/cron/service.ts). */
import type { CronJob } from "../../generated/ts/types.js";
import { GatewayError } from "../errors.js";
import type { GatewayServices } from "../services.js";
import type { Handlers } from "./context.js";

type CronMethod = "cron.list" | "cron.status" | "cron.add" | "cron.update" | "cron.remove" | "cron.run" | "cron.runs";

/**
 * `id` or its alias `jobId` (the reference accepts both). Neither is refused with v3's words: its
 * schema says `anyOf: [{required: [id]}, {required: [jobId]}]` and the CLI prints the message as is.
 */
function jobIdOf(method: "cron.update" | "cron.remove" | "cron.run", params: { id?: string; jobId?: string }): string {
  const id = params.id ?? params.jobId;
  if (id === undefined) {
    throw new GatewayError("INVALID_PARAMS", `invalid ${method} params: must have required property 'id'; must have required property 'jobId'; must match a schema in anyOf`);
  }
  if (params.id !== undefined && params.jobId !== undefined && params.id !== params.jobId) throw new GatewayError("INVALID_PARAMS", "`id` and `jobId` name different jobs");
  return id;
}

/** A webhook URL's secret-bearing parts (path, query) hidden: many webhook URLs are credentials. */
function redactUrl(text: string): string {
  try {
    const url = new URL(text);
    return url.pathname === "/" && !url.search ? url.origin + "/" : `${url.origin}/…`;
  } catch {
    return "…";
  }
}

/** What a caller without `operator.admin` sees of a job: no header values, no webhook paths. */
export function redactJob(job: CronJob): CronJob {
  const out = structuredClone(job);
  if (out.payload.kind === "webhook") {
    out.payload.url = redactUrl(out.payload.url);
    if (out.payload.headers) out.payload.headers = Object.fromEntries(Object.keys(out.payload.headers).map((k) => [k, "[redacted]"]));
    if (out.payload.body !== undefined) out.payload.body = "[redacted]";
  }
  if (out.delivery?.to && out.delivery.mode === "webhook") out.delivery.to = redactUrl(out.delivery.to);
  return out;
}

export function cronHandlers(s: Pick<GatewayServices, "cron">): Handlers<CronMethod> {
  const { cron } = s;
  return {
    "cron.list": (params, { caller }) => {
      const page = cron.list(params);
      return caller.hasScope("operator.admin") ? page : { ...page, jobs: page.jobs.map(redactJob) };
    },
    "cron.status": () => cron.status(),
    "cron.add": (params) => cron.add(params),
    "cron.update": (params) => cron.update(jobIdOf("cron.update", params), params.patch),
    "cron.remove": (params) => cron.remove(jobIdOf("cron.remove", params)),
    "cron.run": async (params) => {
      // v3 answers `{ok, ran}` (or `reason`); the outcome is in the run log (`cron.runs`).
      const { status: _outcome, ...result } = await cron.run(jobIdOf("cron.run", params), params.mode ?? "force");
      return result;
    },
    "cron.runs": (params) => {
      const id = params.id ?? params.jobId;
      const { statuses, status, deliveryStatuses, deliveryStatus, query, sortDir, limit, offset } = params;
      return cron.runs({ scope: params.scope, jobId: id, statuses, status, deliveryStatuses, deliveryStatus, query, sortDir, limit, offset });
    },
  };
}
