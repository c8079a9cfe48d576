/**
 * Requests exactly as the protocol v3 reference's own clients send them (OpenClaw 2026.3.2; found in
 * its dist/: CLI commands, Control UI sources, node host, exec tool — see notes/ref-v3/diff.md).
 * Test vectors only: schema/conformance.test.ts validates them, runtime/e2e/conformance.test.ts
 * sends them to the real gateway. `undefined` members are left out, as JSON.stringify does.
 */
export interface ClientRequest {
  client: "cli" | "control-ui" | "node-host" | "exec-tool" | "agent-runtime" | "ios/macos app";
  /** Connection role the request needs. */
  role?: "operator" | "node";
  /** A method name of the registry (plain string: schema/ does not import generated/). */
  method: string;
  /** Absent: the request frame has no `params` member at all. */
  params?: Record<string, unknown>;
  note?: string;
}

const NODE = "8da7d515f2c4496192aae480be3611ea803db6e126555402fd3e715bbe10a8b4";
const DEVICE = "4522c3ea8ac7bfbc57b4435039edd7d93a4a9294d08a83d8e94b3be799fdfab4";
const PLAN = { argv: ["ls", "-la"], cwd: "/tmp", rawCommand: "ls -la", agentId: "main", sessionKey: "agent:main:main" };

export const V3_CLIENT_REQUESTS: readonly ClientRequest[] = [
  // ── CLI ─────────────────────────────────────────────────────────────────────
  { client: "cli", method: "health", note: "(openclaw health: no params member)" },
  { client: "cli", method: "health", params: { probe: true }, note: "(health --verbose, status --deep)" },
  { client: "cli", method: "status", note: "(status probe: no params member)" },
  { client: "cli", method: "system-presence", note: "(status probe, system presence)" },
  { client: "cli", method: "config.get", params: {} },
  { client: "cli", method: "channels.status", params: { probe: false, timeoutMs: 10000 } },
  { client: "cli", method: "last-heartbeat", params: {} },
  { client: "cli", method: "device.pair.list", params: {} },
  { client: "cli", method: "device.pair.approve", params: { requestId: "5d0f7c1e-2b7a-4c0e-9a51-0f7f3c1f2a10" } },
  { client: "cli", method: "device.pair.reject", params: { requestId: "5d0f7c1e-2b7a-4c0e-9a51-0f7f3c1f2a10" } },
  { client: "cli", method: "device.pair.remove", params: { deviceId: DEVICE } },
  { client: "cli", method: "device.token.rotate", params: { deviceId: DEVICE, role: "operator", scopes: ["operator.read"] } },
  { client: "cli", method: "device.token.revoke", params: { deviceId: DEVICE, role: "operator" } },
  { client: "cli", method: "node.pair.list", params: {} },
  { client: "cli", method: "node.list", params: {} },
  { client: "cli", method: "node.describe", params: { nodeId: NODE } },
  { client: "cli", method: "node.rename", params: { nodeId: NODE, displayName: "build box" } },
  { client: "cli", method: "node.invoke", params: { nodeId: NODE, command: "system.which", params: { bins: ["ls", "node"] }, idempotencyKey: "k1" } },
  { client: "cli", method: "node.invoke", params: { nodeId: NODE, command: "system.run", params: { command: ["ls"] }, idempotencyKey: "k2", timeoutMs: 30000 } },
  { client: "cli", method: "exec.approvals.node.get", params: { nodeId: NODE } },
  {
    client: "cli", method: "exec.approval.request", note: "(nodes run, host node: blocking)",
    params: { id: "0b6e", command: "ls -la", commandArgv: ["ls", "-la"], systemRunPlan: PLAN, cwd: "/tmp", nodeId: NODE, host: "node", security: "allowlist", ask: "on-miss", agentId: "main", sessionKey: "agent:main:main", timeoutMs: 120000 },
  },
  { client: "cli", method: "logs.tail", params: { limit: 200, maxBytes: 250000 } },
  { client: "cli", method: "logs.tail", params: { cursor: 1139792, limit: 200, maxBytes: 250000 }, note: "(logs --follow)" },
  { client: "cli", method: "cron.list", params: { includeDisabled: false } },
  { client: "cli", method: "cron.status", params: {} },
  {
    client: "cli", method: "cron.add", note: "(isolated agentTurn: always carries delivery)",
    params: {
      name: "digest", enabled: true, schedule: { kind: "cron", expr: "0 8 * * *", tz: "Europe/Berlin" }, sessionTarget: "isolated", wakeMode: "now",
      payload: { kind: "agentTurn", message: "Summarise my inbox", timeoutSeconds: 300 }, delivery: { mode: "announce", channel: "whatsapp", to: "+15555550123" },
    },
  },
  { client: "cli", method: "cron.update", params: { id: "71ab15e4-c153-486c-a8f8-ba5fbeeebadb", patch: { enabled: false } } },
  { client: "cli", method: "cron.remove", params: { id: "71ab15e4-c153-486c-a8f8-ba5fbeeebadb" } },
  { client: "cli", method: "cron.runs", params: { id: "71ab15e4-c153-486c-a8f8-ba5fbeeebadb", limit: 50 } },
  { client: "cli", method: "cron.run", params: { id: "71ab15e4-c153-486c-a8f8-ba5fbeeebadb", mode: "force" } },
  { client: "cli", method: "exec.approvals.get", params: {} },
  { client: "cli", method: "exec.approvals.set", params: { file: { version: 1, socket: { path: "/home/u/.openclaw/exec-approvals.sock" }, defaults: { security: "allowlist", ask: "on-miss", askFallback: "deny", autoAllowSkills: true }, agents: { main: { allowlist: [{ id: "a1", pattern: "/usr/bin/git", lastUsedAt: 1795285880000, lastUsedCommand: "git status", lastResolvedPath: "/usr/bin/git" }] } } }, baseHash: "8fe301a89df8c54e" } },
  { client: "cli", method: "wake", params: { mode: "next-heartbeat", text: "hello" }, note: "(system event)" },
  {
    client: "cli", method: "agent", note: "(openclaw agent --message)",
    params: { message: "What's on my calendar?", agentId: "main", sessionKey: "agent:main:main", thinking: "low", deliver: false, channel: "last", replyChannel: "whatsapp", replyAccountId: "default", bestEffortDeliver: true, timeout: 600, lane: "main", extraSystemPrompt: "Be brief.", idempotencyKey: "2f1c" },
  },
  { client: "cli", method: "agent.wait", params: { runId: "2f1c", timeoutMs: 2000 } },
  { client: "cli", method: "send", params: { to: "+15555550123", message: "x", mediaUrls: ["https://example.com/a.png"], gifPlayback: false, channel: "whatsapp", accountId: "default", agentId: "main", threadId: "t1", idempotencyKey: "k3" } },
  { client: "cli", method: "poll", params: { to: "+15555550123", question: "Lunch?", options: ["Yes", "No"], maxSelections: 1, durationHours: 24, channel: "telegram", idempotencyKey: "k4" } },
  // ── Control UI ─────────────────────────────────────────────────────────────
  { client: "control-ui", method: "sessions.list", params: { includeGlobal: true, includeUnknown: true }, note: "(always sends includeUnknown)" },
  { client: "control-ui", method: "sessions.list", params: { includeGlobal: false, includeUnknown: false, activeMinutes: 120, limit: 50 } },
  { client: "control-ui", method: "sessions.patch", params: { key: "agent:main:main", label: null, thinkingLevel: "high", verboseLevel: null, reasoningLevel: "on" } },
  { client: "control-ui", method: "sessions.delete", params: { key: "agent:main:old", deleteTranscript: true } },
  { client: "control-ui", method: "cron.list", params: { includeDisabled: true, limit: 50, offset: 0, enabled: "all", sortBy: "nextRunAtMs", sortDir: "asc" } },
  { client: "control-ui", method: "cron.runs", params: { scope: "all", limit: 50, offset: 0, status: "all", sortDir: "desc" } },
  { client: "control-ui", method: "cron.runs", params: { scope: "job", id: "71ab15e4-c153-486c-a8f8-ba5fbeeebadb", limit: 50, offset: 0, statuses: ["ok", "error"], status: "all", deliveryStatuses: ["delivered"], query: "digest", sortDir: "desc" } },
  { client: "control-ui", method: "cron.update", params: { id: "71ab15e4-c153-486c-a8f8-ba5fbeeebadb", patch: { payload: { kind: "agentTurn", message: "new text" }, delivery: { mode: "none" }, failureAlert: false } } },
  { client: "control-ui", method: "cron.status", params: {} },
  { client: "control-ui", method: "chat.send", params: { sessionKey: "agent:main:main", message: "hi", deliver: false, idempotencyKey: "c3b1", attachments: [{ type: "image", mimeType: "image/png", content: "iVBORw0KGgo=" }] } },
  { client: "control-ui", method: "chat.abort", params: { sessionKey: "agent:main:main", runId: "c3b1" } },
  { client: "control-ui", method: "chat.history", params: { sessionKey: "agent:main:main", limit: 200 } },
  { client: "control-ui", method: "config.get", params: {} },
  { client: "control-ui", method: "config.schema", params: {} },
  { client: "control-ui", method: "config.set", params: { raw: "{ gateway: { port: 18789 } }", baseHash: "9f86d081884c7d65" } },
  { client: "control-ui", method: "config.apply", params: { raw: "{ gateway: { port: 18789 } }", baseHash: "9f86d081884c7d65", sessionKey: "agent:main:main" } },
  { client: "control-ui", method: "update.run", params: { sessionKey: "agent:main:main" } },
  { client: "control-ui", method: "status", params: {} },
  { client: "control-ui", method: "health", params: {} },
  { client: "control-ui", method: "models.list", params: {} },
  { client: "control-ui", method: "last-heartbeat", params: {} },
  { client: "control-ui", method: "system-presence", params: {} },
  { client: "control-ui", method: "logs.tail", params: { limit: 500, maxBytes: 250000 } },
  { client: "control-ui", method: "agents.list", params: {} },
  { client: "control-ui", method: "agent.identity.get", params: { agentId: "main" } },
  { client: "control-ui", method: "agent.identity.get", params: { sessionKey: "agent:main:main" } },
  { client: "control-ui", method: "agents.files.list", params: { agentId: "main" } },
  { client: "control-ui", method: "agents.files.get", params: { agentId: "main", name: "AGENTS.md" } },
  { client: "control-ui", method: "agents.files.set", params: { agentId: "main", name: "AGENTS.md", content: "# Agent" } },
  { client: "control-ui", method: "tools.catalog", params: { agentId: "main", includePlugins: true } },
  { client: "control-ui", method: "skills.status", params: {} },
  { client: "control-ui", method: "skills.status", params: { agentId: "main" } },
  { client: "control-ui", method: "skills.update", params: { skillKey: "github", enabled: true } },
  { client: "control-ui", method: "skills.update", params: { skillKey: "github", apiKey: "sk-1" } },
  { client: "control-ui", method: "skills.install", params: { name: "github", installId: "brew", timeoutMs: 120000 } },
  { client: "control-ui", method: "device.pair.list", params: {} },
  { client: "control-ui", method: "device.pair.approve", params: { requestId: "5d0f7c1e-2b7a-4c0e-9a51-0f7f3c1f2a10" } },
  { client: "control-ui", method: "device.token.revoke", params: { deviceId: DEVICE, role: "operator" } },
  { client: "control-ui", method: "node.list", params: {} },
  { client: "control-ui", method: "exec.approvals.get", params: {} },
  { client: "control-ui", method: "exec.approvals.node.get", params: { nodeId: NODE } },
  { client: "control-ui", method: "exec.approval.resolve", params: { id: "6688d36e-a9df-4a11-a015-71bdeb09ac92", decision: "allow-once" } },
  { client: "control-ui", method: "channels.status", params: { probe: true, timeoutMs: 8000 } },
  { client: "control-ui", method: "web.login.start", params: { force: false, timeoutMs: 30000 } },
  { client: "control-ui", method: "web.login.wait", params: { timeoutMs: 120000 } },
  { client: "control-ui", method: "channels.logout", params: { channel: "whatsapp" } },
  { client: "control-ui", method: "sessions.usage", params: { startDate: "2026-11-01", endDate: "2026-11-30", mode: "utc", limit: 1000, includeContextWeight: true } },
  { client: "control-ui", method: "usage.cost", params: { startDate: "2026-11-01", endDate: "2026-11-30", mode: "specific", utcOffset: "UTC+2" } },
  { client: "control-ui", method: "sessions.usage.timeseries", params: { key: "agent:main:main" } },
  { client: "control-ui", method: "sessions.usage.logs", params: { key: "agent:main:main", limit: 1000 } },
  // ── node host (role node) ──────────────────────────────────────────────────
  { client: "node-host", role: "node", method: "node.invoke.result", params: { id: "d66afb4e-bcf8-4500-9d4e-9ccec5cf5446", nodeId: NODE, ok: true, payloadJSON: "{\"bins\":{\"ls\":\"/usr/bin/ls\"}}" } },
  { client: "node-host", role: "node", method: "node.invoke.result", params: { id: "d66afb4e-bcf8-4500-9d4e-9ccec5cf5446", nodeId: NODE, ok: false, error: { code: "UNAVAILABLE", message: "SYSTEM_RUN_DENIED: approval required" } } },
  { client: "node-host", role: "node", method: "node.event", params: { event: "exec.finished", payloadJSON: "{\"runId\":\"r1\",\"exitCode\":0}" } },
  { client: "node-host", role: "node", method: "node.event", params: { event: "node.presence", payloadJSON: null }, note: "(no payload: payloadJSON null)" },
  { client: "node-host", role: "node", method: "skills.bins", params: {} },
  // ── exec tool and agent runtime (backend clients, least-privilege scopes) ───
  {
    client: "exec-tool", method: "exec.approval.request", note: "(gateway host: twoPhase)",
    params: { id: "1f2e", command: "rm -rf build", commandArgv: ["rm", "-rf", "build"], env: { CI: "1" }, cwd: "/src", host: "gateway", security: "allowlist", ask: "on-miss", agentId: "main", resolvedPath: "/usr/bin/rm", sessionKey: "agent:main:main", turnSourceChannel: "whatsapp", turnSourceTo: "+15555550123", turnSourceAccountId: "default", turnSourceThreadId: 42, timeoutMs: 120000, twoPhase: true },
  },
  { client: "exec-tool", method: "exec.approval.waitDecision", params: { id: "1f2e" } },
  {
    client: "exec-tool", method: "exec.approval.request", note: "(node host: blocking, no twoPhase)",
    params: { id: "3a4b", command: "ls -la", commandArgv: ["ls", "-la"], systemRunPlan: PLAN, cwd: "/tmp", nodeId: NODE, host: "node", agentId: "main", sessionKey: "agent:main:main", turnSourceChannel: "telegram", turnSourceThreadId: "t-9", timeoutMs: 120000 },
  },
  {
    client: "agent-runtime", method: "agent", note: "(sessions_send tool)",
    params: { message: "ping", sessionKey: "agent:main:other", idempotencyKey: "s1", deliver: false, channel: "webchat", lane: "nested", inputProvenance: { kind: "inter_session", sourceSessionKey: "agent:main:main", sourceChannel: "webchat", sourceTool: "sessions_send" } },
  },
  {
    client: "agent-runtime", method: "agent", note: "(subagent announce)",
    params: {
      sessionKey: "agent:main:main", message: "Sub-task done", channel: "whatsapp", accountId: "default", to: "+15555550123", threadId: "t1", deliver: true, idempotencyKey: "s2",
      internalEvents: [{ type: "task_completion", source: "subagent", childSessionKey: "agent:main:sub-1", announceType: "result", taskLabel: "research", status: "ok", statusLabel: "done", result: "42", replyInstruction: "Tell the user." }],
    },
  },
  // ── macOS / iOS apps ───────────────────────────────────────────────────────
  {
    client: "ios/macos app", method: "system-event", note: "(periodic presence beacon)",
    params: { text: "Node: mac (192.0.2.7) · app 2026.3.2 · last input 4s ago · mode ui · reason periodic", deviceId: DEVICE, instanceId: DEVICE, host: "mac", ip: "192.0.2.7", mode: "ui", version: "2026.3.2", platform: "macos 15.1", deviceFamily: "Mac", modelIdentifier: "Mac15,3", lastInputSeconds: 4, reason: "periodic", roles: ["operator"], scopes: ["operator.read"], tags: ["menubar"] },
  },
  { client: "ios/macos app", method: "talk.mode", params: { enabled: true, phase: "listening" } },
  { client: "ios/macos app", method: "voicewake.get", params: {} },
  { client: "ios/macos app", method: "voicewake.set", params: { triggers: ["openclaw", "claude"] } },
  { client: "ios/macos app", method: "talk.config", params: { includeSecrets: true } },
];
