/** `cron.*`: scheduled jobs, over the cron service (runtime/cron/service.ts). */
import type { GatewayServices } from "../services.js";
import { GatewayError } from "../errors.js";
import type { Handlers } from "./context.js";

type CronMethod = "cron.list" | "cron.status" | "cron.add" | "cron.update" | "cron.remove" | "cron.run" | "cron.runs";

/** `id` or its alias `jobId` (the reference accepts both). */
function jobIdOf(params: { id?: string; jobId?: string }): string {
  const id = params.id ?? params.jobId;
  if (id === undefined) throw new GatewayError("INVALID_PARAMS", "give the job's `id` (or `jobId`)");
  if (params.id !== undefined && params.jobId !== undefined && params.id !== params.jobId) throw new GatewayError("INVALID_PARAMS", "`id` and `jobId` name different jobs");
  return id;
}

export function cronHandlers(s: Pick<GatewayServices, "cron">): Handlers<CronMethod> {
  const { cron } = s;
  return {
    "cron.list": (params) => cron.list(params),
    "cron.status": () => cron.status(),
    "cron.add": (params) => cron.add(params),
    "cron.update": (params) => cron.update(jobIdOf(params), params.patch),
    "cron.remove": (params) => cron.remove(jobIdOf(params)),
    "cron.run": (params) => cron.run(jobIdOf(params), params.mode ?? "force"),
    "cron.runs": (params) => {
      const id = params.id ?? params.jobId;
      const { statuses, status, deliveryStatuses, deliveryStatus, query, sortDir, limit, offset } = params;
      return cron.runs({ scope: params.scope, jobId: id, statuses, status, deliveryStatuses, deliveryStatus, query, sortDir, limit, offset });
    },
  };
}
