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
import * as usage from "./usage.js";
import * as chan from "./channels.js";
import * as sk from "./skills.js";
import * as audio from "./audio.js";
import * as wiz from "./wizard.js";
import * as browser from "./browser.js";
import { HealthSnapshot } from "./snapshot.js";
import { method } from "./registry-spec.js";
import { APPROVALS, DEVICE, FILE, HEALTH, JOB, NODE, NODE_INFO, PAIR_REQ, PAIRED, PRESENCE_SELF, SESSION_ENTRY, T0 } from "./example-values.js";

const CONFIG_HASH = "4a8d2e0b1a6c4c5e9f0d3b7a2c1e8f6d5b4a3c2e1f0d9c8b7a6e5d4c3b2a1f0e";
const CONFIG_HASH_2 = "9c1e0f2d3b4a5c6e7f8d9e0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c";
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
  // ── gateway: health, status, presence, heartbeats, logs ─────────────────────────
  health: method({
    params: sys.HealthParams, result: HealthSnapshot, scope: "operator.read",
    description: "The gateway's health snapshot (the cached one unless `probe`). In v3 any authenticated connection may call it.",
    example: { params: {}, result: HEALTH },
  }),
  status: method({
    params: sys.StatusParams, result: sys.StatusSummary, scope: "operator.read",
    description: "Heartbeats, channel summary, queued system events and sessions (the v3 `status` summary; redacted for non-admins).",
    example: {
      params: {},
      result: {
        heartbeat: { defaultAgentId: "main", agents: [{ agentId: "main", enabled: true, every: "30m", everyMs: 1800000 }] },
        channelSummary: [], queuedSystemEvents: [],
        sessions: {
          paths: ["~/.tidegate/agents/main/sessions/sessions.json"], count: 0, defaults: { model: "gpt-5", contextTokens: 200000 }, recent: [],
          byAgent: [{ agentId: "main", path: "~/.tidegate/agents/main/sessions/sessions.json", count: 0, recent: [] }],
        },
      },
    },
  }),
  "system-presence": method({
    params: sys.SystemPresenceParams, result: sys.SystemPresenceResult, scope: "operator.read",
    description: "Who is around: one row per device (the gateway's own first among equals), newest first; CLI calls are not listed.",
    example: { params: {}, result: [PRESENCE_SELF] },
  }),
  "system-event": method({
    unavailable: "System events need the main agent session, which is not built yet (issue: agents, chat and the OpenAI API).",
    params: sys.SystemEventParams, result: sys.OkFlag, scope: "operator.admin",
    description: "An app's presence beacon or free-text event: updates presence and enqueues a system event for the main session.",
    example: { params: { text: "Node: laptop (192.0.2.7) · app 1.2 · last input 4s ago · mode ui · reason periodic", deviceId: DEVICE, reason: "periodic" }, result: { ok: true } },
  }),
  "last-heartbeat": method({
    unavailable: "Agent heartbeats are not built yet (issue: agents, chat and the OpenAI API).",
    params: sys.LastHeartbeatParams, result: sys.LastHeartbeatResult, scope: "operator.read",
    description: "The last heartbeat event, or null.",
    example: { params: {}, result: { ts: T0, status: "ok-token", durationMs: 900 } },
  }),
  "set-heartbeats": method({
    unavailable: "Agent heartbeats are not built yet (issue: agents, chat and the OpenAI API).",
    params: sys.SetHeartbeatsParams, result: sys.SetHeartbeatsResult, scope: "operator.admin",
    description: "Turn periodic agent heartbeats on or off.",
    example: { params: { enabled: false }, result: { ok: true, enabled: false } },
  }),
  wake: method({
    unavailable: "System events need the main agent session, which is not built yet (issue: agents, chat and the OpenAI API).",
    params: sys.WakeParams, result: sys.OkFlag, scope: "operator.write",
    description: "Enqueue a system event for the main session; `now` also runs a heartbeat at once.",
    example: { params: { mode: "now", text: "Check the build" }, result: { ok: true } },
  }),
  "logs.tail": method({
    params: sys.LogsTailParams, result: sys.LogsTailResult, scope: "operator.read",
    description: "Read the end of the gateway log, or continue from a cursor.",
    example: { params: { limit: 2 }, result: { file: "~/.tidegate/logs/gateway.log", cursor: 2048, size: 2048, lines: ["started", "listening"] } },
  }),
  "doctor.memory.status": method({
    unavailable: "Memory search is not built yet (issue: agents, chat and the OpenAI API).",
    params: sys.DoctorMemoryStatusParams, result: sys.DoctorMemoryStatusResult, scope: "operator.read",
    description: "Whether memory search works (an embedding provider answers).",
    example: { params: {}, result: { agentId: "main", provider: "none", embedding: { ok: false, error: "no embedding provider configured" } } },
  }),
  "usage.status": method({
    unavailable: "Model provider usage is not tracked yet: there are no model providers (issue: agents, chat and the OpenAI API).",
    params: usage.UsageStatusParams, result: usage.UsageStatusResult, scope: "operator.read",
    description: "Quota snapshots of the model providers the gateway has credentials for.",
    example: { params: {}, result: { updatedAt: T0, providers: [] } },
  }),
  "usage.cost": method({
    unavailable: "Token cost is not tracked yet: there are no agent runs (issue: agents, chat and the OpenAI API).",
    params: usage.UsageCostParams, result: usage.UsageCostResult, scope: "operator.read",
    description: "Token use and cost per day.",
    example: {
      params: { days: 7 },
      result: { updatedAt: T0, days: 7, daily: [], totals: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, totalTokens: 0, totalCost: 0 } },
    },
  }),
  // ── sessions ────────────────────────────────────────────────────────────────────
  "sessions.list": method({
    params: ses.SessionsListParams, result: ses.SessionsListResult, scope: "operator.read",
    description: "List sessions, most recently active first.",
    example: {
      params: { limit: 10, includeLastMessage: true },
      result: { ts: T0, path: "~/.tidegate/agents/main/sessions/sessions.json", count: 1, defaults: {}, sessions: [{ key: "agent:main:main", kind: "direct", agentId: "main", label: "Main", updatedAt: T0, sessionId: SESSION_ENTRY.sessionId, lastMessagePreview: "Done." }] },
    },
  }),
  "sessions.preview": method({
    params: ses.SessionsPreviewParams, result: ses.SessionsPreviewResult, scope: "operator.read",
    description: "The last few messages of one or more sessions.",
    example: {
      params: { keys: ["agent:main:main"], limit: 1 },
      result: { ts: T0, previews: [{ key: "agent:main:main", status: "ok", items: [{ role: "assistant", text: "Done." }] }] },
    },
  }),
  "sessions.resolve": method({
    unavailable: "The session store is not built yet (issue: sessions, config and logs).",
    params: ses.SessionsResolveParams, result: ses.SessionsResolveResult, scope: "operator.read",
    description: "Find a session's canonical key from a key, transcript id or label.",
    example: { params: { label: "Main" }, result: { ok: true, key: "agent:main:main" } },
  }),
  "sessions.patch": method({
    params: ses.SessionsPatchParams, result: ses.SessionsPatchResult, scope: "operator.admin", errors: ["INVALID_PARAMS"],
    description: "Change a session's settings (creating it when needed); `null` clears one. Values are validated.",
    example: {
      params: { key: "agent:main:main", label: "Main", model: null },
      result: { ok: true, path: "~/.tidegate/agents/main/sessions/sessions.json", key: "agent:main:main", entry: SESSION_ENTRY, resolved: {} },
    },
  }),
  "sessions.reset": method({
    params: ses.SessionsResetParams, result: ses.SessionsResetResult, scope: "operator.admin",
    description: "Start a fresh transcript (new `sessionId`) keeping the settings; the old transcript is archived.",
    example: { params: { key: "agent:main:main", reason: "new" }, result: { ok: true, key: "agent:main:main", entry: SESSION_ENTRY } },
  }),
  "sessions.delete": method({
    params: ses.SessionsDeleteParams, result: ses.SessionsDeleteResult, scope: "operator.admin",
    description: "Delete a session, archiving its transcript. The main session cannot be deleted.",
    example: { params: { key: "agent:main:subagent:r1" }, result: { ok: true, key: "agent:main:subagent:r1", deleted: true, archived: ["~/.tidegate/agents/main/sessions/c0ffee.jsonl.deleted.1737264000000"] } },
  }),
  "sessions.compact": method({
    params: ses.SessionsCompactParams, result: ses.SessionsCompactResult, scope: "operator.admin",
    description: "Keep the last `maxLines` transcript lines, archiving the full transcript.",
    example: { params: { key: "agent:main:main", maxLines: 400 }, result: { ok: true, key: "agent:main:main", compacted: true, kept: 400, archived: "~/.tidegate/agents/main/sessions/c0ffee.jsonl.compacted.1737264000000" } },
  }),
  "sessions.usage": method({
    unavailable: "Session usage is not tracked yet: there are no agent runs (issue: agents, chat and the OpenAI API).",
    params: usage.SessionsUsageParams, result: usage.SessionsUsageResult, scope: "operator.read",
    description: "Token use and cost per session over a date range.",
    example: {
      params: { startDate: "2026-11-01", endDate: "2026-11-30", limit: 1000 },
      result: {
        updatedAt: T0, startDate: "2026-11-01", endDate: "2026-11-30", sessions: [],
        totals: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, totalTokens: 0, totalCost: 0 }, aggregates: {},
      },
    },
  }),
  "sessions.usage.timeseries": method({
    unavailable: "Session usage is not tracked yet: there are no agent runs (issue: agents, chat and the OpenAI API).",
    params: usage.SessionsUsageTimeseriesParams, result: usage.SessionsUsageTimeseriesResult, scope: "operator.read",
    description: "One session's usage over time.",
    example: { params: { key: "agent:main:main" }, result: { sessionId: "c0ffee", points: [] } },
  }),
  "sessions.usage.logs": method({
    unavailable: "Session usage is not tracked yet: there are no agent runs (issue: agents, chat and the OpenAI API).",
    params: usage.SessionsUsageLogsParams, result: usage.SessionsUsageLogsResult, scope: "operator.read",
    description: "One session's transcript entries with their usage.",
    example: { params: { key: "agent:main:main", limit: 1000 }, result: { logs: [] } },
  }),
  // ── config, update, secrets ─────────────────────────────────────────────────────
  "config.get": method({
    params: cfg.ConfigGetParams, result: cfg.ConfigSnapshot, scope: "operator.read",
    description: "The config file and effective config, with secrets redacted.",
    example: {
      params: {},
      result: {
        path: "~/.tidegate/tidegate.json", exists: true, raw: "{ gateway: { port: 18789 } }", parsed: { gateway: { port: 18789 } }, resolved: { gateway: { port: 18789 } },
        valid: true, config: { gateway: { port: 18789 } }, hash: CONFIG_HASH, issues: [], warnings: [], legacyIssues: [],
      },
    },
  }),
  "config.set": method({
    params: cfg.ConfigWriteParams, result: cfg.ConfigWriteResult, scope: "operator.admin", errors: ["CONFLICT", "INVALID_PARAMS"],
    description: "Replace the whole config file. The new config is validated before anything is written; then it takes effect like a file edit.",
    example: {
      params: { raw: "{ gateway: { port: 18790 } }", baseHash: CONFIG_HASH },
      result: { ok: true, path: "~/.tidegate/tidegate.json", config: { gateway: { port: 18790 } }, hash: CONFIG_HASH_2, restartRequired: true },
    },
  }),
  "config.patch": method({
    params: cfg.ConfigApplyParams, result: cfg.ConfigWriteResult, scope: "operator.admin", errors: ["CONFLICT", "INVALID_PARAMS"],
    description: "Merge a JSON5 patch into the config (RFC 7396: `null` deletes), validate, write, then apply hot or restart.",
    example: {
      params: { raw: "{ gateway: { tickIntervalMs: 15000 } }", baseHash: CONFIG_HASH },
      result: {
        ok: true, path: "~/.tidegate/tidegate.json", config: { gateway: { port: 18789, tickIntervalMs: 15000 } }, hash: CONFIG_HASH_2, restartRequired: false,
        restart: { ok: true, mode: "hot", reason: "config.patch", delayMs: 0, coalesced: false, hotPaths: ["gateway.tickIntervalMs"], restartPaths: [] },
      },
    },
  }),
  "config.apply": method({
    params: cfg.ConfigApplyParams, result: cfg.ConfigWriteResult, scope: "operator.admin", errors: ["CONFLICT", "INVALID_PARAMS"],
    description: "Replace the config, then apply it: in place when every change is hot, else an in-process restart.",
    example: {
      params: { raw: "{ gateway: { port: 18790 } }", baseHash: CONFIG_HASH, note: "move port" },
      result: {
        ok: true, path: "~/.tidegate/tidegate.json", config: { gateway: { port: 18790 } }, hash: CONFIG_HASH_2, restartRequired: true,
        restart: { ok: true, mode: "restart", reason: "config.apply", delayMs: 0, coalesced: false, hotPaths: [], restartPaths: ["gateway.port"] },
      },
    },
  }),
  "config.schema": method({
    params: cfg.ConfigSchemaParams, result: cfg.ConfigSchemaResult, scope: "operator.admin",
    description: "The config file's JSON Schema and editor hints.",
    example: { params: {}, result: { schema: { type: "object" }, uiHints: { "gateway.port": { label: "Gateway Port", tags: ["network"] } }, version: "0.1.0", generatedAt: "2025-01-19" } },
  }),
  "update.run": method({
    unavailable: "Self-update is not supported: update tidegate with your package manager, then restart the gateway.",
    params: cfg.UpdateRunParams, result: cfg.UpdateRunResult, scope: "operator.admin",
    description: "Update the gateway installation and restart; at most 3 per minute.",
    example: {
      params: { sessionKey: "agent:main:main" },
      result: {
        ok: true, result: { status: "ok", mode: "npm" }, restart: { ok: true, mode: "restart", delayMs: 2000, reason: "update.run", coalesced: false, hotPaths: [], restartPaths: ["*"] },
        sentinel: { path: "~/.tidegate/restart-sentinel.json", payload: { kind: "update", status: "ok", ts: T0 } },
      },
    },
  }),
  "secrets.reload": method({
    unavailable: "Secret references in the config (env, files, commands) are not built yet (issue: sessions, config and logs).",
    params: cfg.SecretsReloadParams, result: cfg.SecretsReloadResult, scope: "operator.admin",
    description: "Re-read secret references (env, files, commands) without a restart.",
    example: { params: {}, result: { ok: true, warningCount: 0 } },
  }),
  "secrets.resolve": method({
    unavailable: "Secret references in the config (env, files, commands) are not built yet (issue: sessions, config and logs).",
    params: cfg.SecretsResolveParams, result: cfg.SecretsResolveResult, scope: "operator.admin",
    description: "Resolve secret references for a command.",
    example: { params: { commandName: "gh", targetIds: ["github.token"] }, result: { ok: true, assignments: [], diagnostics: [] } },
  }),
  "wizard.start": method({
    unavailable: "The onboarding wizard is not built; write the config file by hand (see the README).",
    params: wiz.WizardStartParams, result: wiz.WizardStartResult, scope: "operator.admin",
    description: "Start the onboarding wizard.",
    example: { params: { mode: "local" }, result: { sessionId: "wz-1", done: false, step: { id: "s1", type: "note", title: "Welcome", executor: "client" }, status: "running" } },
  }),
  "wizard.next": method({
    unavailable: "The onboarding wizard is not built; write the config file by hand (see the README).",
    params: wiz.WizardNextParams, result: wiz.WizardNextResult, scope: "operator.admin",
    description: "Answer the current wizard step and get the next one.",
    example: { params: { sessionId: "wz-1", answer: { stepId: "s1" } }, result: { done: true, status: "done" } },
  }),
  "wizard.cancel": method({
    unavailable: "The onboarding wizard is not built; write the config file by hand (see the README).",
    params: wiz.WizardSessionParams, result: wiz.WizardStatusResult, scope: "operator.admin",
    description: "Cancel a wizard session.",
    example: { params: { sessionId: "wz-1" }, result: { status: "cancelled" } },
  }),
  "wizard.status": method({
    unavailable: "The onboarding wizard is not built; write the config file by hand (see the README).",
    params: wiz.WizardSessionParams, result: wiz.WizardStatusResult, scope: "operator.admin",
    description: "State of a wizard session.",
    example: { params: { sessionId: "wz-1" }, result: { status: "running" } },
  }),
  // ── cron ────────────────────────────────────────────────────────────────────────
  "cron.list": method({
    params: cron.CronListParams, result: cron.CronListResult, scope: "operator.read",
    description: "List scheduled jobs.",
    example: { params: { includeDisabled: true }, result: { jobs: [JOB], total: 1, offset: 0, limit: 50, hasMore: false, nextOffset: null } },
  }),
  "cron.status": method({
    params: cron.CronStatusParams, result: cron.CronStatusResult, scope: "operator.read",
    description: "State of the scheduler.",
    example: { params: {}, result: { enabled: true, jobs: 1, running: 0, nextWakeAtMs: T0 + 3600000, storePath: "~/.tidegate/cron/jobs.json" } },
  }),
  "cron.add": method({
    params: cron.CronAddParams, result: cron.CronJob, scope: "operator.admin",
    description: "Add a job.",
    example: {
      params: { name: "Daily digest", schedule: JOB.schedule, sessionTarget: "isolated", wakeMode: "now", payload: JOB.payload },
      result: JOB,
    },
  }),
  "cron.update": method({
    params: cron.CronUpdateParams, result: cron.CronJob, scope: "operator.admin", errors: ["NOT_FOUND"],
    description: "Change a job.",
    example: { params: { id: "daily-digest", patch: { enabled: false } }, result: { ...JOB, enabled: false } },
  }),
  "cron.remove": method({
    params: cron.CronRemoveParams, result: cron.CronRemoveResult, scope: "operator.admin",
    description: "Remove a job.",
    example: { params: { id: "daily-digest" }, result: { ok: true, removed: true } },
  }),
  "cron.run": method({
    params: cron.CronRunParams, result: cron.CronRunResult, scope: "operator.admin", errors: ["NOT_FOUND"],
    description: "Run a job now (`force`) or only if due (`due`). A job never overlaps itself.",
    example: { params: { id: "daily-digest", mode: "force" }, result: { ok: true, ran: true, status: "ok" } },
  }),
  "cron.runs": method({
    params: cron.CronRunsParams, result: cron.CronRunsResult, scope: "operator.read",
    description: "The run log, newest first.",
    example: {
      params: { id: "daily-digest", limit: 1 },
      result: { entries: [{ ts: T0 + 1200, jobId: "daily-digest", action: "finished", status: "ok", runAtMs: T0, durationMs: 1200 }], total: 1, offset: 0, limit: 1, hasMore: false, nextOffset: null },
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
    example: { params: { nodeId: NODE }, result: { ts: T0, ...NODE_INFO } },
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
    params: node.NodeInvokeResultParams, result: node.NodeInvokeResultReceipt, scope: "node", errors: ["NOT_FOUND"],
    description: "A node's answer to `node.invoke.request`.",
    example: { params: { id: "d66afb4e", nodeId: NODE, ok: true, payloadJSON: "{\"bins\":{\"ls\":\"/usr/bin/ls\"}}" }, result: { ok: true } },
  }),
  "node.event": method({
    params: node.NodeEventParams, result: node.OkResult, scope: "node",
    description: "An event raised by a node, such as a voice transcript.",
    example: { params: { event: "voice.transcript", payloadJSON: "{\"text\":\"hello\"}" }, result: { ok: true } },
  }),
  "node.canvas.capability.refresh": method({
    unavailable: "The canvas host is not built yet, so there is no canvas capability to refresh.",
    params: node.NodeCanvasCapabilityRefreshParams, result: node.NodeCanvasCapabilityRefreshResult, scope: "node",
    description: "A node asks for a fresh canvas-host capability token.",
    example: { params: {}, result: { canvasCapability: "cap-1", canvasCapabilityExpiresAtMs: T0 + 600000, canvasHostUrl: "http://127.0.0.1:18789/__tidegate__/cap/cap-1" } },
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
    params: node.NodePairDecisionParams, result: node.NodePairApproveResult, scope: "operator.pairing", errors: ["NOT_FOUND"],
    description: "Approve a node pairing request.",
    example: { params: { requestId: "np-1" }, result: { requestId: "np-1", node: { nodeId: NODE, displayName: "testnode", approvedAtMs: T0 } } },
  }),
  "node.pair.reject": method({
    params: node.NodePairDecisionParams, result: node.NodePairRejectResult, scope: "operator.pairing", errors: ["NOT_FOUND"],
    description: "Reject a node pairing request.",
    example: { params: { requestId: "np-1" }, result: { requestId: "np-1", nodeId: NODE } },
  }),
  "node.pair.verify": method({
    params: node.NodePairVerifyParams, result: node.NodePairVerifyResult, scope: "operator.pairing",
    description: "Check whether a token belongs to a node.",
    example: { params: { nodeId: NODE, token: "secret" }, result: { ok: false } },
  }),
  "push.test": method({
    unavailable: "Push notifications to iOS nodes (APNs) are not supported by this gateway.",
    params: node.PushTestParams, result: node.PushTestResult, scope: "operator.write",
    description: "Send a test push notification to an iOS node.",
    example: { params: { nodeId: NODE, title: "Test" }, result: { ok: true, status: 200, tokenSuffix: "a1b2c3", topic: "ai.openclaw.ios", environment: "sandbox" } },
  }),
  "browser.request": method({
    unavailable: "Browser control is not built yet.",
    params: browser.BrowserRequestParams, result: browser.BrowserRequestResult, scope: "operator.write",
    description: "Proxy a request to the browser control server (on this host or a node with the `browser` cap).",
    example: { params: { method: "GET", path: "/tabs" }, result: { tabs: [] } },
  }),
  // ── devices ─────────────────────────────────────────────────────────────────────
  "device.pair.list": method({
    params: dev.DevicePairListParams, result: dev.DevicePairListResult, scope: "operator.pairing",
    description: "Pending and approved devices (roles and scopes as string lists, tokens without secrets).",
    example: { params: {}, result: { pending: [PAIR_REQ], paired: [PAIRED] } },
  }),
  "device.pair.approve": method({
    params: dev.DevicePairApproveParams, result: dev.DevicePairApproveResult, scope: "operator.pairing", errors: ["NOT_FOUND"],
    description: "Approve a pending device. Never grants scopes beyond the approver's own.",
    example: { params: { requestId: "req-1" }, result: { requestId: "req-1", device: PAIRED } },
  }),
  "device.pair.reject": method({
    params: dev.DevicePairRejectParams, result: dev.DevicePairRejectResult, scope: "operator.pairing", errors: ["NOT_FOUND"],
    description: "Reject a pending device.",
    example: { params: { requestId: "req-1" }, result: { requestId: "req-1", deviceId: DEVICE } },
  }),
  "device.pair.remove": method({
    params: dev.DevicePairRemoveParams, result: dev.DevicePairRemoveResult, scope: "operator.pairing", errors: ["NOT_FOUND"],
    description: "Forget a paired device and close its live sockets.",
    example: { params: { deviceId: DEVICE }, result: { deviceId: DEVICE } },
  }),
  "device.token.rotate": method({
    params: dev.DeviceTokenRotateParams, result: dev.DeviceTokenRotateResult, scope: "operator.pairing", errors: ["NOT_FOUND", "MISSING_SCOPE"],
    description: "Issue a new device token for a (device, role); the old one stops working and its sockets close.",
    example: {
      params: { deviceId: DEVICE, role: "operator" },
      result: { deviceId: DEVICE, role: "operator", token: "MMhnV9qTo2Mc22IOuvHs3XC9zCMfFerT9mA1cQNvjcY", scopes: ["operator.read"], rotatedAtMs: T0 },
    },
  }),
  "device.token.revoke": method({
    params: dev.DeviceTokenRevokeParams, result: dev.DeviceTokenRevokeResult, scope: "operator.pairing", errors: ["NOT_FOUND"],
    description: "Revoke the device token of a (device, role) and close the sockets that use it.",
    example: { params: { deviceId: DEVICE, role: "operator" }, result: { deviceId: DEVICE, role: "operator", revokedAtMs: T0 } },
  }),
  // ── exec approvals ──────────────────────────────────────────────────────────────
  "exec.approvals.get": method({
    params: exec.ExecApprovalsGetParams, result: exec.ExecApprovalsSnapshot, scope: "operator.admin",
    description: "The gateway's exec approvals file.",
    example: { params: {}, result: { path: "~/.tidegate/exec-approvals.json", exists: true, hash: "ab12", file: APPROVALS } },
  }),
  "exec.approvals.set": method({
    params: exec.ExecApprovalsSetParams, result: exec.ExecApprovalsSnapshot, scope: "operator.admin", errors: ["CONFLICT"],
    description: "Replace the gateway's exec approvals file (compare-and-set on `baseHash`).",
    example: { params: { file: APPROVALS, baseHash: "ab12" }, result: { path: "~/.tidegate/exec-approvals.json", exists: true, hash: "cd34", file: APPROVALS } },
  }),
  "exec.approvals.node.get": method({
    params: exec.ExecApprovalsNodeGetParams, result: exec.ExecApprovalsSnapshot, scope: "operator.admin", errors: ["NODE_NOT_CONNECTED"],
    description: "A node's exec approvals file.",
    example: { params: { nodeId: NODE }, result: { path: "~/.tidegate/exec-approvals.json", exists: false, hash: "0000", file: { version: 1 } } },
  }),
  "exec.approvals.node.set": method({
    params: exec.ExecApprovalsNodeSetParams, result: exec.ExecApprovalsSnapshot, scope: "operator.admin", errors: ["NODE_NOT_CONNECTED", "CONFLICT"],
    description: "Replace a node's exec approvals file.",
    example: { params: { nodeId: NODE, file: APPROVALS }, result: { path: "~/.tidegate/exec-approvals.json", exists: true, hash: "cd34", file: APPROVALS } },
  }),
  "exec.approval.request": method({
    params: exec.ExecApprovalRequestParams, result: exec.ExecApprovalRequestResult, scope: "operator.approvals", nodes: true, twoPhase: true,
    errors: ["TOO_MANY_PENDING"],
    description: "Ask operators whether a command may run; blocks until decided or expired (decision null: deny). With `twoPhase`, answers `status: accepted` first, then the decision on the same id.",
    example: { params: { command: "rm -rf build", cwd: "/src", timeoutMs: 60000 }, result: { id: "ea-1", decision: "allow-once", createdAtMs: T0, expiresAtMs: T0 + 60000 } },
  }),
  "exec.approval.waitDecision": method({
    params: exec.ExecApprovalWaitParams, result: exec.ExecApprovalWaitResult, scope: "operator.approvals", nodes: true, errors: ["NOT_FOUND"],
    description: "Wait for the decision on an approval request.",
    example: { params: { id: "ea-1", timeoutMs: 60000 }, result: { id: "ea-1", decision: "allow-once", resolvedBy: "laptop", createdAtMs: T0, expiresAtMs: T0 + 60000 } },
  }),
  "exec.approval.resolve": method({
    params: exec.ExecApprovalResolveParams, result: exec.ExecApprovalResolveResult, scope: "operator.approvals", errors: ["NOT_FOUND", "ALREADY_RESOLVED", "EXPIRED"],
    description: "Decide an approval request.",
    example: { params: { id: "ea-1", decision: "allow-once" }, result: { ok: true } },
  }),
  "agents.list": method({
    params: ag.AgentsListParams, result: ag.AgentsListResult, scope: "operator.read",
    description: "Configured agents.",
    example: { params: {}, result: { defaultId: "main", mainKey: "main", scope: "per-sender", agents: [{ id: "main", name: "Main", identity: { emoji: "🦀" } }] } },
  }),
  "agents.create": method({
    params: ag.AgentsCreateParams, result: ag.AgentsCreateResult, scope: "operator.admin", errors: ["CONFLICT"],
    description: "Create an agent.",
    example: { params: { name: "Research", workspace: "~/research" }, result: { ok: true, agentId: "research", name: "Research", workspace: "~/research" } },
  }),
  "agents.update": method({
    params: ag.AgentsUpdateParams, result: ag.AgentsUpdateResult, scope: "operator.admin", errors: ["NOT_FOUND"],
    description: "Change an agent.",
    example: { params: { agentId: "research", model: "gpt-5" }, result: { ok: true, agentId: "research" } },
  }),
  "agents.delete": method({
    params: ag.AgentsDeleteParams, result: ag.AgentsDeleteResult, scope: "operator.admin", errors: ["NOT_FOUND"],
    description: "Delete an agent.",
    example: { params: { agentId: "research" }, result: { ok: true, agentId: "research", removedBindings: 0 } },
  }),
  "agents.files.list": method({
    params: ag.AgentsFilesListParams, result: ag.AgentsFilesListResult, scope: "operator.read", errors: ["NOT_FOUND"],
    description: "An agent's workspace files.",
    example: { params: { agentId: "main" }, result: { agentId: "main", workspace: "~/agent", files: [FILE] } },
  }),
  "agents.files.get": method({
    params: ag.AgentsFilesGetParams, result: ag.AgentsFilesGetResult, scope: "operator.read", errors: ["NOT_FOUND"],
    description: "One workspace file with its content.",
    example: { params: { agentId: "main", name: "AGENTS.md" }, result: { agentId: "main", workspace: "~/agent", file: { ...FILE, content: "# Agent\nBe nice" } } },
  }),
  "agents.files.set": method({
    params: ag.AgentsFilesSetParams, result: ag.AgentsFilesSetResult, scope: "operator.admin", errors: ["NOT_FOUND"],
    description: "Write a workspace file.",
    example: { params: { agentId: "main", name: "AGENTS.md", content: "# Agent\nBe nice" }, result: { ok: true, agentId: "main", workspace: "~/agent", file: FILE } },
  }),
  "agent.identity.get": method({
    params: ag.AgentIdentityParams, result: ag.AgentIdentity, scope: "operator.read", errors: ["NOT_FOUND"],
    description: "How an agent presents itself.",
    example: { params: { agentId: "main" }, result: { agentId: "main", name: "Main", emoji: "🦀" } },
  }),
  agent: method({
    params: ag.AgentParams, result: ag.AgentRunResult, scope: "operator.write", idempotencyKey: true, twoPhase: true,
    errors: ["NOT_FOUND", "MODEL_NOT_CONFIGURED", "MODEL_BACKEND_FAILED", "SESSION_QUEUE_FULL"],
    description: "Run an agent turn (run id = idempotency key). Answers twice on the same id: first `{runId, status: accepted, acceptedAt}`, then the outcome; `agent` events stream in between. A failed run answers UNAVAILABLE/MODEL_BACKEND_FAILED.",
    example: {
      params: { message: "What's on my calendar?", agentId: "main", idempotencyKey: "run-1" },
      result: {
        runId: "run-1", status: "ok", summary: "completed",
        result: { payloads: [{ text: "Nothing today." }], meta: { durationMs: 900, agentMeta: { sessionKey: "agent:main:main", provider: "openai", model: "gpt-4o-mini", usage: { input: 12, output: 4, total: 16 } } } },
      },
    },
  }),
  "agent.wait": method({
    params: ag.AgentWaitParams, result: ag.AgentWaitResult, scope: "operator.write", errors: ["NOT_FOUND"],
    description: "Wait for an agent run to finish; `status: timeout` when it has not finished within `timeoutMs` (default 30000).",
    example: { params: { runId: "run-1", timeoutMs: 30000 }, result: { runId: "run-1", status: "ok", startedAt: T0, endedAt: T0 + 900 } },
  }),
  "chat.send": method({
    params: ag.ChatSendParams, result: ag.ChatSendResult, scope: "operator.write", idempotencyKey: true,
    errors: ["NOT_FOUND", "MODEL_NOT_CONFIGURED", "SESSION_QUEUE_FULL"],
    description: "Send a chat message into a session; the reply streams as `chat` events.",
    example: { params: { sessionKey: "agent:main:main", message: "hi", idempotencyKey: "k3" }, result: { runId: "k3", status: "started" } },
  }),
  "chat.history": method({
    params: ag.ChatHistoryParams, result: ag.ChatHistoryResult, scope: "operator.read",
    description: "A session's messages.",
    example: {
      params: { sessionKey: "agent:main:main", limit: 2 },
      result: { sessionKey: "agent:main:main", messages: [{ role: "user", content: "hi", ts: T0 }, { role: "assistant", content: "Hello!", ts: T0 + 800 }] },
    },
  }),
  "chat.abort": method({
    params: ag.ChatAbortParams, result: ag.ChatAbortResult, scope: "operator.write",
    description: "Abort a session's running reply.",
    example: { params: { sessionKey: "agent:main:main" }, result: { ok: true, aborted: true, runIds: ["run-2"] } },
  }),
  "chat.inject": method({
    unavailable: "Chat is not built yet (issue: agents, chat and the OpenAI API).",
    params: ag.ChatInjectParams, result: ag.ChatInjectResult, scope: "operator.admin",
    description: "Append an assistant message to a transcript without running the agent.",
    example: { params: { sessionKey: "agent:main:main", message: "Reminder: stand-up at 10." }, result: { ok: true, messageId: "m-1" } },
  }),
  send: method({
    unavailable: "Outbound channel messages need channels, which are not built yet (issue: channels).",
    params: ag.SendParams, result: ag.SendResult, scope: "operator.write", idempotencyKey: true, errors: ["NOT_FOUND"],
    description: "Deliver a message through a channel.",
    example: { params: { to: "+15555550123", message: "On my way", channel: "whatsapp", idempotencyKey: "k4" }, result: { runId: "k4", messageId: "m-1", channel: "whatsapp", toJid: "15555550123@s.whatsapp.net" } },
  }),
  poll: method({
    unavailable: "Outbound channel messages need channels, which are not built yet (issue: channels).",
    params: ag.PollParams, result: ag.SendResult, scope: "operator.write", idempotencyKey: true,
    description: "Post a poll through a channel.",
    example: { params: { to: "+15555550123", question: "Lunch?", options: ["Yes", "No"], idempotencyKey: "k5" }, result: { runId: "k5", messageId: "m-2", channel: "whatsapp" } },
  }),
  "models.list": method({
    params: ag.ModelsListParams, result: ag.ModelsListResult, scope: "operator.read",
    description: "Models the gateway can use.",
    example: { params: {}, result: { models: [{ id: "gpt-5", name: "GPT-5", provider: "openai", contextWindow: 400000, reasoning: true }] } },
  }),  "channels.status": method({
    unavailable: "Messaging channels are not built yet (issue: channels).",
    params: chan.ChannelsStatusParams, result: chan.ChannelsStatusResult, scope: "operator.read",
    description: "State of every messaging channel and account.",
    example: {
      params: { probe: false, timeoutMs: 8000 },
      result: { ts: T0, channelOrder: [], channelLabels: {}, channels: {}, channelAccounts: {}, channelDefaultAccountId: {} },
    },
  }),
  "channels.logout": method({
    unavailable: "Messaging channels are not built yet (issue: channels).",
    params: chan.ChannelsLogoutParams, result: chan.ChannelsLogoutResult, scope: "operator.admin",
    description: "Log a channel account out and forget its credentials.",
    example: { params: { channel: "whatsapp" }, result: { channel: "whatsapp", accountId: "default", cleared: true } },
  }),
  "web.login.start": method({
    unavailable: "Messaging channels are not built yet (issue: channels).",
    params: chan.WebLoginStartParams, result: chan.WebLoginStartResult, scope: "operator.admin",
    description: "Start a QR-code login of a channel that supports it (WhatsApp Web).",
    example: { params: { force: false, timeoutMs: 30000 }, result: { message: "Scan the QR code with WhatsApp.", qrDataUrl: "data:image/png;base64,iVBO" } },
  }),
  "web.login.wait": method({
    unavailable: "Messaging channels are not built yet (issue: channels).",
    params: chan.WebLoginWaitParams, result: chan.WebLoginWaitResult, scope: "operator.admin",
    description: "Wait for the QR code of `web.login.start` to be scanned.",
    example: { params: { timeoutMs: 120000 }, result: { message: "Linked.", connected: true } },
  }),
  // ── skills and tools ────────────────────────────────────────────────────────────
  "skills.status": method({
    unavailable: "Skills are not built yet (issue: agents, chat and the OpenAI API).",
    params: sk.SkillsStatusParams, result: sk.SkillsStatusResult, scope: "operator.read",
    description: "Every skill of an agent's workspace and whether its requirements are met.",
    example: { params: {}, result: { workspaceDir: "~/.tidegate/workspace", managedSkillsDir: "~/.tidegate/skills", skills: [] } },
  }),
  "skills.bins": method({
    unavailable: "Skills are not built yet (issue: agents, chat and the OpenAI API).",
    params: sk.SkillsBinsParams, result: sk.SkillsBinsResult, scope: "node",
    description: "Binaries the skills need (asked by node hosts to report which they have).",
    example: { params: {}, result: { bins: ["gh", "jq"] } },
  }),
  "skills.install": method({
    unavailable: "Skills are not built yet (issue: agents, chat and the OpenAI API).",
    params: sk.SkillsInstallParams, result: sk.SkillsInstallResult, scope: "operator.admin",
    description: "Run one of a skill's installers.",
    example: { params: { name: "github", installId: "brew", timeoutMs: 120000 }, result: { ok: true, message: "Installed gh" } },
  }),
  "skills.update": method({
    unavailable: "Skills are not built yet (issue: agents, chat and the OpenAI API).",
    params: sk.SkillsUpdateParams, result: sk.SkillsUpdateResult, scope: "operator.admin",
    description: "Enable or disable a skill, or set its API key or environment.",
    example: { params: { skillKey: "github", enabled: true }, result: { ok: true, skillKey: "github", config: { enabled: true } } },
  }),
  "tools.catalog": method({
    unavailable: "Agent tools are not built yet (issue: agents, chat and the OpenAI API).",
    params: sk.ToolsCatalogParams, result: sk.ToolsCatalogResult, scope: "operator.read",
    description: "The tools an agent can be given, by group and profile.",
    example: {
      params: { includePlugins: true },
      result: {
        agentId: "main", profiles: [{ id: "coding", label: "Coding" }],
        groups: [{ id: "fs", label: "Files", source: "core", tools: [{ id: "read", label: "read", description: "Read file contents", source: "core", defaultProfiles: ["coding"] }] }],
      },
    },
  }),
  // ── speech ──────────────────────────────────────────────────────────────────────
  "tts.status": method({
    unavailable: "Text-to-speech is not supported by this gateway.",
    params: audio.SpeechParams, result: audio.SpeechStatusResult, scope: "operator.read",
    description: "Whether replies are spoken, and with which provider.",
    example: {
      params: {},
      result: {
        enabled: false, auto: "off", provider: "edge", fallbackProvider: null, fallbackProviders: [], prefsPath: "~/.tidegate/settings/tts.json",
        hasOpenAIKey: false, hasElevenLabsKey: false, edgeEnabled: true,
      },
    },
  }),
  "tts.providers": method({
    unavailable: "Text-to-speech is not supported by this gateway.",
    params: audio.SpeechParams, result: audio.SpeechProvidersResult, scope: "operator.read",
    description: "Speech providers, their models and voices.",
    example: { params: {}, result: { providers: [{ id: "edge", name: "Edge TTS", configured: true, models: [] }], active: "edge" } },
  }),
  "tts.enable": method({
    unavailable: "Text-to-speech is not supported by this gateway.",
    params: audio.SpeechParams, result: audio.SpeechEnabledResult, scope: "operator.write",
    description: "Speak replies.",
    example: { params: {}, result: { enabled: true } },
  }),
  "tts.disable": method({
    unavailable: "Text-to-speech is not supported by this gateway.",
    params: audio.SpeechParams, result: audio.SpeechEnabledResult, scope: "operator.write",
    description: "Stop speaking replies.",
    example: { params: {}, result: { enabled: false } },
  }),
  "tts.convert": method({
    unavailable: "Text-to-speech is not supported by this gateway.",
    params: audio.SpeechConvertParams, result: audio.SpeechConvertResult, scope: "operator.write",
    description: "Turn text into an audio file.",
    example: { params: { text: "Hello" }, result: { audioPath: "/tmp/tts-1.mp3", provider: "edge", outputFormat: "mp3", voiceCompatible: false } },
  }),
  "tts.setProvider": method({
    unavailable: "Text-to-speech is not supported by this gateway.",
    params: audio.SpeechSetProviderParams, result: audio.SpeechSetProviderResult, scope: "operator.write",
    description: "Choose the speech provider.",
    example: { params: { provider: "openai" }, result: { provider: "openai" } },
  }),
  "talk.config": method({
    unavailable: "Talk mode is not supported by this gateway (it needs text-to-speech).",
    params: audio.TalkConfigParams, result: audio.TalkConfigResult, scope: "operator.read",
    description: "Talk-mode settings (API keys only for admins or `operator.talk.secrets`).",
    example: { params: {}, result: { config: { talk: { provider: "elevenlabs", voiceId: "v-1" }, session: { mainKey: "main" } } } },
  }),
  "talk.mode": method({
    unavailable: "Talk mode is not supported by this gateway (it needs text-to-speech).",
    params: audio.TalkModeParams, result: sys.TalkModeEvent, scope: "operator.write",
    description: "Switch talk mode; broadcast as the `talk.mode` event.",
    example: { params: { enabled: true, phase: "listening" }, result: { enabled: true, phase: "listening", ts: T0 } },
  }),
  "voicewake.get": method({
    unavailable: "Voice wake words are not supported by this gateway.",
    params: audio.VoiceWakeGetParams, result: audio.VoiceWakeResult, scope: "operator.read",
    description: "The voice wake words.",
    example: { params: {}, result: { triggers: ["tidegate", "computer"] } },
  }),
  "voicewake.set": method({
    unavailable: "Voice wake words are not supported by this gateway.",
    params: audio.VoiceWakeSetParams, result: audio.VoiceWakeResult, scope: "operator.write",
    description: "Set the voice wake words; broadcast as `voicewake.changed`.",
    example: { params: { triggers: ["tidegate"] }, result: { triggers: ["tidegate"] } },
  }),
  "exec.approval.list": method({
    params: exec.ExecApprovalListParams, result: exec.ExecApprovalListResult, scope: "operator.approvals",
    description: "Requests waiting for a decision (a tidegate addition: v3 clients learn of them from `exec.approval.requested`).",
    example: {
      params: {},
      result: { pending: [{ id: "ea-1", request: { command: "rm -rf build", cwd: "/src", nodeId: null, host: null, security: null, ask: null, agentId: null, resolvedPath: null, sessionKey: null }, createdAtMs: T0, expiresAtMs: T0 + 60000 }] },
    },
  }),
} as const;

export type Methods = typeof methods;
export type Events = typeof events;
export type MethodName = keyof Methods;
export type EventName = keyof Events;
