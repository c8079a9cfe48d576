/** Registry entries of the methods whose params live in `schema/system.ts`. */

import { DEVICE, HEALTH, PRESENCE_SELF, T0 } from "../example-values.js";
import { method } from "../registry-spec.js";
import { HealthSnapshot } from "../snapshot.js";
import * as sys from "../system.js";

export const systemMethods = {
  health: method({
    params: sys.HealthParams,
    result: HealthSnapshot,
    scope: "operator.read",
    description: "The gateway's health snapshot (the cached one unless `probe`). In v3 any authenticated connection may call it.",
    example: { params: {}, result: HEALTH },
  }),
  status: method({
    params: sys.StatusParams,
    result: sys.StatusSummary,
    scope: "operator.read",
    description: "Heartbeats, channel summary, queued system events and sessions (the v3 `status` summary; redacted for non-admins).",
    example: {
      params: {},
      result: {
        heartbeat: { defaultAgentId: "main", agents: [{ agentId: "main", enabled: true, every: "30m", everyMs: 1800000 }] },
        channelSummary: [],
        queuedSystemEvents: [],
        sessions: {
          paths: ["~/.tidegate/agents/main/sessions/sessions.json"],
          count: 0,
          defaults: { model: "gpt-5", contextTokens: 200000 },
          recent: [],
          byAgent: [{ agentId: "main", path: "~/.tidegate/agents/main/sessions/sessions.json", count: 0, recent: [] }],
        },
      },
    },
  }),
  "system-presence": method({
    params: sys.SystemPresenceParams,
    result: sys.SystemPresenceResult,
    scope: "operator.read",
    description: "Who is around: one row per device (the gateway's own first among equals), newest first; CLI calls are not listed.",
    example: { params: {}, result: [PRESENCE_SELF] },
  }),
  "system-event": method({
    params: sys.SystemEventParams,
    result: sys.OkFlag,
    scope: "operator.admin",
    description: "An app's presence beacon or free-text event: updates presence and enqueues a system event for the main session.",
    example: { params: { text: "Node: laptop (192.0.2.7) · app 1.2 · last input 4s ago · mode ui · reason periodic", deviceId: DEVICE, reason: "periodic" }, result: { ok: true } },
  }),
  "last-heartbeat": method({
    params: sys.LastHeartbeatParams,
    result: sys.LastHeartbeatResult,
    scope: "operator.read",
    description: "The last heartbeat event, or null.",
    example: { params: {}, result: { ts: T0, status: "ok-token", durationMs: 900 } },
  }),
  "set-heartbeats": method({
    params: sys.SetHeartbeatsParams,
    result: sys.SetHeartbeatsResult,
    scope: "operator.admin",
    description: "Turn periodic agent heartbeats on or off.",
    example: { params: { enabled: false }, result: { ok: true, enabled: false } },
  }),
  wake: method({
    params: sys.WakeParams,
    result: sys.OkFlag,
    scope: "operator.write",
    description: "Enqueue a system event for the main session; `now` also runs a heartbeat at once.",
    example: { params: { mode: "now", text: "Check the build" }, result: { ok: true } },
  }),
  "logs.tail": method({
    params: sys.LogsTailParams,
    result: sys.LogsTailResult,
    scope: "operator.read",
    description: "Read the end of the gateway log, or continue from a cursor.",
    example: { params: { limit: 2 }, result: { file: "~/.tidegate/logs/gateway.log", cursor: 2048, size: 2048, lines: ["started", "listening"] } },
  }),
  "doctor.memory.status": method({
    params: sys.DoctorMemoryStatusParams,
    result: sys.DoctorMemoryStatusResult,
    scope: "operator.read",
    description: "Whether memory search works (an embedding provider answers). This gateway has no memory search, so it answers provider `none` and says so.",
    example: { params: {}, result: { agentId: "main", provider: "none", embedding: { ok: false, error: "memory search is not supported by this gateway, so no embedding provider is used" } } },
  }),
};
