/**
 * How a job's payload runs. The scheduler only knows this interface; the
 * gateway plugs in the sessions/agents services for `systemEvent` and
 * `agentTurn` and the real HTTP client for `webhook`.
 */
import type { CronDelivery, CronJob, CronPayloadAgentTurn, CronPayloadSystemEvent, CronPayloadWebhook } from "../../generated/ts/types.js";

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
  sessionId?: string;
  sessionKey?: string;
}

export interface CronExecutor {
  systemEvent(payload: CronPayloadSystemEvent, ctx: CronRunContext): Promise<CronRunOutcome>;
  agentTurn(payload: CronPayloadAgentTurn, ctx: CronRunContext): Promise<CronRunOutcome>;
  webhook(payload: CronPayloadWebhook, ctx: CronRunContext): Promise<CronRunOutcome>;
  /** Deliver the outcome to a channel; absent until channels exist. */
  deliver?(delivery: CronDelivery, outcome: CronRunOutcome, ctx: CronRunContext): Promise<void>;
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
