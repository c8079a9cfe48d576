/** Health, status, presence, logs and the gateway's own lifecycle events. */
import { Bool, Int, List, NoParams, Obj, Opt, Str, Text, Json, Dict } from "./primitives.js";
import { PresenceEntry, StateVersion } from "./snapshot.js";

export const HealthParams = Obj("HealthParams", "Parameters of `health`.", {
  probe: Opt(Bool("Take a fresh snapshot instead of returning the cached one.")),
});

export const StatusParams = NoParams("StatusParams");

export const GatewayCertificate = Obj("GatewayCertificate", "The certificate the gateway serves, when TLS is on.", {
  fingerprintSha256: Str("SHA-256 fingerprint of the certificate (`AA:BB:…`); clients pin it with `--tls-fingerprint`."),
  selfSigned: Bool("Whether the gateway generated this certificate itself (into `<state>/tls/`)."),
  certPath: Str("The certificate file."),
  validTo: Str("End of the certificate's validity."),
});

export const GatewayStatus = Obj("GatewayStatus", "A summary of the running gateway.", {
  version: Str("Gateway version."),
  protocol: Int("Protocol version."),
  uptimeMs: Int("Milliseconds since start."),
  host: Str("Host name."),
  port: Int("Listening port."),
  bind: Str("Bind address."),
  authMode: Str("Shared-secret mode: `token`, `password` or `none`."),
  connections: Int("Open authenticated connections."),
  operators: Int("Connected operator clients."),
  nodes: Int("Connected nodes."),
  pendingPairings: Int("Pairing requests waiting for approval."),
  stateDir: Str("State directory."),
  configPath: Str("Config file."),
  stateVersion: StateVersion,
  tls: Opt(GatewayCertificate),
});

export const SystemPresenceParams = NoParams("SystemPresenceParams");

export const SystemPresenceResult = Obj("SystemPresenceResult", "Everything connected right now.", {
  presence: List(PresenceEntry, "Presence entries, the gateway first."),
  stateVersion: StateVersion,
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
  restartExpectedMs: Opt(Int("When a restart is expected, how long it should take.")),
});

export const PresenceEvent = Obj("PresenceEvent", "Presence changed; carries the full list.", {
  presence: List(PresenceEntry, "Everything connected right now."),
});

export const HeartbeatEvent = Obj("HeartbeatEvent", "An agent heartbeat ran.", {
  ts: Int("When it ran (ms since epoch)."),
  agentId: Opt(Str("Agent id.")),
  status: Opt(Str("Outcome, such as `ok` or `skipped`.")),
  preview: Opt(Text("Start of the heartbeat reply.")),
});

export const TalkModeEvent = Obj("TalkModeEvent", "The voice talk mode changed.", {
  mode: Str("Voice mode, such as `off` or `continuous`."),
  ts: Opt(Int("When it changed (ms since epoch).")),
});

export const VoiceWakeChangedEvent = Obj("VoiceWakeChangedEvent", "The voice wake words changed.", {
  triggers: List(Str("A wake word."), "Current wake words."),
});

export const AgentEvent = Obj("AgentEvent", "Streamed output of an agent run.", {
  runId: Str("Run id."),
  seq: Int("Sequence number within the run."),
  stream: Str("Stream name, such as `assistant` or `tool`."),
  ts: Int("When this chunk was produced (ms since epoch)."),
  data: Dict(Json("Stream data."), "Stream-specific data."),
});
