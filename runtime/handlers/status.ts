/**
 * `status`: the v3 status summary — heartbeats, channel summary, queued system events and
 * sessions (from the session store), plus the served certificate when TLS is on. Heartbeat
 * settings and queued system events come from the heartbeat service; the channel summary is one
 * line per configured channel account.
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

export function statusHandlers(s: Pick<GatewayServices, "info" | "sessions" | "clock" | "heartbeat"> & Partial<Pick<GatewayServices, "channels" | "agents">>): Handlers<"status"> {
  return {
    status: () => {
      const now = s.clock.now();
      const all = s.sessions.list({ limit: RECENT });
      // As v3: every configured agent (the default one at least), with or without sessions.
      const agentIds = [...new Set([...(s.agents?.store.list().map((a) => a.id) ?? [s.sessions.defaultAgentId]), ...s.sessions.agents])];
      const defaults = s.agents?.sessionDefaults();
      const byAgent = agentIds.map((agentId) => {
        const mine = s.sessions.list({ agentId, limit: RECENT });
        return { agentId, path: s.sessions.storePath(agentId), count: mine.total, recent: mine.rows.map((r) => statusRow(r, now)) };
      });
      return {
        heartbeat: s.heartbeat.summary(),
        channelSummary: s.channels?.summary() ?? [],
        queuedSystemEvents: s.heartbeat.queuedSystemEvents(),
        sessions: {
          paths: byAgent.map((a) => a.path),
          count: all.total,
          defaults: { model: defaults?.model ?? null, contextTokens: defaults?.contextTokens ?? null },
          recent: all.rows.map((r) => statusRow(r, now)),
          byAgent,
        },
        ...(s.info.tls ? { tls: { ...s.info.tls } } : {}),
      };
    },
  };
}
