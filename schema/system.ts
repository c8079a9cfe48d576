/**
 * Health, status, presence, heartbeats, system events, logs, the doctor probe and the gateway's own
 * lifecycle events. Shapes follow the v3 reference field for field.
 */

import { CronWakeMode } from "./cron.js";
import { AnyParams, Bool, Described, Dict, Enum, Int, Json, List, Nullable, Obj, Open, Opt, Str, Text, Type } from "./primitives.js";
import { PresenceEntry, UpdateAvailable } from "./snapshot.js";

export const HealthParams = Open("HealthParams", "Parameters of `health`. Like the v3 reference, any other member is ignored.", {
  probe: Opt(Bool("Take a fresh snapshot instead of returning the cached one.")),
});

export const StatusParams = AnyParams("StatusParams", "status");

export const GatewayCertificate = Obj("GatewayCertificate", "The certificate the gateway serves, when TLS is on.", {
  fingerprintSha256: Str("SHA-256 fingerprint of the certificate (`AA:BB:…`); clients pin it with `--tls-fingerprint`."),
  selfSigned: Bool("Whether the gateway generated this certificate itself (into `<state>/tls/`)."),
  certPath: Str("The certificate file."),
  validTo: Str("End of the certificate's validity."),
});

export const StatusLinkChannel = Obj("StatusLinkChannel", "The channel that links the gateway to its owner (such as WhatsApp Web), when one is configured.", {
  id: Str("Channel id."),
  label: Str("Display label."),
  linked: Bool("True when the channel is linked."),
  authAgeMs: Opt(Nullable(Int("Age of the channel's credentials in milliseconds, when known."))),
});

export const StatusHeartbeatAgent = Obj("StatusHeartbeatAgent", "Heartbeat settings of one agent.", {
  agentId: Str("Agent id."),
  enabled: Bool("Whether the heartbeat runs."),
  every: Text("Interval as written in config, such as `30m`."),
  everyMs: Nullable(Int("Interval in milliseconds, or null when disabled.")),
});

export const StatusHeartbeat = Obj("StatusHeartbeat", "Heartbeat settings of every agent.", {
  defaultAgentId: Str("Id of the default agent."),
  agents: List(StatusHeartbeatAgent, "One entry per agent."),
});

export const StatusSessionRow = Obj("StatusSessionRow", "One session in the status summary.", {
  agentId: Opt(Str("Owning agent.")),
  key: Str("Session key."),
  kind: Str("`direct`, `group`, `global` or `unknown`."),
  sessionId: Opt(Str("Id of the current transcript.")),
  updatedAt: Nullable(Int("Last activity (ms since epoch).")),
  age: Nullable(Int("Milliseconds since the last activity.")),
  thinkingLevel: Opt(Str("Thinking level override.")),
  verboseLevel: Opt(Str("Verbosity override.")),
  reasoningLevel: Opt(Str("Reasoning level override.")),
  elevatedLevel: Opt(Str("Elevated level override.")),
  systemSent: Opt(Bool("Whether the system prompt was sent.")),
  abortedLastRun: Opt(Bool("Whether the last run was aborted.")),
  inputTokens: Opt(Int("Input tokens of the last run.")),
  outputTokens: Opt(Int("Output tokens of the last run.")),
  cacheRead: Opt(Int("Cache-read tokens of the last run.")),
  cacheWrite: Opt(Int("Cache-write tokens of the last run.")),
  totalTokens: Nullable(Int("Tokens in the context.")),
  totalTokensFresh: Bool("False when `totalTokens` is from an older run."),
  remainingTokens: Nullable(Int("Tokens left in the context window.")),
  percentUsed: Nullable(Int("Share of the context window in use, in percent.")),
  model: Nullable(Str("Model in use.")),
  contextTokens: Nullable(Int("Size of the context window in tokens.")),
  flags: List(Str("A flag."), "Short flags shown next to the session."),
});

export const StatusSessionsByAgent = Obj("StatusSessionsByAgent", "Sessions of one agent.", {
  agentId: Str("Agent id."),
  path: Str("Session store file."),
  count: Int("Number of sessions."),
  recent: List(StatusSessionRow, "Up to 10 most recently active sessions."),
});

export const StatusSessionDefaults = Obj("StatusSessionDefaults", "Model defaults that sessions fall back to.", {
  model: Nullable(Str("Default model.")),
  contextTokens: Nullable(Int("Default context window in tokens.")),
});

export const StatusSessions = Obj("StatusSessions", "Sessions across agents.", {
  paths: List(Str("A session store file."), "Session store files."),
  count: Int("Number of sessions."),
  defaults: StatusSessionDefaults,
  recent: List(StatusSessionRow, "Up to 10 most recently active sessions."),
  byAgent: List(StatusSessionsByAgent, "Sessions per agent."),
});

export const StatusSummary = Obj(
  "StatusSummary",
  "Result of `status`: heartbeats, channel summary, queued system events and sessions (as in v3; sensitive members are redacted for non-admins), plus the served certificate when TLS is on (`tls`, ours).",
  {
    linkChannel: Opt(StatusLinkChannel),
    heartbeat: StatusHeartbeat,
    channelSummary: List(Text("A line."), "One line per configured channel and account."),
    queuedSystemEvents: List(Text("An event text."), "System events waiting for the main session."),
    sessions: StatusSessions,
    tls: Opt(GatewayCertificate),
  },
);

export const SystemPresenceParams = AnyParams("SystemPresenceParams", "system-presence");

export const SystemPresenceResult = Type.Array(PresenceEntry, {
  $id: "SystemPresenceResult",
  description: "Result of `system-presence`: a bare list, newest first, one row per device (the gateway's own row has mode `gateway`).",
});

export const LogsTailParams = Obj("LogsTailParams", "Parameters of `logs.tail`.", {
  cursor: Opt(Int("Byte offset returned by the previous call; omit to start near the end.")),
  limit: Opt(Int("Most lines to return.", { minimum: 1, maximum: 5000 })),
  maxBytes: Opt(Int("Most bytes to read.", { minimum: 1, maximum: 1000000 })),
});

export const LogsTailResult = Obj("LogsTailResult", "A slice of the gateway log.", {
  file: Str("Log file path."),
  cursor: Int("Byte offset to pass as `cursor` next time."),
  size: Int("Current size of the log file in bytes."),
  lines: List(Text("A log line."), "Log lines, oldest first."),
  truncated: Opt(Bool("True when more lines were available than returned.")),
  reset: Opt(Bool("True when the file was rotated or truncated since `cursor`.")),
});

export const TickEvent = Obj("TickEvent", "Keep-alive sent every `policy.tickIntervalMs`.", {
  ts: Int("Gateway time (ms since epoch)."),
});

export const ShutdownEvent = Obj("ShutdownEvent", "The gateway is about to stop or restart.", {
  reason: Str("Why, such as `signal` or `restart`."),
  restartExpectedMs: Opt(Nullable(Int("When a restart is expected, how long it should take."))),
});

export const PresenceEvent = Obj("PresenceEvent", "Presence changed; carries the full list.", {
  presence: List(PresenceEntry, "Everything connected right now."),
});

export const HeartbeatStatus = Enum("HeartbeatStatus", "Outcome of a heartbeat.", ["sent", "ok-empty", "ok-token", "skipped", "failed"]);

export const HeartbeatEvent = Obj("HeartbeatEvent", "An agent heartbeat ran.", {
  ts: Int("When it ran (ms since epoch)."),
  status: HeartbeatStatus,
  to: Opt(Text("Where the reply went.")),
  accountId: Opt(Text("Channel account it went through.")),
  preview: Opt(Text("Start of the heartbeat reply.")),
  durationMs: Opt(Int("How long it took.")),
  hasMedia: Opt(Bool("True when the reply carried media.")),
  reason: Opt(Text("Why it was skipped or failed, or what triggered it.")),
  channel: Opt(Text("Channel it went through.")),
  silent: Opt(Bool("True when the reply was suppressed.")),
  indicatorType: Opt(Text("Kind of indicator shown to the user.")),
  agentId: Opt(Str("Agent id (tidegate addition).")),
});

export const LastHeartbeatParams = AnyParams("LastHeartbeatParams", "last-heartbeat");

export const LastHeartbeatResult = Type.Union([HeartbeatEvent, Type.Null()], {
  $id: "LastHeartbeatResult",
  description: "Result of `last-heartbeat`: the last heartbeat event, or null when none ran since start.",
});

export const SetHeartbeatsParams = Open("SetHeartbeatsParams", "Parameters of `set-heartbeats`. Like the v3 reference, other members are ignored.", {
  enabled: Bool("Turn periodic heartbeats on or off."),
});

export const SetHeartbeatsResult = Obj("SetHeartbeatsResult", "Result of `set-heartbeats`.", {
  ok: Bool("Always true on success."),
  enabled: Bool("The new setting."),
});

export const SystemEventParams = Open("SystemEventParams", "Parameters of `system-event`: a presence beacon or a free-text event from an app. Like the v3 reference, other members are ignored.", {
  text: Str("Event text; `Node: …` texts update presence and enqueue only what changed."),
  deviceId: Opt(Text("Device id of the sender.")),
  instanceId: Opt(Text("Instance id of the sender.")),
  host: Opt(Text("Host name.")),
  ip: Opt(Text("Address.")),
  mode: Opt(Text("Client mode.")),
  version: Opt(Text("App version.")),
  platform: Opt(Text("Operating system.")),
  deviceFamily: Opt(Text("Device family.")),
  modelIdentifier: Opt(Text("Hardware model.")),
  lastInputSeconds: Opt(Type.Number({ description: "Seconds since the last user input.", minimum: 0 })),
  reason: Opt(Text("Why it was sent, such as `periodic`.")),
  roles: Opt(List(Text("A role."), "Roles of the sender.")),
  scopes: Opt(List(Text("A scope."), "Scopes of the sender.")),
  tags: Opt(List(Text("A tag."), "Free-form tags.")),
});

export const WakeParams = Obj("WakeParams", "Parameters of `wake`: enqueue a system event for the main session.", {
  mode: Described(CronWakeMode, "`now` also runs a heartbeat at once; `next-heartbeat` waits for the next one."),
  text: Str("Event text."),
});

export const OkFlag = Obj("OkFlag", "Whether it worked.", {
  ok: Bool("True when it worked."),
});

export const DoctorMemoryStatusParams = AnyParams("DoctorMemoryStatusParams", "doctor.memory.status");

export const DoctorMemoryEmbedding = Obj("DoctorMemoryEmbedding", "Whether memory search embeddings work.", {
  ok: Bool("True when an embedding provider answered."),
  error: Opt(Text("Why not.")),
});

export const DoctorMemoryStatusResult = Obj("DoctorMemoryStatusResult", "Result of `doctor.memory.status`.", {
  agentId: Str("Default agent."),
  provider: Opt(Str("Embedding provider in use, or `none`.")),
  embedding: DoctorMemoryEmbedding,
});

export const TalkModeEvent = Obj("TalkModeEvent", "Talk mode was switched (same payload as the `talk.mode` result).", {
  enabled: Bool("Whether talk mode is on."),
  phase: Nullable(Text("Talk phase, such as `listening`, or null.")),
  ts: Int("When it changed (ms since epoch)."),
});

export const VoiceWakeChangedEvent = Obj("VoiceWakeChangedEvent", "The voice wake words changed.", {
  triggers: List(Str("A wake word."), "Current wake words."),
});

export const UpdateAvailableEvent = Obj("UpdateAvailableEvent", "A newer gateway release was found (or the notice was cleared).", {
  updateAvailable: Nullable(UpdateAvailable),
});

export const AgentEvent = Obj("AgentEvent", "Streamed output of an agent run.", {
  runId: Str("Run id."),
  seq: Int("Sequence number within the run."),
  stream: Str("Stream name, such as `assistant`, `tool`, `lifecycle` or `error`."),
  ts: Int("When this chunk was produced (ms since epoch)."),
  sessionKey: Opt(Str("Session of the run.")),
  data: Dict(Json("Stream data."), "Stream-specific data."),
});
