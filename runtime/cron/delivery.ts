/**
 * Where a run's outcome goes: `none`, `webhook` (POST the outcome as JSON),
 * `announce` (the agent's reply through a channel). As v3, `announce` is for
 * agent turns (a main-session event's reply goes out with the heartbeat) and
 * for runs that succeeded; `delivery.failureDestination` reports each failed
 * run (`Cron job "<name>" failed: <error>`) on a channel or to a webhook.
 */
import type { CronDelivery, CronDeliveryStatus, CronJob, CronRunStatus } from "../../generated/ts/types.js";
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

/** v3's failure alert defaults: after 2 failed runs in a row, at most once an hour. */
export const FAILURE_ALERT_AFTER = 2;
export const FAILURE_ALERT_COOLDOWN_MS = 60 * 60_000;

/** A failure alert to send now, or undefined (none configured, best effort, too few failures, or within the cooldown). */
export interface FailureAlert {
  mode: "announce" | "webhook";
  channel: string;
  to?: string;
  accountId?: string;
  text: string;
}

/** Whether `job` (its state already counting this failure) alerts now, as v3 decides it. */
export function failureAlertDue(job: CronRunContext["job"], error: string | undefined, now: number): FailureAlert | undefined {
  const config = job.failureAlert;
  if (!config || typeof config !== "object") return undefined;
  const alert = config as { after?: number; channel?: string; to?: string; cooldownMs?: number; mode?: "announce" | "webhook"; accountId?: string };
  if (job.delivery?.bestEffort === true || (job.payload.kind === "agentTurn" && job.payload.bestEffortDeliver === true)) return undefined;
  const failures = job.state.consecutiveErrors ?? 0;
  if (failures < (alert.after ?? FAILURE_ALERT_AFTER)) return undefined;
  const last = job.state.lastFailureAlertAtMs;
  if (last !== undefined && now - last < (alert.cooldownMs ?? FAILURE_ALERT_COOLDOWN_MS)) return undefined;
  const mode = alert.mode ?? "announce";
  const announce = job.delivery?.mode === "announce" ? job.delivery : undefined;
  const text = `Cron job "${job.name || job.id}" failed ${failures} times\nLast error: ${(error?.trim() || "unknown error").slice(0, 200)}`;
  const to = mode === "webhook" ? alert.to : (alert.to ?? announce?.to);
  return {
    mode,
    channel: alert.channel ?? announce?.channel ?? "last",
    ...(to !== undefined && { to }),
    ...(alert.accountId !== undefined && { accountId: alert.accountId }),
    text,
  };
}

/** Send a failure alert: POSTed as `{jobId, jobName, message}` for `webhook`, else announced on its channel. Throws why not. */
export async function sendFailureAlert(alert: FailureAlert, ctx: CronRunContext, executor: CronExecutor): Promise<void> {
  if (alert.mode === "webhook") {
    if (!alert.to) throw new Error("failureAlert.mode webhook needs failureAlert.to (an http(s) URL)");
    await postJson(alert.to, { jobId: ctx.job.id, jobName: ctx.job.name, message: alert.text });
    return;
  }
  if (!executor.announce) throw new Error("a failure alert needs the channels service, which this gateway does not run");
  await executor.announce({ channel: alert.channel, to: alert.to, accountId: alert.accountId }, alert.text, ctx, `cron-alert:${ctx.runId}`);
}

/**
 * A finished run's outcome in the job's state (v3's member order: clients print the job as is);
 * returns the failure alert that is due, if any, and stamps it.
 */
export function settleState(
  job: CronJob,
  run: { status: CronRunStatus; error?: string; durationMs: number; runAtMs: number; now: number; delivery: { delivered?: boolean; deliveryStatus?: CronDeliveryStatus; deliveryError?: string } },
): FailureAlert | undefined {
  const { status, error, delivery } = run;
  job.state = {
    ...job.state,
    runningAtMs: undefined,
    lastRunAtMs: run.runAtMs,
    lastRunStatus: status,
    lastStatus: status,
    lastDurationMs: run.durationMs,
    lastError: error,
    lastDelivered: delivery.delivered,
    lastDeliveryStatus: delivery.deliveryStatus,
    lastDeliveryError: delivery.deliveryError,
    consecutiveErrors: status === "ok" ? 0 : (job.state.consecutiveErrors ?? 0) + 1,
  };
  if (status !== "error") {
    job.state.lastFailureAlertAtMs = undefined;
    return undefined;
  }
  const alert = failureAlertDue(job, error, run.now);
  if (alert) job.state.lastFailureAlertAtMs = run.now;
  return alert;
}

/** After a failed run: its failure destination, then the alert when one is due. What cannot be reported is logged, never thrown. */
export async function reportFailedRun(
  job: CronJob,
  alert: FailureAlert | undefined,
  info: Parameters<typeof reportFailure>[1],
  ctx: CronRunContext,
  executor: CronExecutor,
  log?: { warn(message: string, fields?: Record<string, unknown>): void },
): Promise<void> {
  await reportFailure(job, info, ctx, executor).catch((failed) => log?.warn(`cron: failure destination of job ${job.id} not reached: ${errorMessage(failed)}`, { jobId: job.id }));
  if (alert) await sendFailureAlert(alert, ctx, executor).catch((failed) => log?.warn(`cron: failure alert of job ${job.id} not sent: ${errorMessage(failed)}`, { jobId: job.id }));
}
