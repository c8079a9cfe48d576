/**
 * How a job's payload runs. The scheduler only knows this interface; the
 * gateway plugs in the sessions/agents services for `systemEvent` and
 * `agentTurn` and the real HTTP client for `webhook`.
 */
import type { CronDelivery, CronJob, CronPayloadAgentTurn, CronPayloadSystemEvent, CronPayloadWebhook } from "../../generated/ts/types.js";
import type { TimerSource } from "./time.js";

export interface CronRunContext {
  job: CronJob;
  /** Unique id of this run; an isolated session is named after it. */
  runId: string;
  runAtMs: number;
  /** Aborted when the run times out or the scheduler stops. */
  signal: AbortSignal;
}

export interface CronRunOutcome {
  summary?: string;
  /** The agent's whole reply (what `announce` sends; `summary` is its start). */
  text?: string;
  sessionId?: string;
  sessionKey?: string;
}

/** Where `announce` goes: `channel` (default `last`: the agent's last channel) and `to`. */
export type CronAnnounceTarget = Pick<CronDelivery, "channel" | "to" | "accountId">;

export interface CronExecutor {
  systemEvent(payload: CronPayloadSystemEvent, ctx: CronRunContext): Promise<CronRunOutcome>;
  agentTurn(payload: CronPayloadAgentTurn, ctx: CronRunContext): Promise<CronRunOutcome>;
  webhook(payload: CronPayloadWebhook, ctx: CronRunContext): Promise<CronRunOutcome>;
  /** Send `text` to a channel target (`announce`); throws why it could not. Absent without channels. */
  announce?(target: CronAnnounceTarget, text: string, ctx: CronRunContext, key: string): Promise<void>;
}

/** The session a run uses: the agent's main session, or a fresh one per run. */
export function sessionKeyFor(job: CronJob, runId: string): string {
  const agent = job.agentId ?? "main";
  return job.sessionTarget === "main" ? `agent:${agent}:main` : `agent:${agent}:cron:${job.id}:run:${runId}`;
}

/** Runs `payload` through `executor` (the switch on `kind` lives here, once). */
export function runPayload(executor: CronExecutor, ctx: CronRunContext): Promise<CronRunOutcome> {
  const payload = ctx.job.payload;
  switch (payload.kind) {
    case "systemEvent":
      return executor.systemEvent(payload, ctx);
    case "agentTurn":
      return executor.agentTurn(payload, ctx);
    case "webhook":
      return executor.webhook(payload, ctx);
  }
}

/** How one run ended: `error` carries the reason (a hang is "timeout: …"). */
export interface RunEnd {
  status: "ok" | "error";
  error?: string;
  outcome: CronRunOutcome;
}

/**
 * Run the job's payload, giving up after `timeoutMs` on `timers` (the monotonic source): a timed-out
 * run is aborted through `controller`, and an abort from outside (the scheduler stopping) ends it too.
 * Never throws: every failure is a `RunEnd` with its message.
 */
export async function runWithTimeout(executor: CronExecutor, ctx: CronRunContext, controller: AbortController, timers: TimerSource, timeoutMs: number): Promise<RunEnd> {
  let timer: unknown;
  const timedOut = new Promise<"timeout">((resolve) => {
    timer = timers.set(() => resolve("timeout"), timeoutMs);
  });
  try {
    const work = runPayload(executor, ctx);
    const aborted = new Promise<never>((_, reject) => controller.signal.addEventListener("abort", () => reject(controller.signal.reason), { once: true }));
    const winner = await Promise.race([work, timedOut, aborted]);
    if (winner !== "timeout") return { status: "ok", outcome: winner };
    const error = `timeout: no result after ${timeoutMs} ms`;
    controller.abort(new Error(error));
    void work.catch(() => undefined);
    return { status: "error", error, outcome: {} };
  } catch (thrown) {
    const error = controller.signal.aborted && controller.signal.reason instanceof Error ? controller.signal.reason.message : errorMessage(thrown);
    return { status: "error", error, outcome: {} };
  } finally {
    timers.clear(timer);
  }
}

/** The message of anything thrown by a payload. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return typeof error === "string" ? error : `non-error thrown: ${JSON.stringify(error) ?? String(error)}`;
}
