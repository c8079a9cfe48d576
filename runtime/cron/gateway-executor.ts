/**
 * The executor the gateway runs jobs with: `systemEvent` appends a system
 * message to the job's session (the main one, or a fresh one per run),
 * `agentTurn` runs the agent in that session and waits for the outcome (a
 * timed-out or stopped job aborts the run), `webhook` POSTs for real.
 */
import type { AgentRuns } from "../agents/runs.js";
import type { SessionService } from "../sessions/service.js";
import { type CronExecutor, sessionKeyFor } from "./executor.js";
import { postWebhook } from "./webhook.js";

/** A failed agent turn, recorded in the job's run log with the run's own error. */
export class AgentTurnError extends Error {}

export interface ExecutorServices {
  sessions: Pick<SessionService, "append">;
  /** Agent runs (built after the cron service, hence a getter). */
  runs(): Pick<AgentRuns, "start" | "abort">;
}

const SUMMARY_CHARS = 200;

export function gatewayExecutor(services: ExecutorServices): CronExecutor {
  return {
    systemEvent: async (payload, ctx) => {
      const sessionKey = sessionKeyFor(ctx.job, ctx.runId);
      const entry = await services.sessions.append(sessionKey, [{ role: "system", content: payload.text, ts: ctx.runAtMs }]);
      // v3 records a main-session event's text as the summary and names no session; an isolated
      // run says which session it made.
      if (ctx.job.sessionTarget === "main") return { summary: payload.text };
      return { summary: payload.text, sessionKey, sessionId: entry.sessionId };
    },
    agentTurn: async (payload, ctx) => {
      const sessionKey = sessionKeyFor(ctx.job, ctx.runId);
      const runs = services.runs();
      const { run, done } = runs.start({
        message: payload.message,
        agentId: ctx.job.agentId ?? undefined,
        sessionKey,
        model: payload.model,
        runId: `cron-${ctx.runId}`,
        timeoutMs: payload.timeoutSeconds ? payload.timeoutSeconds * 1000 : undefined,
      });
      const stop = () => runs.abort(run.runId);
      ctx.signal.addEventListener("abort", stop, { once: true });
      try {
        const final = await done;
        if (final.status !== "ok") throw new AgentTurnError(`agent run ${final.runId} ended ${final.status}${final.error ? `: ${final.error}` : ""}`);
        return { summary: final.text.slice(0, SUMMARY_CHARS), sessionKey };
      } finally {
        ctx.signal.removeEventListener("abort", stop);
      }
    },
    webhook: postWebhook,
  };
}
