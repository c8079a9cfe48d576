/**
 * `status`: the v3 status summary (heartbeats, channel summary, queued system events, sessions).
 * This gateway has no agents, channels or session store yet, so the summary is the empty one;
 * the families that build them fill it in.
 */
import type { Handlers } from "./context.js";

export function statusHandlers(): Handlers<"status"> {
  return {
    status: () => ({
      heartbeat: { defaultAgentId: "main", agents: [] },
      channelSummary: [],
      queuedSystemEvents: [],
      sessions: { paths: [], count: 0, defaults: { model: null, contextTokens: null }, recent: [], byAgent: [] },
    }),
  };
}
