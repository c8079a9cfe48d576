/** The gateway's config file (`tidegate.json`, JSON5). Not on the wire; its JSON Schema is generated for editors. */
import { ChannelsConfig } from "./channel-config.js";
import { constants } from "./constants.js";
import { Bool, Described, Dict, Enum, Int, List, Obj, Opt, Str, Type } from "./primitives.js";
import { SkillsSettings, WizardRunRecord } from "./skills-config.js";
import { AppearanceSettings, MessagesSettings, TalkModeSettings } from "./speech-config.js";

const LIMITS = constants.LIMITS.value;
const PORT = constants.DEFAULT_PORTS.value.default;

export const AuthSettings = Obj("AuthSettings", "How clients authenticate with a shared secret. Device tokens work in every mode.", {
  mode: Opt(Enum("AuthSettingsMode", "`token` (default), `password`, or `none` (loopback only).", ["token", "password", "none"])),
  token: Opt(Str("Shared token. When absent in token mode, one is generated once and kept in the state directory.", { maxLength: 4096 })),
  password: Opt(Str("Shared password (password mode).", { maxLength: 4096 })),
  trustLocalWithoutDevice: Opt(
    Bool(
      "Let local clients (loopback peer, loopback or allowed `Host`, no browser `Origin`, no untrusted forwarding headers) that present the shared secret WITHOUT a device identity get the operator scopes they ask for (default false). Off: a connection without a device identity gets no operator scopes. Remote clients never get scopes without a device identity.",
    ),
  ),
});

export const GatewayLimits = Obj("GatewayLimits", "Bounds on what one client may cost.", {
  maxPayload: Opt(Int(`Largest frame accepted after the handshake, in bytes (default ${LIMITS.maxPayload}).`, { minimum: 1024, maximum: 26214400 })),
  maxBufferedBytes: Opt(Int(`Outbound buffer per socket before events are dropped or the socket closed (default ${LIMITS.maxBufferedBytes}).`, { minimum: 16384 })),
  handshakeTimeoutMs: Opt(Int(`Close sockets that have not completed \`connect\` after this long (default ${LIMITS.handshakeTimeoutMs}).`, { minimum: 100, maximum: 120000 })),
  maxConnections: Opt(Int("Most open sockets (default 4096).", { minimum: 1 })),
  maxConnectionsPerAddress: Opt(Int("Most open sockets from one address (default 256).", { minimum: 1 })),
  maxPendingConnections: Opt(Int("Most TCP connections not yet upgraded to WebSocket (default 1024); more are closed at once (HTTP 503).", { minimum: 1 })),
  maxPendingConnectionsPerAddress: Opt(Int("Most TCP connections not yet upgraded to WebSocket from one address (default 32); more are closed at once (HTTP 429).", { minimum: 1 })),
  firstByteTimeoutMs: Opt(Int("Close a TCP connection that has sent nothing after this long (default 5000).", { minimum: 100, maximum: 120000 })),
  headersTimeoutMs: Opt(Int("Answer HTTP 408 and close when a request's headers are not complete after this long (default 10000).", { minimum: 100, maximum: 120000 })),
  maxNodeResultBytes: Opt(
    Int(
      "Bytes of node results (`node.invoke` answers) the gateway holds at once, summed over every call in flight between the node's answer and its delivery to the caller (default 134217728, 128 MiB). An answer that does not fit fails its call with `NODE_RESULT_OVER_BUDGET` (retryable); other clients are not affected.",
      { minimum: 1048576 },
    ),
  ),
  pingIntervalMs: Opt(Int("Ping every WebSocket this often; one that has not answered the previous ping is closed as dead (default 20000).", { minimum: 100, maximum: 600000 })),
});

export const ReloadSettings = Obj("ReloadSettings", "How the gateway reacts when its config file changes.", {
  mode: Opt(
    Enum(
      "ReloadMode",
      "`off` ignores changes; `hot` applies what it can in place and warns about the rest; `hybrid` (default) applies safe paths in place and restarts in-process for the others; `restart` restarts for every change.",
      ["off", "hot", "hybrid", "restart"],
    ),
  ),
  debounceMs: Opt(Int("Wait this long after the last change before reloading (default 300).", { maximum: 60000 })),
});

export const SecureTransportSettings = Obj("SecureTransportSettings", "Serve `wss://` and `https://` on the gateway's port.", {
  enabled: Bool("Serve TLS. Without `certPath`/`keyPath`, a self-signed pair is generated once into `<state>/tls/`."),
  certPath: Opt(Str("PEM certificate (chain) file. Needs `keyPath`.")),
  keyPath: Opt(Str("PEM private key file. Needs `certPath`.")),
});

export const MetricsSettings = Obj("MetricsSettings", "Prometheus metrics at `GET /metrics` on the gateway's port.", {
  enabled: Opt(Bool("Serve `/metrics` (default true).")),
  token: Opt(Str("Bearer token for `/metrics`. Without one, only loopback peers may read it.", { minLength: 16, maxLength: 4096 })),
});

export const CompletionsEndpointSettings = Obj("CompletionsEndpointSettings", "The OpenAI-compatible HTTP API on the gateway's port (`POST /v1/chat/completions`, `GET /v1/models`).", {
  enabled: Opt(Bool("Serve the API (default false). Requests need `Authorization: Bearer <gateway token or password>`.")),
  maxBodyBytes: Opt(Int("Largest request body accepted; larger ones get 413 (default 1048576).", { minimum: 1024, maximum: 67108864 })),
});

export const GatewayEndpointSettings = Obj("GatewayEndpointSettings", "HTTP endpoints served next to the WebSocket.", {
  openai: Opt(CompletionsEndpointSettings),
});

export const BrowserNodeSettings = Obj("BrowserNodeSettings", "Which node `browser.request` drives (a node offers browser control with the `browser.proxy` command).", {
  mode: Opt(
    Enum("BrowserNodeMode", "`auto` (default): the configured `node`, else the one connected node that offers browser control; `manual`: only the configured `node`; `off`: never use a node.", [
      "auto",
      "manual",
      "off",
    ]),
  ),
  node: Opt(Str("Node id, display name, address or id prefix (6+ characters) of the node to use.")),
});

export const GatewayNodeSettings = Obj("GatewayNodeSettings", "How the gateway uses connected nodes.", {
  browser: Opt(BrowserNodeSettings),
});

export const GatewaySettings = Obj("GatewaySettings", "The listener and its policies.", {
  port: Opt(Int(`TCP port (default ${PORT}).`, { minimum: 1, maximum: 65535 })),
  bind: Opt(
    Enum(
      "BindMode",
      "`loopback` (default), `lan` (all interfaces), `tailnet` (this host's Tailscale 100.x address; an error when there is none), `auto` (the Tailscale address when there is one, else loopback) or `custom` (with `host`).",
      ["loopback", "lan", "tailnet", "auto", "custom"],
    ),
  ),
  host: Opt(Str("Address to bind with `bind: custom`.")),
  auth: Opt(AuthSettings),
  allowedOrigins: Opt(List(Str("An origin, such as `http://localhost:5173`."), "Browser origins allowed to open a WebSocket. Others get HTTP 403.")),
  allowedHosts: Opt(
    List(
      Str("A host name, optionally with `:port`, such as `mybox.local` or `mybox.local:18789`.", { maxLength: 255 }),
      "`Host` header values that count as local besides `localhost`, `127.x.x.x` and `[::1]` (DNS-rebinding defence: a loopback client whose `Host` is any other name is not local).",
    ),
  ),
  tickIntervalMs: Opt(Int(`Interval of \`tick\` events (default ${LIMITS.tickIntervalMs}).`, { minimum: 1000 })),
  healthIntervalMs: Opt(Int(`Interval of \`health\` events (default ${LIMITS.healthIntervalMs}).`, { minimum: 1000 })),
  limits: Opt(GatewayLimits),
  trustedProxies: Opt(List(Str("An address."), "Peers whose forwarded headers are believed.")),
  tls: Opt(SecureTransportSettings),
  metrics: Opt(MetricsSettings),
  logRequests: Opt(Bool("Log every request with its method, caller, outcome and duration at `info` (default false).")),
  reload: Opt(ReloadSettings),
  http: Opt(GatewayEndpointSettings),
  nodes: Opt(GatewayNodeSettings),
});

const LoggingLevel = Enum("LoggingLevel", "A log level, from `silent` (nothing) to `trace` (everything).", ["silent", "fatal", "error", "warn", "info", "debug", "trace"]);

export const LoggingSettings = Obj(
  "LoggingSettings",
  "The gateway log: a JSONL file under `<state>/logs/` (`level`, default `info`) and lines on the terminal (`consoleLevel`, default the `--log-level` flag).",
  {
    level: Opt(LoggingLevel),
    consoleLevel: Opt(LoggingLevel),
    consoleStyle: Opt(Enum("LogConsoleStyle", "`pretty` (default on a terminal), `compact` (one plain line) or `json`.", ["pretty", "compact", "json"])),
    maxFileBytes: Opt(Int("Rotate the log file when it reaches this size (default 10485760).", { minimum: 4096 })),
    maxFiles: Opt(Int("Rotated files kept besides the current one (default 5); the total stays below `(maxFiles + 1) × maxFileBytes`.", { minimum: 1, maximum: 100 })),
    redactSensitive: Opt(Enum("LogRedactMode", "`tools` (default) also redacts secrets inside tool output; `off` redacts only known credentials.", ["off", "tools"])),
    redactPatterns: Opt(List(Str("A regular expression.", { maxLength: 512 }), "Extra patterns whose matches are redacted.")),
  },
);

export const SessionSettings = Obj("SessionSettings", "How messages map to sessions.", {
  dmScope: Opt(
    Enum("SessionDmScope", "`main` (default): every direct message shares the agent's main session; `per-peer`: one session per sender; `per-channel-peer`: one per sender and channel.", [
      "main",
      "per-peer",
      "per-channel-peer",
    ]),
  ),
});

const UsdPerMillion = (what: string) => Type.Number({ minimum: 0, description: `USD per million ${what} tokens.` });

export const ModelCost = Obj("ModelCost", "What a model's tokens cost (as v3's `models.providers.*.models[].cost`); `usage.cost` and `sessions.usage` price recorded usage with it.", {
  input: UsdPerMillion("input"),
  output: UsdPerMillion("output"),
  cacheRead: Opt(UsdPerMillion("cache-read")),
  cacheWrite: Opt(UsdPerMillion("cache-write")),
});

export const ModelDefinition = Obj("ModelDefinition", "A model a provider serves.", {
  id: Str("Model id as the provider knows it, such as `gpt-4o-mini` or `llama3.2`."),
  name: Opt(Str("Display name.")),
  contextWindow: Opt(Int("Context window in tokens.", { minimum: 1 })),
  reasoning: Opt(Bool("True for reasoning models.")),
  cost: Opt(ModelCost),
});

export const ModelProvider = Obj("ModelProvider", "A model backend. `openai-chat`: any OpenAI-compatible Chat Completions server; `command`: a local program whose stdout is the reply.", {
  api: Opt(Enum("ModelProviderKind", "Backend kind (default `openai-chat`).", ["openai-chat", "command"])),
  baseUrl: Opt(Str("Base URL of the API, such as `https://api.openai.com/v1` or `http://127.0.0.1:11434/v1` (openai-chat).")),
  apiKey: Opt(Str("API key (openai-chat). Prefer `apiKeyEnv`.", { maxLength: 4096 })),
  apiKeyEnv: Opt(Str("Environment variable holding the API key (openai-chat).")),
  headers: Opt(Dict(Str("Header value."), "Extra request headers (openai-chat).")),
  command: Opt(Str("Program to run (command).")),
  args: Opt(List(Str("An argument."), "Arguments; `{prompt}` is replaced by the prompt when `input` is `argument` (command).")),
  input: Opt(Enum("CommandInput", "How the prompt reaches the program (default `stdin`).", ["stdin", "argument"])),
  timeoutMs: Opt(Int("Give up on a request after this long without progress (default 120000).", { minimum: 100 })),
  maxRetries: Opt(Int("Retries on 429 and 5xx before any output (default 2).", { maximum: 10 })),
  models: Opt(List(ModelDefinition, "Models served; the first is the provider's default.")),
});

export const ModelsSettings = Obj("ModelsSettings", "Model providers.", {
  providers: Opt(Dict(ModelProvider, "Providers by id; agents name a model as `<provider>/<model>`.")),
});

export const HeartbeatConfig = Obj(
  "HeartbeatConfig",
  "An agent's periodic heartbeat: an agent turn on its main session with `prompt`. A reply that is only `HEARTBEAT_OK` (or empty) is dropped from the transcript.",
  {
    every: Opt(Str("Interval such as `30m`, `1h` or `90s` (a bare number is minutes; default `30m`); `0` turns the heartbeat off.", { maxLength: 32 })),
    prompt: Opt(Str("Prompt of each heartbeat turn (default: v3's prompt, which asks for `HEARTBEAT_OK` when nothing needs attention).", { maxLength: 8192 })),
    ackMaxChars: Opt(Int("A reply of `HEARTBEAT_OK` plus at most this many characters counts as a plain acknowledgement (default 300).", { maximum: 100000 })),
    model: Opt(Str("Model of heartbeat turns as `<provider>/<model>` (default: the agent's).")),
    target: Opt(
      Str(
        "Where a reply that is not a plain acknowledgement goes (v3): `none` (the default: nowhere, the event says `skipped`), `last` (the channel and peer the agent's main session last heard from), or a channel id such as `irc` (with `to`).",
        { maxLength: 64 },
      ),
    ),
    to: Opt(Str("Recipient on the target channel (a nick, `#channel` …); with `last`, overrides the last peer.", { maxLength: 512 })),
    accountId: Opt(Str("Channel account to send from (default: the last route's, else the channel's default).", { maxLength: 64 })),
  },
);

export const AgentConfigEntry = Obj("AgentConfigEntry", "An agent defined in the config file (agents created with `agents.create` live in the state directory).", {
  id: Str("Agent id.", { maxLength: 64, pattern: "^[a-z0-9][a-z0-9_-]*$" }),
  name: Opt(Str("Display name.")),
  emoji: Opt(Str("Emoji.")),
  workspace: Opt(Str("Workspace directory.")),
  model: Opt(Str("Model as `<provider>/<model>`.")),
  heartbeat: Opt(HeartbeatConfig),
});

export const AgentsSettings = Obj("AgentsSettings", "Agents and their defaults.", {
  defaultId: Opt(Str("Agent used when a request names none (default `main`).")),
  model: Opt(Str("Default model as `<provider>/<model>`; the first configured provider's first model when absent.")),
  queueMax: Opt(Int("Most messages waiting per session while one runs (default 16).", { minimum: 0, maximum: 1000 })),
  runTimeoutMs: Opt(Int("Default limit of one agent run (default 600000).", { minimum: 1000 })),
  heartbeat: Opt(
    Described(
      HeartbeatConfig,
      "Heartbeat defaults (v3's `agents.defaults.heartbeat`). Without any `list[].heartbeat` only the default agent has a heartbeat; with some, exactly the agents that have one (merged over these defaults).",
    ),
  ),
  list: Opt(List(AgentConfigEntry, "Agents defined in the config.")),
});

export const GatewayConfig = Obj("GatewayConfig", "The gateway config file.", {
  talk: Opt(TalkModeSettings),
  messages: Opt(MessagesSettings),
  ui: Opt(AppearanceSettings),
  gateway: Opt(GatewaySettings),
  logging: Opt(LoggingSettings),
  session: Opt(SessionSettings),
  models: Opt(ModelsSettings),
  agents: Opt(AgentsSettings),
  skills: Opt(SkillsSettings),
  wizard: Opt(WizardRunRecord),
  channels: Opt(ChannelsConfig),
});

/**
 * How each config path takes effect when the file changes, declared ONCE here
 * (emitted into `generated/config.schema.json` as `x-reload`). The longest
 * matching prefix wins (`*` matches one segment); paths no rule matches need a restart.
 * - `hot`: applied in place by the named actions.
 * - `none`: read where it is used, nothing to do.
 * - `restart`: the gateway restarts in-process (sockets close with 1012, clients reconnect).
 */
export const CONFIG_RELOAD_RULES: readonly { prefix: string; kind: "hot" | "none" | "restart"; actions?: readonly string[] }[] = [
  { prefix: "gateway.reload", kind: "none" },
  { prefix: "gateway.port", kind: "restart" },
  { prefix: "gateway.bind", kind: "restart" },
  { prefix: "gateway.host", kind: "restart" },
  { prefix: "gateway.auth", kind: "restart" },
  { prefix: "gateway.limits", kind: "restart" },
  { prefix: "gateway.tickIntervalMs", kind: "hot", actions: ["restart-timers"] },
  { prefix: "gateway.healthIntervalMs", kind: "hot", actions: ["restart-timers"] },
  { prefix: "gateway.allowedOrigins", kind: "hot", actions: ["update-settings"] },
  { prefix: "gateway.allowedHosts", kind: "hot", actions: ["update-settings"] },
  { prefix: "gateway.trustedProxies", kind: "hot", actions: ["update-settings"] },
  { prefix: "gateway.logRequests", kind: "hot", actions: ["update-settings"] },
  { prefix: "logging", kind: "hot", actions: ["reconfigure-logging"] },
  { prefix: "session", kind: "none" },
  { prefix: "gateway.nodes", kind: "none" },
  { prefix: "talk", kind: "none" },
  { prefix: "messages.tts", kind: "none" },
  { prefix: "ui", kind: "none" },
  // Families other helpers add later: safe to change in place.
  // Channels: policy is read per message (nothing to restart); other changes restart only the affected accounts.
  { prefix: "channels", kind: "hot", actions: ["restart-channel-accounts"] },
  { prefix: "channels.*.allowFrom", kind: "hot", actions: ["reload-channel-policy"] },
  { prefix: "channels.*.dmPolicy", kind: "hot", actions: ["reload-channel-policy"] },
  { prefix: "channels.*.groupPolicy", kind: "hot", actions: ["reload-channel-policy"] },
  { prefix: "channels.*.groups", kind: "hot", actions: ["reload-channel-policy"] },
  { prefix: "channels.*.groupAllowFrom", kind: "hot", actions: ["reload-channel-policy"] },
  { prefix: "channels.*.requireMention", kind: "hot", actions: ["reload-channel-policy"] },
  { prefix: "channels.*.agentId", kind: "hot", actions: ["reload-channel-policy"] },
  { prefix: "channels.*.textChunkLimit", kind: "hot", actions: ["reload-channel-policy"] },
  { prefix: "channels.*.maxInboundChars", kind: "hot", actions: ["reload-channel-policy"] },
  { prefix: "channels.*.rateLimit", kind: "hot", actions: ["reload-channel-policy"] },
  { prefix: "channels.*.name", kind: "hot", actions: ["reload-channel-policy"] },
  { prefix: "channels.*.accounts.*.allowFrom", kind: "hot", actions: ["reload-channel-policy"] },
  { prefix: "channels.*.accounts.*.dmPolicy", kind: "hot", actions: ["reload-channel-policy"] },
  { prefix: "channels.*.accounts.*.groupPolicy", kind: "hot", actions: ["reload-channel-policy"] },
  { prefix: "channels.*.accounts.*.groups", kind: "hot", actions: ["reload-channel-policy"] },
  { prefix: "channels.*.accounts.*.groupAllowFrom", kind: "hot", actions: ["reload-channel-policy"] },
  { prefix: "channels.*.accounts.*.requireMention", kind: "hot", actions: ["reload-channel-policy"] },
  { prefix: "channels.*.accounts.*.agentId", kind: "hot", actions: ["reload-channel-policy"] },
  { prefix: "channels.*.accounts.*.textChunkLimit", kind: "hot", actions: ["reload-channel-policy"] },
  { prefix: "channels.*.accounts.*.maxInboundChars", kind: "hot", actions: ["reload-channel-policy"] },
  { prefix: "channels.*.accounts.*.rateLimit", kind: "hot", actions: ["reload-channel-policy"] },
  { prefix: "channels.*.accounts.*.name", kind: "hot", actions: ["reload-channel-policy"] },
  { prefix: "skills", kind: "hot", actions: ["reload-skills"] },
  { prefix: "wizard", kind: "none" },
  // Read on every agent run (runtime/agents/service.ts): a new provider or default model needs no restart.
  { prefix: "models", kind: "none" },
  { prefix: "agents.model", kind: "none" },
  { prefix: "tools.allow", kind: "none" },
  { prefix: "tools.deny", kind: "none" },
  { prefix: "agents.*.model", kind: "none" },
  { prefix: "agents.heartbeat", kind: "none" },
  { prefix: "agents.defaults.model", kind: "none" },
  { prefix: "cron", kind: "hot", actions: ["restart-cron"] },
  { prefix: "sandbox", kind: "restart" },
  { prefix: "agents.*.sandbox", kind: "restart" },
];

/** Editor hints by dotted config path (emitted as `x-ui-hints`, served by `config.schema`). */
export const CONFIG_UI_HINTS: Readonly<
  Record<string, { label?: string; help?: string; group?: string; order?: number; advanced?: boolean; sensitive?: boolean; placeholder?: string; tags?: readonly string[] }>
> = {
  gateway: { label: "Gateway", group: "Gateway", order: 30 },
  "gateway.port": { label: "Gateway Port", tags: ["network"], placeholder: "18789" },
  "gateway.bind": { label: "Gateway Bind Mode", tags: ["network"] },
  "gateway.host": { label: "Gateway Custom Bind Host", tags: ["network"] },
  "gateway.auth": { label: "Gateway Auth", tags: ["network"] },
  "gateway.auth.mode": { label: "Gateway Auth Mode", tags: ["network"] },
  "gateway.auth.token": { label: "Gateway Token", sensitive: true, tags: ["security"] },
  "gateway.auth.password": { label: "Gateway Password", sensitive: true, tags: ["security"] },
  "gateway.allowedOrigins": { label: "Allowed Browser Origins", tags: ["security"] },
  "gateway.trustedProxies": { label: "Gateway Trusted Proxies", tags: ["network"], advanced: true },
  "gateway.limits": { label: "Limits", advanced: true },
  "gateway.reload": { label: "Config Reload", advanced: true },
  "gateway.reload.mode": { label: "Config Reload Mode" },
  "gateway.reload.debounceMs": { label: "Config Reload Debounce (ms)", advanced: true },
  logging: { label: "Logging", group: "Logging", order: 900 },
  "logging.level": { label: "Log File Level" },
  "logging.consoleLevel": { label: "Console Log Level" },
  "logging.consoleStyle": { label: "Console Log Style" },
  "logging.maxFileBytes": { label: "Log File Max Bytes", advanced: true },
  "logging.maxFiles": { label: "Rotated Log Files Kept", advanced: true },
  "logging.redactSensitive": { label: "Redact Sensitive Values" },
  "logging.redactPatterns": { label: "Extra Redaction Patterns", advanced: true },
  session: { label: "Session", group: "Session", order: 60 },
  "session.dmScope": { label: "DM Session Scope" },
  skills: { label: "Skills", group: "Skills", order: 200, advanced: true },
  "skills.entries.*.apiKey": { sensitive: true, tags: ["security", "auth"] },
  wizard: { label: "Setup Wizard State", group: "Wizard", order: 20, advanced: true },
  talk: { label: "Talk Mode", group: "Talk", order: 80 },
  "talk.apiKey": { label: "Talk API Key", sensitive: true, tags: ["security"] },
  "messages.tts": { label: "Text to Speech", group: "Messages", order: 70 },
  "messages.tts.openai.apiKey": { label: "OpenAI Speech API Key", sensitive: true, tags: ["security"] },
  "messages.tts.elevenlabs.apiKey": { label: "ElevenLabs API Key", sensitive: true, tags: ["security"] },
  ui: { label: "Appearance", group: "UI", order: 950 },
  channels: { label: "Channels", group: "Channels", order: 70 },
  "channels.irc": { label: "IRC" },
  "channels.irc.password": { label: "IRC Server Password", sensitive: true, tags: ["security"] },
  "channels.irc.saslPassword": { label: "IRC SASL Password", sensitive: true, tags: ["security"] },
  "channels.irc.accounts.*.password": { label: "IRC Server Password", sensitive: true, tags: ["security"] },
  "channels.irc.accounts.*.saslPassword": { label: "IRC SASL Password", sensitive: true, tags: ["security"] },
  "channels.webchat": { label: "Webchat" },
};
