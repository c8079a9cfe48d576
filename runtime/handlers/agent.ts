/**
 * `agent`, `agent.wait`, `agent.identity.get`. `agent` is two-phase: the run
 * is accepted at once (first answer `{runId, status: accepted, acceptedAt}`,
 * run id = idempotency key), `agent` events stream, then the final answer
 * carries the outcome. A failed run answers UNAVAILABLE/MODEL_BACKEND_FAILED with,
 * as v3, the run's outcome `{runId, status: "error", summary}` as the frame's payload.
 */

import type { AgentRunResult, AgentWaitResult } from "../../generated/ts/types.js";
import type { RunSnapshot } from "../agents/runs.js";
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

export function agentHandlers(s: AgentFamilyServices): Handlers<"agent" | "agent.wait" | "agent.identity.get"> {
  const { agents } = s;
  return {
    agent: async (params, context) => {
      const sessionKey = sessionKeyParam(params.sessionKey);
      const agentId = params.agentId ?? agentIdOfSessionKey(sessionKey);
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
      return finalAgentResult(final, session?.sessionId);
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
