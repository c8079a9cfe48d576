/**
 * The registry: every method and event of the protocol, with its schemas, the
 * scope it needs, whether it needs an `idempotencyKey`, the protocol version it
 * appeared in, a description and an example. Dispatch, validators, clients,
 * Swift/Kotlin models and docs are all derived from this file (methods here,
 * events in events.ts); nothing else in the repository keeps a list of methods or events.
 */
import { ConnectChallenge, ConnectParams, HelloOk } from "./handshake.js";
import * as sys from "./system.js";
import * as ses from "./sessions.js";
import * as cfg from "./config.js";
import * as cron from "./cron.js";
import * as node from "./nodes.js";
import * as dev from "./devices.js";
import * as exec from "./exec-approvals.js";
import * as ag from "./agents.js";
import { HealthSnapshot } from "./snapshot.js";
import { method } from "./registry-spec.js";
import { APPROVALS, DEVICE, FILE, HEALTH, JOB, NODE, NODE_INFO, PAIR_REQ, PAIRED, SESSION, SV, T0 } from "./example-values.js";
import { events } from "./events.js";

export type { Access, Audience, MethodSpec, EventSpec } from "./registry-spec.js";
export { events };

/** The `connect` handshake, outside the method table because it runs before authentication. */
export const handshake = {
  challenge: ConnectChallenge,
  params: ConnectParams,
  result: HelloOk,
  description: "The first request on every socket: negotiate the protocol, authenticate and pair.",
} as const;

export const methods = {
  health: method({
    params: sys.HealthParams, result: HealthSnapshot, scope: "operator.read",
    description: "The gateway's health snapshot.",
    example: { params: {}, result: HEALTH },
  }),
  status: method({
    params: sys.StatusParams, result: sys.GatewayStatus, scope: "operator.read",
    description: "A summary of the running gateway: version, uptime, listener, connections.",
    example: {
      params: {},
      result: {
        version: "0.1.0", protocol: 3, uptimeMs: 51363, host: "vm", port: 18789, bind: "127.0.0.1", authMode: "token",
        connections: 2, operators: 1, nodes: 1, pendingPairings: 0, stateDir: "~/.tidegate", configPath: "~/.tidegate/tidegate.json", stateVersion: SV,
      },
    },
  }),
  "system-presence": method({
    params: sys.SystemPresenceParams, result: sys.SystemPresenceResult, scope: "operator.read",
    description: "Everything connected right now.",
    example: { params: {}, result: { presence: [{ host: "vm", mode: "gateway", reason: "self", ts: T0 }], stateVersion: SV } },
  }),
  "logs.tail": method({
    unavailable: "The gateway log file and `logs.tail` are not built yet (issue: sessions, config and logs).",
    params: sys.LogsTailParams, result: sys.LogsTailResult, scope: "operator.read",
    description: "Read the end of the gateway log, or continue from a cursor.",
    example: { params: { limit: 2 }, result: { file: "~/.tidegate/logs/gateway.log", cursor: 2048, size: 2048, lines: ["started", "listening"] } },
  }),
  "sessions.list": method({
    unavailable: "The session store is not built yet (issue: sessions, config and logs).",
    params: ses.SessionsListParams, result: ses.SessionsListResult, scope: "operator.read",
    description: "List sessions, most recently active first.",
    example: { params: { limit: 10 }, result: { ts: T0, count: 1, sessions: [SESSION] } },
  }),
  "sessions.preview": method({
    unavailable: "The session store is not built yet (issue: sessions, config and logs).",
    params: ses.SessionsPreviewParams, result: ses.SessionsPreviewResult, scope: "operator.read",
    description: "The last few messages of one or more sessions.",
    example: {
      params: { keys: ["agent:main:main"], limit: 1 },
      result: { ts: T0, previews: [{ key: "agent:main:main", status: "ok", items: [{ role: "assistant", text: "Done." }] }] },
    },
  }),
  "sessions.patch": method({
    unavailable: "The session store is not built yet (issue: sessions, config and logs).",
    params: ses.SessionsPatchParams, result: ses.SessionsPatchResult, scope: "operator.admin", errors: ["NOT_FOUND"],
    description: "Change a session's settings; `null` clears one.",
    example: { params: { key: "agent:main:main", label: "Main", model: null }, result: { ok: true, key: "agent:main:main", entry: SESSION } },
  }),
  "sessions.reset": method({
    unavailable: "The session store is not built yet (issue: sessions, config and logs).",
    params: ses.SessionsResetParams, result: ses.SessionsResetResult, scope: "operator.admin", errors: ["NOT_FOUND"],
    description: "Start a fresh transcript for a session, keeping its settings.",
    example: { params: { key: "agent:main:main", reason: "new" }, result: { ok: true, key: "agent:main:main", entry: SESSION } },
  }),
  "sessions.delete": method({
    unavailable: "The session store is not built yet (issue: sessions, config and logs).",
    params: ses.SessionsDeleteParams, result: ses.SessionsDeleteResult, scope: "operator.admin",
    description: "Delete a session and optionally its transcript.",
    example: { params: { key: "agent:main:old" }, result: { ok: true, key: "agent:main:old", deleted: true } },
  }),
  "sessions.compact": method({
    unavailable: "The session store is not built yet (issue: sessions, config and logs).",
    params: ses.SessionsCompactParams, result: ses.SessionsCompactResult, scope: "operator.admin", errors: ["NOT_FOUND"],
    description: "Shorten a session transcript, archiving the old one.",
    example: { params: { key: "agent:main:main", maxLines: 400 }, result: { ok: true, key: "agent:main:main", compacted: true, kept: 400 } },
  }),
  "config.get": method({
    unavailable: "Config methods are not built yet; edit the config file and restart (issue: sessions, config and logs).",
    params: cfg.ConfigGetParams, result: cfg.ConfigSnapshot, scope: "operator.read",
    description: "The config file and effective config, with secrets redacted.",
    example: {
      params: {},
      result: {
        path: "~/.tidegate/tidegate.json", exists: true, raw: "{ gateway: { port: 18789 } }", config: { gateway: { port: 18789 } },
        hash: "9f86d081884c7d65", valid: true, issues: [],
      },
    },
  }),
  "config.set": method({
    unavailable: "Config methods are not built yet; edit the config file and restart (issue: sessions, config and logs).",
    params: cfg.ConfigWriteParams, result: cfg.ConfigWriteResult, scope: "operator.admin", errors: ["CONFLICT"],
    description: "Replace the whole config file. The new config is validated before anything is written.",
    example: {
      params: { raw: "{ gateway: { port: 18790 } }", baseHash: "9f86d081884c7d65" },
      result: { ok: true, path: "~/.tidegate/tidegate.json", hash: "60303ae22b998861", restartRequired: true },
    },
  }),
  "config.patch": method({
    unavailable: "Config methods are not built yet; edit the config file and restart (issue: sessions, config and logs).",
    params: cfg.ConfigApplyParams, result: cfg.ConfigWriteResult, scope: "operator.admin", errors: ["CONFLICT"],
    description: "Merge a JSON5 patch into the config (RFC 7396 merge semantics).",
    example: {
      params: { raw: "{ gateway: { tickIntervalMs: 15000 } }", baseHash: "9f86d081884c7d65" },
      result: { ok: true, path: "~/.tidegate/tidegate.json", hash: "fd61a03af4f77d87", restartRequired: false },
    },
  }),
  "config.apply": method({
    unavailable: "Config methods are not built yet; edit the config file and restart (issue: sessions, config and logs).",
    params: cfg.ConfigApplyParams, result: cfg.ConfigWriteResult, scope: "operator.admin", errors: ["CONFLICT"],
    description: "Replace the config and restart what the change requires.",
    example: {
      params: { raw: "{ gateway: { port: 18789 } }", note: "reset port" },
      result: { ok: true, path: "~/.tidegate/tidegate.json", hash: "9f86d081884c7d65", restartRequired: false },
    },
  }),
  "config.schema": method({
    unavailable: "Config methods are not built yet; edit the config file and restart (issue: sessions, config and logs).",
    params: cfg.ConfigSchemaParams, result: cfg.ConfigSchemaResult, scope: "operator.read",
    description: "The config file's JSON Schema and editor hints.",
    example: { params: {}, result: { schema: { type: "object" }, uiHints: { "/gateway/port": { label: "Port" } }, version: "0.1.0" } },
  }),
  "cron.list": method({
    unavailable: "Cron jobs are not built yet (issue: cron and exec approvals).",
    params: cron.CronListParams, result: cron.CronListResult, scope: "operator.read",
    description: "List scheduled jobs.",
    example: { params: { includeDisabled: true }, result: { jobs: [JOB], total: 1 } },
  }),
  "cron.status": method({
    unavailable: "Cron jobs are not built yet (issue: cron and exec approvals).",
    params: cron.CronStatusParams, result: cron.CronStatusResult, scope: "operator.read",
    description: "State of the scheduler.",
    example: { params: {}, result: { enabled: true, jobs: 1, running: 0, nextWakeAtMs: T0 + 3600000, storePath: "~/.tidegate/cron/jobs.json" } },
  }),
  "cron.add": method({
    unavailable: "Cron jobs are not built yet (issue: cron and exec approvals).",
    params: cron.CronAddParams, result: cron.CronJob, scope: "operator.admin",
    description: "Add a job.",
    example: {
      params: { name: "Daily digest", schedule: JOB.schedule, sessionTarget: "isolated", wakeMode: "now", payload: JOB.payload },
      result: JOB,
    },
  }),
  "cron.update": method({
    unavailable: "Cron jobs are not built yet (issue: cron and exec approvals).",
    params: cron.CronUpdateParams, result: cron.CronJob, scope: "operator.admin", errors: ["NOT_FOUND"],
    description: "Change a job.",
    example: { params: { id: "daily-digest", patch: { enabled: false } }, result: { ...JOB, enabled: false } },
  }),
  "cron.remove": method({
    unavailable: "Cron jobs are not built yet (issue: cron and exec approvals).",
    params: cron.CronRemoveParams, result: cron.CronRemoveResult, scope: "operator.admin",
    description: "Remove a job.",
    example: { params: { id: "daily-digest" }, result: { ok: true, removed: true } },
  }),
  "cron.run": method({
    unavailable: "Cron jobs are not built yet (issue: cron and exec approvals).",
    params: cron.CronRunParams, result: cron.CronRunResult, scope: "operator.admin", errors: ["NOT_FOUND"],
    description: "Run a job now (`force`) or only if due (`due`). A job never overlaps itself.",
    example: { params: { id: "daily-digest", mode: "force" }, result: { ok: true, ran: true, status: "ok" } },
  }),
  "cron.runs": method({
    unavailable: "Cron jobs are not built yet (issue: cron and exec approvals).",
    params: cron.CronRunsParams, result: cron.CronRunsResult, scope: "operator.read",
    description: "The run log, newest first.",
    example: {
      params: { id: "daily-digest", limit: 1 },
      result: { entries: [{ ts: T0 + 1200, jobId: "daily-digest", status: "ok", runAtMs: T0, durationMs: 1200 }], total: 1 },
    },
  }),
  "node.list": method({
    params: node.NodeListParams, result: node.NodeListResult, scope: "operator.read",
    description: "Paired and connected nodes.",
    example: { params: {}, result: { ts: T0, nodes: [NODE_INFO] } },
  }),
  "node.describe": method({
    params: node.NodeDescribeParams, result: node.NodeDescribeResult, scope: "operator.read", errors: ["NOT_FOUND"],
    description: "One node in detail.",
    example: { params: { nodeId: NODE }, result: { ts: T0, node: NODE_INFO } },
  }),
  "node.rename": method({
    params: node.NodeRenameParams, result: node.NodeRenameResult, scope: "operator.pairing", errors: ["NOT_FOUND"],
    description: "Change a node's display name.",
    example: { params: { nodeId: NODE, displayName: "build box" }, result: { nodeId: NODE, displayName: "build box" } },
  }),
  "node.invoke": method({
    params: node.NodeInvokeParams, result: node.NodeInvokeResult, scope: "operator.write", idempotencyKey: true,
    errors: ["NOT_FOUND", "NODE_NOT_CONNECTED", "NODE_COMMAND_NOT_DECLARED", "NODE_DISCONNECTED", "TIMEOUT"],
    description: "Run a command on a node and wait for its answer (sent to the node as `node.invoke.request`).",
    example: {
      params: { nodeId: NODE, command: "system.which", params: { bins: ["ls"] }, idempotencyKey: "k1" },
      result: { ok: true, nodeId: NODE, command: "system.which", payload: { bins: { ls: "/usr/bin/ls" } }, payloadJSON: "{\"bins\":{\"ls\":\"/usr/bin/ls\"}}" },
    },
  }),
  "node.invoke.result": method({
    params: node.NodeInvokeResultParams, result: node.OkResult, scope: "node", errors: ["NOT_FOUND"],
    description: "A node's answer to `node.invoke.request`.",
    example: { params: { id: "d66afb4e", nodeId: NODE, ok: true, payloadJSON: "{\"bins\":{\"ls\":\"/usr/bin/ls\"}}" }, result: { ok: true } },
  }),
  "node.event": method({
    params: node.NodeEventParams, result: node.OkResult, scope: "node",
    description: "An event raised by a node, such as a voice transcript.",
    example: { params: { event: "voice.transcript", payload: { text: "hello" } }, result: { ok: true } },
  }),
  "node.pair.request": method({
    params: node.NodePairRequestParams, result: node.NodePairRequestResult, scope: "operator.pairing",
    description: "Create a pairing request for a node.",
    example: {
      params: { nodeId: NODE, displayName: "testnode" },
      result: { status: "pending", request: { requestId: "np-1", nodeId: NODE, displayName: "testnode", ts: T0 }, created: true },
    },
  }),
  "node.pair.list": method({
    params: node.NodePairListParams, result: node.NodePairListResult, scope: "operator.pairing",
    description: "Pending and paired nodes.",
    example: { params: {}, result: { pending: [], paired: [{ nodeId: NODE, displayName: "testnode", approvedAtMs: T0 }] } },
  }),
  "node.pair.approve": method({
    params: node.NodePairDecisionParams, result: node.NodePairDecisionResult, scope: "operator.pairing", errors: ["NOT_FOUND"],
    description: "Approve a node pairing request.",
    example: { params: { requestId: "np-1" }, result: { requestId: "np-1", nodeId: NODE, status: "approved" } },
  }),
  "node.pair.reject": method({
    params: node.NodePairDecisionParams, result: node.NodePairDecisionResult, scope: "operator.pairing", errors: ["NOT_FOUND"],
    description: "Reject a node pairing request.",
    example: { params: { requestId: "np-1" }, result: { requestId: "np-1", nodeId: NODE, status: "rejected" } },
  }),
  "node.pair.verify": method({
    params: node.NodePairVerifyParams, result: node.NodePairVerifyResult, scope: "operator.pairing",
    description: "Check whether a token belongs to a node.",
    example: { params: { nodeId: NODE, token: "secret" }, result: { ok: false, nodeId: NODE } },
  }),
  "device.pair.list": method({
    params: dev.DevicePairListParams, result: dev.DevicePairListResult, scope: "operator.pairing",
    description: "Pending and approved devices.",
    example: { params: {}, result: { pending: [PAIR_REQ], paired: [PAIRED] } },
  }),
  "device.pair.approve": method({
    params: dev.DevicePairApproveParams, result: dev.DevicePairDecisionResult, scope: "operator.pairing", errors: ["NOT_FOUND"],
    description: "Approve a pending device. Never grants scopes beyond the approver's own.",
    example: { params: { requestId: "req-1" }, result: { requestId: "req-1", deviceId: DEVICE, status: "approved", device: PAIRED } },
  }),
  "device.pair.reject": method({
    params: dev.DevicePairRejectParams, result: dev.DevicePairDecisionResult, scope: "operator.pairing", errors: ["NOT_FOUND"],
    description: "Reject a pending device.",
    example: { params: { requestId: "req-1" }, result: { requestId: "req-1", deviceId: DEVICE, status: "rejected" } },
  }),
  "device.pair.remove": method({
    params: dev.DevicePairRemoveParams, result: dev.DevicePairRemoveResult, scope: "operator.pairing",
    description: "Forget a paired device and close its live sockets.",
    example: { params: { deviceId: DEVICE }, result: { deviceId: DEVICE, removed: true, closedSockets: 1 } },
  }),
  "device.token.rotate": method({
    params: dev.DeviceTokenRotateParams, result: dev.DeviceTokenRotateResult, scope: "operator.pairing", errors: ["NOT_FOUND", "MISSING_SCOPE"],
    description: "Issue a new device token for a (device, role); the old one stops working and its sockets close.",
    example: {
      params: { deviceId: DEVICE, role: "operator" },
      result: { deviceId: DEVICE, role: "operator", deviceToken: "MMhnV9qTo2Mc22IOuvHs3XC9zCMfFerT9mA1cQNvjcY", scopes: ["operator.read"], issuedAtMs: T0 },
    },
  }),
  "device.token.revoke": method({
    params: dev.DeviceTokenRevokeParams, result: dev.DeviceTokenRevokeResult, scope: "operator.pairing", errors: ["NOT_FOUND"],
    description: "Revoke the device token of a (device, role) and close the sockets that use it.",
    example: { params: { deviceId: DEVICE, role: "operator" }, result: { deviceId: DEVICE, role: "operator", revoked: true, closedSockets: 1 } },
  }),
  "exec.approvals.get": method({
    unavailable: "Exec approvals are not built yet (issue: cron and exec approvals).",
    params: exec.ExecApprovalsGetParams, result: exec.ExecApprovalsSnapshot, scope: "operator.admin",
    description: "The gateway's exec approvals file.",
    example: { params: {}, result: { path: "~/.tidegate/exec-approvals.json", exists: true, hash: "ab12", file: APPROVALS } },
  }),
  "exec.approvals.set": method({
    unavailable: "Exec approvals are not built yet (issue: cron and exec approvals).",
    params: exec.ExecApprovalsSetParams, result: exec.ExecApprovalsSnapshot, scope: "operator.admin", errors: ["CONFLICT"],
    description: "Replace the gateway's exec approvals file (compare-and-set on `baseHash`).",
    example: { params: { file: APPROVALS, baseHash: "ab12" }, result: { path: "~/.tidegate/exec-approvals.json", exists: true, hash: "cd34", file: APPROVALS } },
  }),
  "exec.approvals.node.get": method({
    unavailable: "Exec approvals are not built yet (issue: cron and exec approvals).",
    params: exec.ExecApprovalsNodeGetParams, result: exec.ExecApprovalsSnapshot, scope: "operator.admin", errors: ["NODE_NOT_CONNECTED"],
    description: "A node's exec approvals file.",
    example: { params: { nodeId: NODE }, result: { path: "~/.tidegate/exec-approvals.json", exists: false, hash: "0000", file: { version: 1 } } },
  }),
  "exec.approvals.node.set": method({
    unavailable: "Exec approvals are not built yet (issue: cron and exec approvals).",
    params: exec.ExecApprovalsNodeSetParams, result: exec.ExecApprovalsSnapshot, scope: "operator.admin", errors: ["NODE_NOT_CONNECTED", "CONFLICT"],
    description: "Replace a node's exec approvals file.",
    example: { params: { nodeId: NODE, file: APPROVALS }, result: { path: "~/.tidegate/exec-approvals.json", exists: true, hash: "cd34", file: APPROVALS } },
  }),
  "exec.approval.request": method({
    unavailable: "Exec approvals are not built yet (issue: cron and exec approvals).",
    params: exec.ExecApprovalRequestParams, result: exec.ExecApprovalRequestResult, scope: "operator.approvals",
    description: "Ask operators whether a command may run.",
    example: { params: { command: "rm -rf build", cwd: "/src", timeoutMs: 60000 }, result: { id: "ea-1", expiresAtMs: T0 + 60000 } },
  }),
  "exec.approval.waitDecision": method({
    unavailable: "Exec approvals are not built yet (issue: cron and exec approvals).",
    params: exec.ExecApprovalWaitParams, result: exec.ExecApprovalWaitResult, scope: "operator.approvals", errors: ["NOT_FOUND", "TIMEOUT"],
    description: "Wait for the decision on an approval request.",
    example: { params: { id: "ea-1", timeoutMs: 60000 }, result: { id: "ea-1", decision: "allow-once", resolvedBy: "laptop" } },
  }),
  "exec.approval.resolve": method({
    unavailable: "Exec approvals are not built yet (issue: cron and exec approvals).",
    params: exec.ExecApprovalResolveParams, result: exec.ExecApprovalResolveResult, scope: "operator.approvals", errors: ["NOT_FOUND"],
    description: "Decide an approval request.",
    example: { params: { id: "ea-1", decision: "allow-once" }, result: { ok: true, id: "ea-1", decision: "allow-once" } },
  }),
  "agents.list": method({
    unavailable: "Agents are not built yet (issue: agents, chat and the OpenAI API).",
    params: ag.AgentsListParams, result: ag.AgentsListResult, scope: "operator.read",
    description: "Configured agents.",
    example: { params: {}, result: { defaultId: "main", mainKey: "main", scope: "per-sender", agents: [{ id: "main", name: "Main" }] } },
  }),
  "agents.create": method({
    unavailable: "Agents are not built yet (issue: agents, chat and the OpenAI API).",
    params: ag.AgentsCreateParams, result: ag.AgentsCreateResult, scope: "operator.admin", errors: ["CONFLICT"],
    description: "Create an agent.",
    example: { params: { name: "Research", workspace: "~/research" }, result: { ok: true, agentId: "research", name: "Research", workspace: "~/research" } },
  }),
  "agents.update": method({
    unavailable: "Agents are not built yet (issue: agents, chat and the OpenAI API).",
    params: ag.AgentsUpdateParams, result: ag.AgentsUpdateResult, scope: "operator.admin", errors: ["NOT_FOUND"],
    description: "Change an agent.",
    example: { params: { agentId: "research", model: "gpt-5" }, result: { ok: true, agentId: "research" } },
  }),
  "agents.delete": method({
    unavailable: "Agents are not built yet (issue: agents, chat and the OpenAI API).",
    params: ag.AgentsDeleteParams, result: ag.AgentsDeleteResult, scope: "operator.admin", errors: ["NOT_FOUND"],
    description: "Delete an agent.",
    example: { params: { agentId: "research" }, result: { ok: true, agentId: "research" } },
  }),
  "agents.files.list": method({
    unavailable: "Agents are not built yet (issue: agents, chat and the OpenAI API).",
    params: ag.AgentsFilesListParams, result: ag.AgentsFilesListResult, scope: "operator.read", errors: ["NOT_FOUND"],
    description: "An agent's workspace files.",
    example: { params: { agentId: "main" }, result: { agentId: "main", workspace: "~/agent", files: [FILE] } },
  }),
  "agents.files.get": method({
    unavailable: "Agents are not built yet (issue: agents, chat and the OpenAI API).",
    params: ag.AgentsFilesGetParams, result: ag.AgentsFilesGetResult, scope: "operator.read", errors: ["NOT_FOUND"],
    description: "One workspace file with its content.",
    example: { params: { agentId: "main", name: "AGENTS.md" }, result: { agentId: "main", file: { ...FILE, content: "# Agent\nBe nice" } } },
  }),
  "agents.files.set": method({
    unavailable: "Agents are not built yet (issue: agents, chat and the OpenAI API).",
    params: ag.AgentsFilesSetParams, result: ag.AgentsFilesSetResult, scope: "operator.admin", errors: ["NOT_FOUND"],
    description: "Write a workspace file.",
    example: { params: { agentId: "main", name: "AGENTS.md", content: "# Agent\nBe nice" }, result: { ok: true, agentId: "main", file: FILE } },
  }),
  "agent.identity.get": method({
    unavailable: "Agent runs are not built yet (issue: agents, chat and the OpenAI API).",
    params: ag.AgentIdentityParams, result: ag.AgentIdentity, scope: "operator.read", errors: ["NOT_FOUND"],
    description: "How an agent presents itself.",
    example: { params: { agentId: "main" }, result: { agentId: "main", name: "Main", emoji: "🦀" } },
  }),
  agent: method({
    unavailable: "Agent runs are not built yet (issue: agents, chat and the OpenAI API).",
    params: ag.AgentParams, result: ag.AgentRunResult, scope: "operator.write", idempotencyKey: true, twoPhase: true, errors: ["NOT_FOUND"],
    description: "Run an agent turn. Answers twice on the same id: first `status: accepted`, then the final result.",
    example: {
      params: { message: "What's on my calendar?", agentId: "main", idempotencyKey: "k2" },
      result: { runId: "run-1", status: "ok", sessionKey: "agent:main:main", text: "Nothing today.", startedAtMs: T0, endedAtMs: T0 + 900 },
    },
  }),
  "agent.wait": method({
    unavailable: "Agent runs are not built yet (issue: agents, chat and the OpenAI API).",
    params: ag.AgentWaitParams, result: ag.AgentRunResult, scope: "operator.write", errors: ["NOT_FOUND", "TIMEOUT"],
    description: "Wait for an agent run to finish.",
    example: { params: { runId: "run-1", timeoutMs: 30000 }, result: { runId: "run-1", status: "ok", text: "Nothing today." } },
  }),
  "chat.send": method({
    unavailable: "Chat is not built yet (issue: agents, chat and the OpenAI API).",
    params: ag.ChatSendParams, result: ag.ChatSendResult, scope: "operator.write", idempotencyKey: true,
    description: "Send a chat message into a session; the reply streams as `chat` events.",
    example: { params: { sessionKey: "agent:main:main", message: "hi", idempotencyKey: "k3" }, result: { runId: "run-2", status: "accepted" } },
  }),
  "chat.history": method({
    unavailable: "Chat is not built yet (issue: agents, chat and the OpenAI API).",
    params: ag.ChatHistoryParams, result: ag.ChatHistoryResult, scope: "operator.read",
    description: "A session's messages.",
    example: {
      params: { sessionKey: "agent:main:main", limit: 2 },
      result: { sessionKey: "agent:main:main", messages: [{ role: "user", content: "hi", ts: T0 }, { role: "assistant", content: "Hello!", ts: T0 + 800 }] },
    },
  }),
  "chat.abort": method({
    unavailable: "Chat is not built yet (issue: agents, chat and the OpenAI API).",
    params: ag.ChatAbortParams, result: ag.ChatAbortResult, scope: "operator.write",
    description: "Abort a session's running reply.",
    example: { params: { sessionKey: "agent:main:main" }, result: { ok: true, aborted: true, runIds: ["run-2"] } },
  }),
  send: method({
    unavailable: "Outbound channel messages need channels, which are not built yet (issue: channels).",
    params: ag.SendParams, result: ag.SendResult, scope: "operator.write", idempotencyKey: true, errors: ["NOT_FOUND"],
    description: "Deliver a message through a channel.",
    example: { params: { to: "+15555550123", message: "On my way", idempotencyKey: "k4" }, result: { ok: true, channel: "sms", messageId: "m-1" } },
  }),
  "models.list": method({
    unavailable: "Model providers are not built yet (issue: agents, chat and the OpenAI API).",
    params: ag.ModelsListParams, result: ag.ModelsListResult, scope: "operator.read",
    description: "Models the gateway can use.",
    example: { params: {}, result: { models: [{ id: "gpt-5", name: "GPT-5", provider: "openai", contextWindow: 400000, reasoning: true }] } },
  }),
} as const;

export type Methods = typeof methods;
export type Events = typeof events;
export type MethodName = keyof Methods;
export type EventName = keyof Events;
