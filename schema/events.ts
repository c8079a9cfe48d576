/** The event half of the registry: every event, its payload, who receives it, and an example. */

import * as ag from "./agents.js";
import * as chan from "./channels.js";
import * as cron from "./cron.js";
import * as dev from "./devices.js";
import { DEVICE, HEALTH, NODE, PAIR_REQ, T0 } from "./example-values.js";
import * as exec from "./exec-approvals.js";
import { ConnectChallenge } from "./handshake.js";
import * as node from "./nodes.js";
import { event } from "./registry-spec.js";
import { HealthSnapshot } from "./snapshot.js";
import * as sys from "./system.js";

export const events = {
  "connect.challenge": event({
    payload: ConnectChallenge,
    audience: "all",
    droppable: false,
    description: "First frame on every socket; sign its nonce in `connect`.",
    example: { nonce: "83f789b0-a9c0-4ece-a82f-432d5bcd9cb4", ts: T0 },
  }),
  tick: event({
    payload: sys.TickEvent,
    audience: "all",
    droppable: true,
    description: "Keep-alive every `policy.tickIntervalMs`; close after two missed ticks.",
    example: { ts: T0 },
  }),
  shutdown: event({
    payload: sys.ShutdownEvent,
    audience: "all",
    droppable: false,
    description: "The gateway is stopping; sockets close with 1012 next.",
    example: { reason: "signal", restartExpectedMs: 2000 },
  }),
  presence: event({
    payload: sys.PresenceEvent,
    audience: "all",
    droppable: true,
    description: "Presence changed (carries `stateVersion`).",
    example: { presence: [{ host: "vm", mode: "gateway", reason: "self", ts: T0 }] },
  }),
  health: event({
    payload: HealthSnapshot,
    audience: "all",
    droppable: true,
    description: "A new health snapshot (carries `stateVersion`).",
    example: HEALTH,
  }),
  heartbeat: event({
    payload: sys.HeartbeatEvent,
    audience: "operator.read",
    droppable: true,
    description: "An agent heartbeat ran.",
    example: { ts: T0, status: "ok-token", durationMs: 900, reason: "interval" },
  }),
  agent: event({
    payload: sys.AgentEvent,
    audience: "operator.read",
    droppable: false,
    description: "Streamed output of an agent run.",
    example: { runId: "run-1", seq: 2, stream: "assistant", ts: T0, data: { delta: "Noth" } },
  }),
  chat: event({
    payload: ag.ChatEvent,
    audience: "operator.read",
    droppable: false,
    description: "A chunk or the end of a chat reply.",
    example: { runId: "k3", sessionKey: "agent:main:main", seq: 7, state: "final", message: { role: "assistant", content: [{ type: "text", text: "Hello!" }], timestamp: T0 }, stopReason: "stop" },
  }),
  cron: event({
    payload: cron.CronEvent,
    audience: "operator.read",
    droppable: true,
    description: "A job started, finished or changed.",
    example: { ts: T0, jobId: "daily-digest", action: "finished", status: "ok", summary: "done", runAtMs: T0, durationMs: 1200, nextRunAtMs: T0 + 86400000 },
  }),
  "node.pair.requested": event({
    payload: node.NodePairRequestedEvent,
    audience: "operator.pairing",
    droppable: false,
    description: "A node asked to be paired.",
    example: { requestId: "np-1", nodeId: NODE, displayName: "testnode", ts: T0 },
  }),
  "node.pair.resolved": event({
    payload: node.NodePairResolvedEvent,
    audience: "operator.pairing",
    droppable: false,
    description: "A node pairing request was decided.",
    example: { requestId: "np-1", nodeId: NODE, decision: "approved", ts: T0 },
  }),
  "node.invoke.request": event({
    payload: node.NodeInvokeRequestEvent,
    audience: "node",
    droppable: false,
    description: "Sent to the targeted node only: run a command, answer with `node.invoke.result`.",
    example: { id: "d66afb4e", nodeId: NODE, command: "system.which", paramsJSON: '{"bins":["ls"]}', idempotencyKey: "k1" },
  }),
  "device.pair.requested": event({
    payload: dev.DevicePairRequestedEvent,
    audience: "operator.pairing",
    droppable: false,
    description: "A device asked to be paired.",
    example: PAIR_REQ,
  }),
  "device.pair.resolved": event({
    payload: dev.DevicePairResolvedEvent,
    audience: "operator.pairing",
    droppable: false,
    description: "A device pairing request was decided.",
    example: { requestId: "req-1", deviceId: DEVICE, decision: "approved", ts: T0 },
  }),
  "channel.pairing.requested": event({
    payload: chan.ChannelPairingRequest,
    audience: "operator.pairing",
    droppable: false,
    description: 'An unknown sender of a channel got a pairing code (`dmPolicy: "pairing"`); approve it with `channels.pairing.approve` (tidegate extension).',
    example: { channel: "irc", accountId: "default", code: "K7QH3MXP", senderId: "alice", createdAt: T0, expiresAt: T0 + 3600000 },
  }),
  "channel.pairing.resolved": event({
    payload: chan.ChannelPairingResolvedEvent,
    audience: "operator.pairing",
    droppable: false,
    description: "A channel pairing code was approved or rejected (tidegate extension).",
    example: { request: { channel: "irc", accountId: "default", code: "K7QH3MXP", senderId: "alice", createdAt: T0, expiresAt: T0 + 3600000 }, decision: "approved", ts: T0 },
  }),
  "exec.approval.requested": event({
    payload: exec.ExecApprovalRequestedEvent,
    audience: "operator.approvals",
    droppable: false,
    description: "A command waits for an operator's decision.",
    example: {
      id: "ea-1",
      request: { command: "rm -rf build", cwd: "/src", nodeId: null, host: "node", security: "allowlist", ask: "on-miss", agentId: null, resolvedPath: "/usr/bin/rm", sessionKey: null },
      createdAtMs: T0,
      expiresAtMs: T0 + 60000,
    },
  }),
  "exec.approval.resolved": event({
    payload: exec.ExecApprovalResolvedEvent,
    audience: "operator.approvals",
    droppable: false,
    description: "An exec approval request was decided.",
    example: { id: "ea-1", decision: "deny", ts: T0 },
  }),
  "talk.mode": event({
    payload: sys.TalkModeEvent,
    audience: "operator.read",
    droppable: true,
    description: "Talk mode was switched (same payload as the `talk.mode` result).",
    example: { enabled: true, phase: "listening", ts: T0 },
  }),
  "voicewake.changed": event({
    payload: sys.VoiceWakeChangedEvent,
    audience: "all",
    droppable: true,
    description: "The voice wake words changed.",
    example: { triggers: ["tidegate", "computer"] },
  }),
  "update.available": event({
    payload: sys.UpdateAvailableEvent,
    audience: "all",
    droppable: true,
    description: "A newer gateway release was found (also in `hello-ok` as `snapshot.updateAvailable`).",
    example: { updateAvailable: { currentVersion: "0.1.0", latestVersion: "0.2.0", channel: "latest" } },
  }),
} as const;
