/**
 * The executor the gateway runs jobs with: `systemEvent` on the main session
 * queues the text for the agent's next turn (v3) and, with `wakeMode: now`,
 * runs a heartbeat at once; on a fresh session per run it appends a system
 * message,
 * `agentTurn` runs the agent in that session and waits for the outcome (a
 * timed-out or stopped job aborts the run), `webhook` POSTs for real.
 */
import type { AgentRuns } from "../agents/runs.js";
import type { ChannelDelivery } from "../channels/deliver.js";
import type { HeartbeatService } from "../heartbeat/service.js";
import type { SessionService } from "../sessions/service.js";
import { type CronExecutor, sessionKeyFor } from "./executor.js";
import { postWebhook } from "./webhook.js";

/** A failed agent turn, recorded in the job's run log with the run's own error. */
export class AgentTurnError extends Error {}

export interface ExecutorServices {
  sessions: Pick<SessionService, "append">;
  /** Agent runs (built after the cron service, hence a getter). */
  runs(): Pick<AgentRuns, "start" | "abort">;
  /** The main session's system-event queue and heartbeat; without it, events are appended to the transcript. */
  heartbeat?: Pick<HeartbeatService, "enqueue" | "wakeNow" | "mainSessionKey">;
  /** Channel delivery for `announce` (built after the cron service, hence a getter); without it, announce fails. */
  delivery?(): Pick<ChannelDelivery, "deliver"> | undefined;
}

const SUMMARY_CHARS = 200;

export function gatewayExecutor(services: ExecutorServices): CronExecutor {
  return {
    systemEvent: async (payload, ctx) => {
      const sessionKey = sessionKeyFor(ctx.job, ctx.runId);
      const heartbeat = services.heartbeat;
      // v3 records a main-session event's text as the summary and names no session; an isolated
      // run says which session it made.
      if (heartbeat && sessionKey === heartbeat.mainSessionKey()) {
        heartbeat.enqueue(payload.text, { contextKey: `cron:${ctx.job.id}` });
        if (ctx.job.wakeMode === "now") await heartbeat.wakeNow();
        return { summary: payload.text };
      }
      const entry = await services.sessions.append(sessionKey, [{ role: "system", content: payload.text, ts: ctx.runAtMs }]);
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
        return { summary: final.text.slice(0, SUMMARY_CHARS), text: final.text, sessionKey };
      } finally {
        ctx.signal.removeEventListener("abort", stop);
      }
    },
    webhook: postWebhook,
    announce: async (target, text, ctx, key) => {
      const delivery = services.delivery?.();
      if (!delivery) throw new Error("announce delivery needs the channels service, which this gateway does not run");
      // `last` is the agent's main session's last channel (as v3).
      const sessionKey = ctx.job.sessionKey ?? `agent:${ctx.job.agentId ?? "main"}:main`;
      const outcome = await delivery.deliver({ ...target, sessionKey }, text, key);
      if (!outcome.delivered) throw outcome.error;
    },
  };
}
