/**
 * `status`: the v3 status summary — heartbeats, channel summary, queued system events and
 * sessions (from the session store), plus the served certificate when TLS is on. The channel
 * summary is one line per configured channel account; heartbeats are empty until that family exists.
 */
import type { StatusSessionRow } from "../../generated/ts/types.js";
import type { GatewayServices } from "../services.js";
import type { SessionRow } from "../sessions/service.js";
import type { Handlers } from "./context.js";

const RECENT = 10;

/** A session as the status summary shows it (`direct` for main and DM sessions, `group` for groups and threads). */
function statusRow(row: SessionRow, now: number): StatusSessionRow {
  const { entry } = row;
  return {
    agentId: row.agentId,
    key: row.key,
    kind: row.kind === "group" || row.kind === "thread" ? "group" : row.kind === "subagent" || row.kind === "other" ? "unknown" : "direct",
    sessionId: entry.sessionId,
    updatedAt: entry.updatedAt,
    age: Math.max(0, now - entry.updatedAt),
    ...(entry.thinkingLevel ? { thinkingLevel: entry.thinkingLevel } : {}),
    ...(entry.verboseLevel ? { verboseLevel: entry.verboseLevel } : {}),
    ...(entry.inputTokens !== undefined ? { inputTokens: entry.inputTokens } : {}),
    ...(entry.outputTokens !== undefined ? { outputTokens: entry.outputTokens } : {}),
    totalTokens: entry.totalTokens ?? null,
    totalTokensFresh: entry.totalTokens !== undefined,
    remainingTokens: null,
    percentUsed: null,
    model: row.model ?? entry.modelOverride ?? null,
    contextTokens: null,
    flags: [],
  };
}

export function statusHandlers(s: Pick<GatewayServices, "info" | "sessions" | "clock"> & Partial<Pick<GatewayServices, "channels">>): Handlers<"status"> {
  return {
    status: () => {
      const now = s.clock.now();
      const all = s.sessions.list({ limit: RECENT });
      const byAgent = s.sessions.agents.map((agentId) => {
        const mine = s.sessions.list({ agentId, limit: RECENT });
        return { agentId, path: s.sessions.storePath(agentId), count: mine.total, recent: mine.rows.map((r) => statusRow(r, now)) };
      });
      return {
        heartbeat: { defaultAgentId: "main", agents: [] },
        channelSummary: s.channels?.summary() ?? [],
        queuedSystemEvents: [],
        sessions: {
          paths: byAgent.map((a) => a.path),
          count: all.total,
          defaults: { model: null, contextTokens: null },
          recent: all.rows.map((r) => statusRow(r, now)),
          byAgent,
        },
        ...(s.info.tls ? { tls: { ...s.info.tls } } : {}),
      };
    },
  };
}
