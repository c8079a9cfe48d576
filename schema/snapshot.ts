/** Presence entries, state versions, the health snapshot and the hello snapshot. */
import { Bool, Described, Dict, Enum, Int, Json, List, Obj, Opt, Str, Text } from "./primitives.js";

export const StateVersion = Obj("StateVersion", "Monotonic versions of the gateway's shared state; clients drop stale updates.", {
  presence: Int("Incremented on every presence change."),
  health: Int("Incremented on every health snapshot."),
});

export const PresenceEntry = Obj("PresenceEntry", "One gateway, operator client or node that is currently connected.", {
  host: Opt(Str("Host name or display name.")),
  ip: Opt(Str("Remote address as seen by the gateway.")),
  version: Opt(Str("Client or gateway version.")),
  platform: Opt(Str("Operating system, such as `linux` or `ios 18.1`.")),
  deviceFamily: Opt(Str("Device family, such as `iPhone` or `Linux`.")),
  modelIdentifier: Opt(Str("Hardware model identifier.")),
  mode: Opt(Str("Client mode (`cli`, `node`, `ui`, …) or `gateway` for the gateway itself.")),
  lastInputSeconds: Opt(Int("Seconds since the last user input on that device, when known.")),
  reason: Opt(Str("Why this entry was last updated, such as `connect` or `self`.")),
  tags: Opt(List(Str("A tag."), "Free-form tags.")),
  text: Opt(Text("One-line human summary.")),
  ts: Int("When this entry was last updated (ms since epoch)."),
  deviceId: Opt(Str("Device id of the client, when it presented a device identity.")),
  roles: Opt(List(Str("A role."), "Roles this device is connected with.")),
  scopes: Opt(List(Str("A scope."), "Scopes granted to this connection.")),
  instanceId: Opt(Str("Stable instance id of the client.")),
});

export const HeartbeatSettings = Obj("HeartbeatSettings", "How an agent's periodic heartbeat runs.", {
  enabled: Bool("Whether the heartbeat runs."),
  every: Opt(Str("Interval as written in config, such as `30m`.")),
  everyMs: Opt(Int("Interval in milliseconds.")),
  prompt: Opt(Text("Prompt sent on each heartbeat.")),
  target: Opt(Str("Where heartbeat replies go, such as `none`.")),
  ackMaxChars: Opt(Int("Replies up to this length count as a plain acknowledgement.")),
});

export const SessionStoreSummary = Obj("SessionStoreSummary", "Where an agent's sessions are stored and how many there are.", {
  path: Str("Path of the session store file."),
  count: Int("Number of sessions in the store."),
  recent: List(Json("A recent session summary."), "Most recently active sessions."),
});

export const AgentHealth = Obj("AgentHealth", "Health of one agent.", {
  agentId: Str("Agent id."),
  name: Opt(Text("Display name, when the agent has one.")),
  isDefault: Bool("True for the default agent."),
  heartbeat: Opt(HeartbeatSettings),
  sessions: Opt(SessionStoreSummary),
});

export const HealthSnapshot = Obj("HealthSnapshot", "The gateway's health, as returned by `health` and pushed as the `health` event.", {
  ok: Bool("True when the gateway considers itself healthy."),
  ts: Int("When the snapshot was taken (ms since epoch)."),
  durationMs: Int("How long taking the snapshot took."),
  channels: Opt(Dict(Json("Channel status."), "Status of each messaging channel, by channel id.")),
  channelOrder: Opt(List(Str("A channel id."), "Channel ids in display order.")),
  channelLabels: Opt(Dict(Str("Label."), "Display label of each channel, by channel id.")),
  heartbeatSeconds: Opt(Int("Default heartbeat interval in seconds.")),
  defaultAgentId: Opt(Str("Id of the default agent.")),
  agents: Opt(List(AgentHealth, "Health of each agent.")),
  sessions: Opt(Described(SessionStoreSummary, "Sessions of the default agent.")),
});

export const SessionDefaults = Obj("SessionDefaults", "How sessions are keyed by default.", {
  defaultAgentId: Str("Id of the default agent."),
  mainKey: Str("Key of the main session, such as `main`."),
  mainSessionKey: Str("Full key of the main session, such as `agent:main:main`."),
  scope: Opt(Str("Session scope, such as `per-sender`.")),
});

export const AuthMode = Enum("AuthMode", "How the gateway authenticates clients.", ["none", "token", "password", "trusted-proxy"]);

export const UpdateAvailable = Obj("UpdateAvailable", "A newer gateway release is available.", {
  currentVersion: Str("Running version."),
  latestVersion: Str("Newest available version."),
  channel: Str("Release channel."),
});

export const Snapshot = Obj("Snapshot", "Gateway state sent once in `hello-ok` so a client starts with a full picture.", {
  presence: List(PresenceEntry, "Everything connected right now, the gateway itself first."),
  health: HealthSnapshot,
  stateVersion: StateVersion,
  uptimeMs: Int("Milliseconds since the gateway started."),
  configPath: Opt(Str("Path of the gateway's config file.")),
  stateDir: Opt(Str("Path of the gateway's state directory.")),
  sessionDefaults: Opt(SessionDefaults),
  authMode: Opt(AuthMode),
  updateAvailable: Opt(UpdateAvailable),
});
