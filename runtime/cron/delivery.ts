/** Where a run's outcome goes: `none`, `webhook` (POST the outcome as JSON), `announce` (the channels service, when there is one). */
import type { CronDelivery, CronDeliveryStatus, CronRunStatus } from "../../generated/ts/types.js";
import { type CronExecutor, type CronRunContext, type CronRunOutcome, errorMessage } from "./executor.js";

import { postJson } from "./webhook.js";

/** Deliver the outcome: `webhook` POSTs it (every status), `announce` needs the channels service (ok runs only). */
export async function deliverOutcome(
  delivery: CronDelivery | undefined,
  result: { status: CronRunStatus; error?: string; outcome: CronRunOutcome },
  ctx: CronRunContext,
  executor: CronExecutor,
): Promise<{ delivered?: boolean; deliveryStatus: CronDeliveryStatus; deliveryError?: string }> {
  if (!delivery || delivery.mode === "none") return { deliveryStatus: "not-requested" };
  if (delivery.mode === "announce" && result.status !== "ok") return { deliveryStatus: "not-requested" };
  try {
    if (delivery.mode === "webhook") {
      await postJson(delivery.to ?? "", { jobId: ctx.job.id, jobName: ctx.job.name, runId: ctx.runId, runAtMs: ctx.runAtMs, status: result.status, error: result.error, ...result.outcome });
    } else {
      if (!executor.deliver) throw new Error("announce delivery needs the channels service, which this gateway does not run yet");
      await executor.deliver(delivery, result.outcome, ctx);
    }
    return { delivered: true, deliveryStatus: "delivered" };
  } catch (deliveryError) {
    return { delivered: false, deliveryStatus: "not-delivered", deliveryError: errorMessage(deliveryError) };
  }
}
