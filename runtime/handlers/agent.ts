/**
 * `agent`, `agent.wait`, `agent.identity.get`. `agent` is two-phase: the run
 * is accepted at once (first answer `{runId, status: accepted, acceptedAt}`,
 * run id = idempotency key), `agent` events stream, then the final answer
 * carries the outcome. A failed run answers UNAVAILABLE/MODEL_BACKEND_FAILED with,
 * as v3, the run's outcome `{runId, status: "error", summary}` as the frame's payload.
 */

import type { AgentParams, AgentRunResult, AgentWaitResult } from "../../generated/ts/types.js";
import type { RunSnapshot } from "../agents/runs.js";
import type { DeliveryRoute } from "../channels/deliver.js";
import { GatewayError } from "../errors.js";
import type { AgentFamilyServices } from "./agent-call.js";
import type { Handlers } from "./context.js";
import { sessionKeyParam } from "./session-key.js";

const DEFAULT_WAIT_MS = 30_000;

/** `agent:<id>:…` → `<id>`. */
export function agentIdOfSessionKey(sessionKey: string | undefined): string | undefined {
  const match = /^agent:([^:]+):/.exec(sessionKey ?? "");
  return match?.[1];
}

export function finalAgentResult(run: RunSnapshot, sessionId?: string): AgentRunResult {
  if (run.status === "error") {
    const summary = run.error ?? "agent run failed";
    throw new GatewayError("MODEL_BACKEND_FAILED", summary, { runId: run.runId, status: "error" }, { payload: { runId: run.runId, status: "error", summary } });
  }
  const [provider, ...model] = run.model.split("/");
  const agentMeta: NonNullable<NonNullable<AgentRunResult["result"]>["meta"]["agentMeta"]> = { sessionKey: run.sessionKey, provider, model: model.join("/") };
  if (sessionId) agentMeta.sessionId = sessionId;
  if (run.usage) agentMeta.usage = run.usage;
  const meta: NonNullable<AgentRunResult["result"]>["meta"] = { durationMs: Math.max(0, (run.endedAt ?? 0) - (run.startedAt ?? run.acceptedAt)), agentMeta };
  if (run.stopReason) meta.stopReason = run.stopReason;
  if (run.status === "aborted") meta.aborted = true;
  const status = run.status === "ok" || run.status === "aborted" || run.status === "timeout" ? run.status : "error";
  return {
    runId: run.runId,
    status,
    summary: run.status === "ok" ? "completed" : run.status === "aborted" ? "aborted" : (run.error ?? run.status),
    result: { payloads: run.text ? [{ text: run.text }] : [], meta },
  };
}

export function waitResult(run: RunSnapshot | "timeout", runId: string): AgentWaitResult {
  if (run === "timeout") return { runId, status: "timeout" };
  const result: AgentWaitResult = { runId, status: run.status === "ok" ? "ok" : "error" };
  if (run.startedAt !== undefined) result.startedAt = run.startedAt;
  if (run.endedAt !== undefined) result.endedAt = run.endedAt;
  if (run.status !== "ok") result.error = run.status === "aborted" ? "aborted" : (run.error ?? run.status);
  return result;
}

/**
 * The route `agent {deliver: true}` sends its reply on: explicit `replyChannel`/`channel` + `replyTo`/`to`, else the
 * session's. As v3, no channel at all or an unknown one is refused before the run; a known channel without a recipient
 * fails the delivery after the run (an error returned here, so `bestEffortDeliver` decides).
 */
function deliveryRoute(s: AgentFamilyServices, params: AgentParams, sessionKey: string): DeliveryRoute | GatewayError {
  if (!s.delivery) throw new GatewayError("DELIVERY_TARGET_MISSING", "this gateway runs no channels to deliver the reply to");
  try {
    return s.delivery.resolve({
      channel: params.replyChannel ?? params.channel,
      to: params.replyTo ?? params.to,
      accountId: params.replyAccountId ?? params.accountId,
      threadId: params.threadId,
      sessionKey,
    });
  } catch (error) {
    if (error instanceof GatewayError && error.details.code === "DELIVERY_TARGET_MISSING" && error.details.channel !== undefined) return error;
    throw error;
  }
}

/** v3: delivery is best effort when asked, and by default for runs on a main session. */
function bestEffort(requested: boolean | undefined, sessionKey: string): boolean {
  return requested ?? /^agent:[^:]+:main$/.test(sessionKey);
}

export function agentHandlers(s: AgentFamilyServices): Handlers<"agent" | "agent.wait" | "agent.identity.get"> {
  const { agents } = s;
  return {
    agent: async (params, context) => {
      const sessionKey = sessionKeyParam(params.sessionKey);
      const agentId = params.agentId ?? agentIdOfSessionKey(sessionKey);
      // v3 checks the delivery channel before accepting the run: an unknown channel or none at all fails at once.
      const route = params.deliver === true ? deliveryRoute(s, params, sessionKey ?? `agent:${agentId ?? agents.store.defaultId()}:main`) : undefined;
      const { run, existing, done } = agents.runs.start({
        message: params.message,
        agentId,
        sessionKey,
        model: params.model,
        idempotencyKey: `agent\u0000${params.idempotencyKey}`,
        runId: params.idempotencyKey,
        timeoutMs: params.timeout !== undefined && params.timeout > 0 ? params.timeout * 1000 : undefined,
        systemPrompt: params.extraSystemPrompt,
      });
      if (!existing || run.endedAt === undefined) context.accept?.({ runId: run.runId, status: "accepted", acceptedAt: run.acceptedAt });
      const final = await done;
      const session = await agents.sessions.get(final.sessionKey);
      const result = finalAgentResult(final, session?.sessionId);
      if (route && s.delivery && final.status === "ok" && final.text.trim()) {
        // The reply already lives in the run's session: not mirrored again. The same key sends once (agent retries).
        const outcome = route instanceof GatewayError ? { delivered: false as const, error: route } : await s.delivery.deliver(route, final.text, `agent:${final.runId}`, { mirror: false });
        // v3: a failed delivery fails the run's answer, unless `bestEffortDeliver` (the default on a main session).
        if (!outcome.delivered && !bestEffort(params.bestEffortDeliver, final.sessionKey)) {
          throw new GatewayError(outcome.error.details.code, outcome.error.message, { ...outcome.error.details, runId: final.runId, status: "error" }, { retryable: outcome.error.retryable });
        }
      }
      return result;
    },
    "agent.wait": async ({ runId, timeoutMs }) => waitResult(await agents.runs.wait(runId, timeoutMs ?? DEFAULT_WAIT_MS), runId),
    "agent.identity.get": ({ agentId, sessionKey }) => {
      const agent = agents.store.require(agentId ?? agentIdOfSessionKey(sessionKey) ?? agents.store.defaultId());
      const identity: { agentId: string; name: string; emoji?: string; avatar?: string } = { agentId: agent.id, name: agent.name ?? "Assistant" };
      if (agent.emoji) identity.emoji = agent.emoji;
      identity.avatar = agent.avatar ?? agent.emoji ?? identity.name.slice(0, 1).toUpperCase();
      return identity;
    },
  };
}
