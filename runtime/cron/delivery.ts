/**
 * Where a run's outcome goes: `none`, `webhook` (POST the outcome as JSON),
 * `announce` (the agent's reply through a channel). As v3, `announce` is for
 * agent turns (a main-session event's reply goes out with the heartbeat) and
 * for runs that succeeded; `delivery.failureDestination` reports each failed
 * run (`Cron job "<name>" failed: <error>`) on a channel or to a webhook.
 */
import type { CronDelivery, CronDeliveryStatus, CronRunStatus } from "../../generated/ts/types.js";
import { type CronExecutor, type CronRunContext, type CronRunOutcome, errorMessage } from "./executor.js";

import { postJson } from "./webhook.js";

/** Deliver the outcome: `webhook` POSTs it (every status), `announce` sends the reply through the channels (ok agent turns). */
export async function deliverOutcome(
  delivery: CronDelivery | undefined,
  result: { status: CronRunStatus; error?: string; outcome: CronRunOutcome },
  ctx: CronRunContext,
  executor: CronExecutor,
): Promise<{ delivered?: boolean; deliveryStatus: CronDeliveryStatus; deliveryError?: string }> {
  if (!delivery || delivery.mode === "none") return { deliveryStatus: "not-requested" };
  let text = "";
  if (delivery.mode === "announce") {
    if (ctx.job.payload.kind !== "agentTurn" || result.status !== "ok") return { deliveryStatus: "not-requested" };
    text = (result.outcome.text ?? result.outcome.summary ?? "").trim();
    if (!text) return { deliveryStatus: "not-requested" };
  }
  try {
    if (delivery.mode === "webhook") {
      await postJson(delivery.to ?? "", { jobId: ctx.job.id, jobName: ctx.job.name, runId: ctx.runId, runAtMs: ctx.runAtMs, status: result.status, error: result.error, ...result.outcome });
    } else {
      if (!executor.announce) throw new Error("announce delivery needs the channels service, which this gateway does not run");
      await executor.announce(delivery, text, ctx, `cron:${ctx.runId}`);
    }
    return { delivered: true, deliveryStatus: "delivered" };
  } catch (deliveryError) {
    return { delivered: false, deliveryStatus: "not-delivered", deliveryError: errorMessage(deliveryError) };
  }
}

/**
 * v3's failure destination: a failed run is reported on `delivery.failureDestination` (mode `announce`, the
 * default, on `channel` (default `last`) and `to`; or `webhook`, POSTed to `to`), unless the delivery is best
 * effort or the destination is the delivery's own target. Throws why it could not be sent.
 */
export async function reportFailure(
  job: CronRunContext["job"],
  failure: { error?: string; runAtMs: number; durationMs: number; nextRunAtMs?: number },
  ctx: CronRunContext,
  executor: CronExecutor,
): Promise<boolean> {
  const destination = job.delivery?.failureDestination;
  if (!destination || job.delivery?.bestEffort === true) return false;
  const mode = destination.mode ?? "announce";
  const message = `Cron job "${job.name}" failed: ${failure.error ?? "unknown error"}`;
  if (mode === "webhook") {
    if (!destination.to) return false;
    await postJson(destination.to, { jobId: job.id, jobName: job.name, message, status: "error", ...failure });
    return true;
  }
  const channel = destination.channel ?? "last";
  const delivery = job.delivery;
  if (delivery?.mode === "announce" && (delivery.channel ?? "last") === channel && delivery.to === destination.to && delivery.accountId === destination.accountId) return false;
  if (!executor.announce) throw new Error("a failure destination needs the channels service, which this gateway does not run");
  await executor.announce({ channel, to: destination.to, accountId: destination.accountId }, message, ctx, `cron-failure:${ctx.runId}`);
  return true;
}
