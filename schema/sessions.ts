/** `sessions.*`: conversation sessions of agents (shapes as v3 clients send and read them). */
import { Bool, Enum, Int, Json, List, Nullable, Obj, Open, Opt, Shape, Str, Text } from "./primitives.js";

const SessionKey = Str("Session key, such as `agent:main:main`.", { maxLength: 512 });
const Label = Str("Human label (at most 64 characters).", { maxLength: 64 });
const Setting = (description: string) => Opt(Nullable(Str(description, { maxLength: 256 })));

export const SessionsListParams = Obj("SessionsListParams", "Parameters of `sessions.list`.", {
  limit: Opt(Int("Most sessions to return.", { minimum: 1 })),
  activeMinutes: Opt(Int("Only sessions active within this many minutes.", { minimum: 1 })),
  includeGlobal: Opt(Bool("Include the `global` session.")),
  includeUnknown: Opt(Bool("Include the `unknown` session.")),
  includeDerivedTitles: Opt(Bool("Read transcripts for a title derived from the first user message.")),
  includeLastMessage: Opt(Bool("Read transcripts for a preview of the last message.")),
  label: Opt(Label),
  spawnedBy: Opt(Str("Only sessions spawned by this session key.")),
  agentId: Opt(Str("Only sessions of this agent.")),
  search: Opt(Text("Only sessions whose key, label, display name or session id contains this text.")),
});

export const SessionKind = Enum("SessionKind", "What a session is for.", ["direct", "group", "global", "unknown"]);
export const SessionChatType = Enum("SessionChatType", "Kind of chat the session belongs to (v3 gateways also say `direct` for a DM).", ["dm", "direct", "group", "thread"]);
export const SessionSendPolicy = Enum("SessionSendPolicy", "Whether the session may send messages.", ["allow", "deny", "prompt"]);

export const SessionSummary = Obj("SessionSummary", "One session in a listing.", {
  key: SessionKey,
  kind: SessionKind,
  agentId: Opt(Str("Owning agent.")),
  label: Opt(Str("Human label.")),
  displayName: Opt(Text("Display name (label, group subject …).")),
  derivedTitle: Opt(Text("Title derived from the first user message (with `includeDerivedTitles`).")),
  lastMessagePreview: Opt(Text("The last message, shortened (with `includeLastMessage`).")),
  channel: Opt(Str("Channel the session belongs to.")),
  chatType: Opt(SessionChatType),
  updatedAt: Nullable(Int("Last activity (ms since epoch).")),
  sessionId: Opt(Str("Id of the current transcript.")),
  thinkingLevel: Opt(Str("Thinking level override.")),
  verboseLevel: Opt(Str("Verbosity override.")),
  reasoningLevel: Opt(Str("Reasoning visibility override.")),
  elevatedLevel: Opt(Str("Elevated-permission override.")),
  sendPolicy: Opt(SessionSendPolicy),
  spawnedBy: Opt(Str("Session key that spawned this one.")),
  inputTokens: Opt(Int("Input tokens used.")),
  outputTokens: Opt(Int("Output tokens used.")),
  totalTokens: Opt(Int("Tokens used so far.")),
  responseUsage: Opt(Str("Usage footer mode.")),
  modelProvider: Opt(Str("Provider of the effective model.")),
  model: Opt(Str("Effective model.")),
  deliveryContext: Opt(Json("Where replies go: `{channel, to, accountId?, threadId?}` of the last inbound message (v3).")),
  lastChannel: Opt(Str("Channel of the last inbound message (v3).")),
  lastTo: Opt(Str("Peer or group of the last inbound message, where `last` delivery goes (v3).")),
  lastAccountId: Opt(Str("Channel account of the last inbound message (v3).")),
});

export const SessionListDefaults = Obj("SessionListDefaults", "Defaults that apply where a session has no override.", {
  modelProvider: Opt(Str("Default provider.")),
  model: Opt(Str("Default model.")),
  contextTokens: Opt(Int("Default context window.")),
});

export const SessionsListResult = Obj("SessionsListResult", "Result of `sessions.list`.", {
  ts: Int("When the listing was taken (ms since epoch)."),
  path: Str("Store file, or `(multiple)` when sessions of several agents are listed."),
  count: Int("Number of sessions returned."),
  defaults: SessionListDefaults,
  sessions: List(SessionSummary, "Sessions, most recently active first."),
});

export const SessionsPreviewParams = Obj("SessionsPreviewParams", "Parameters of `sessions.preview`.", {
  keys: List(SessionKey, "Sessions to preview (the first 64 are used).", { minItems: 1 }),
  limit: Opt(Int("Most messages per session (default 12).", { minimum: 1 })),
  maxChars: Opt(Int("Most characters per message (default 240).", { minimum: 20 })),
});

export const SessionPreviewItem = Obj("SessionPreviewItem", "One message in a preview.", {
  role: Str("Who wrote it: `user`, `assistant`, `system` or `tool`."),
  text: Text("Message text, possibly shortened."),
});

export const SessionPreview = Obj("SessionPreview", "Recent messages of one session.", {
  key: SessionKey,
  status: Enum("SessionPreviewStatus", "`ok`, `empty` (no messages yet), `missing` (no such session) or `error`.", ["ok", "empty", "missing", "error"]),
  items: List(SessionPreviewItem, "Recent messages, oldest first."),
});

export const SessionsPreviewResult = Obj("SessionsPreviewResult", "Result of `sessions.preview`.", {
  ts: Int("When the preview was taken (ms since epoch)."),
  previews: List(SessionPreview, "One preview per requested key, in request order."),
});

export const SessionsPatchParams = Obj("SessionsPatchParams", "Parameters of `sessions.patch`: absent fields stay, `null` clears a setting. Creates the session when it does not exist.", {
  key: SessionKey,
  label: Opt(Nullable(Label)),
  thinkingLevel: Setting("Thinking level: `off`, `minimal`, `low`, `medium`, `high` or `xhigh`."),
  verboseLevel: Setting("Verbosity: `off`, `on` or `full`."),
  reasoningLevel: Setting("Reasoning visibility: `off`, `on` or `stream`."),
  responseUsage: Opt(Nullable(Enum("SessionResponseUsage", "Usage footer on replies.", ["off", "tokens", "full", "on"]))),
  elevatedLevel: Setting("Elevated permissions: `off`, `on`, `ask` or `full`."),
  execHost: Setting("Where commands run: `sandbox`, `gateway` or `node`."),
  execSecurity: Setting("Command policy: `deny`, `allowlist` or `full`."),
  execAsk: Setting("When to ask before running a command: `off`, `on-miss` or `always`."),
  execNode: Setting("Node that runs commands when `execHost` is `node`."),
  model: Setting("Model override: `model` or `provider/model`."),
  spawnedBy: Setting("Session key that spawned this one (set once)."),
  spawnDepth: Opt(Nullable(Int("How deep in a chain of sub-agents the session is."))),
  sendPolicy: Opt(Nullable(SessionSendPolicy)),
  groupActivation: Opt(Nullable(Enum("SessionGroupActivation", "When the agent answers in a group.", ["mention", "always"]))),
});

export const SessionEntry = Open("SessionEntry", "A session's stored settings. Open: v3 gateways store and send more members (sessionFile, skillsSnapshot, …), which clients keep as they are.", {
  sessionId: Str("Id of the current transcript."),
  updatedAt: Int("Last change (ms since epoch)."),
  createdAt: Opt(Int("When the session was created (ms since epoch).")),
  label: Opt(Str("Human label.")),
  displayName: Opt(Text("Display name.")),
  thinkingLevel: Opt(Str("Thinking level override.")),
  verboseLevel: Opt(Str("Verbosity override.")),
  reasoningLevel: Opt(Str("Reasoning visibility override.")),
  responseUsage: Opt(Str("Usage footer mode.")),
  elevatedLevel: Opt(Str("Elevated-permission override.")),
  execHost: Opt(Str("Where commands run.")),
  execSecurity: Opt(Str("Command policy.")),
  execAsk: Opt(Str("When to ask before running a command.")),
  execNode: Opt(Str("Node that runs commands.")),
  modelOverride: Opt(Str("Model override.")),
  providerOverride: Opt(Str("Provider override.")),
  sendPolicy: Opt(SessionSendPolicy),
  groupActivation: Opt(Str("When the agent answers in a group.")),
  channel: Opt(Str("Channel the session belongs to.")),
  chatType: Opt(SessionChatType),
  spawnedBy: Opt(Str("Session key that spawned this one.")),
  spawnDepth: Opt(Int("Depth in a chain of sub-agents.")),
  inputTokens: Opt(Int("Input tokens used.")),
  outputTokens: Opt(Int("Output tokens used.")),
  totalTokens: Opt(Int("Tokens used so far.")),
  systemSent: Opt(Bool("Whether the system prompt was sent (v3).")),
  abortedLastRun: Opt(Bool("Whether the last run was aborted (v3).")),
  lastChannel: Opt(Str("Channel of the last message (v3).")),
  deliveryContext: Opt(Json("Where replies are delivered (v3; shape owned by channels).")),
  origin: Opt(Json("Where the session came from (v3; shape owned by channels).")),
});

export const SessionsPatchResult = Obj("SessionsPatchResult", "Result of `sessions.patch`.", {
  ok: Bool("Always true on success."),
  path: Str("Store file."),
  key: SessionKey,
  entry: SessionEntry,
  resolved: Opt(
    Shape("The model the session uses now.", {
      modelProvider: Opt(Str("Provider.")),
      model: Opt(Str("Model.")),
    }),
  ),
});

export const SessionsResetParams = Obj("SessionsResetParams", "Parameters of `sessions.reset`.", {
  key: SessionKey,
  reason: Opt(Enum("SessionResetReason", "Why the session is reset.", ["new", "reset"])),
});

export const SessionsResetResult = Obj("SessionsResetResult", "Result of `sessions.reset`.", {
  ok: Bool("Always true on success."),
  key: SessionKey,
  entry: SessionEntry,
});

export const SessionsDeleteParams = Obj("SessionsDeleteParams", "Parameters of `sessions.delete`.", {
  key: SessionKey,
  deleteTranscript: Opt(Bool("Archive the transcript too (default true); it is renamed, never erased.")),
  emitLifecycleHooks: Opt(Bool("Run session lifecycle hooks (default true).")),
});

export const SessionsDeleteResult = Obj("SessionsDeleteResult", "Result of `sessions.delete`.", {
  ok: Bool("Always true on success."),
  key: SessionKey,
  deleted: Bool("False when there was no such session."),
  archived: List(Text("Path of an archived transcript."), "Transcripts moved aside."),
});

export const SessionsCompactParams = Obj("SessionsCompactParams", "Parameters of `sessions.compact`.", {
  key: SessionKey,
  maxLines: Opt(Int("Keep at most this many transcript lines (default 400).", { minimum: 1 })),
});

export const SessionsCompactResult = Obj("SessionsCompactResult", "Result of `sessions.compact`.", {
  ok: Bool("Always true on success."),
  key: SessionKey,
  compacted: Bool("False when nothing needed compacting."),
  kept: Opt(Int("Lines kept.")),
  archived: Opt(Text("Path of the archived full transcript.")),
  reason: Opt(Text("Why nothing was compacted: `no sessionId` or `no transcript`.")),
});

export const ChatMessage = Obj("ChatMessage", "One message of a session transcript.", {
  role: Str("Who wrote it: `user`, `assistant`, `system` or `tool`."),
  content: Json("Message content: a string or a list of content blocks."),
  ts: Opt(Int("When it was written (ms since epoch).")),
});

export const SessionsResolveParams = Obj("SessionsResolveParams", "Parameters of `sessions.resolve`: find a session key by key, id or label.", {
  key: Opt(Str("Session key (may be a legacy or partial key).")),
  sessionId: Opt(Str("Transcript id.")),
  label: Opt(Str("Label.", { maxLength: 64 })),
  agentId: Opt(Str("Agent to search.")),
  spawnedBy: Opt(Str("Only sessions spawned by this session key.")),
  includeGlobal: Opt(Bool("Consider the global session.")),
  includeUnknown: Opt(Bool("Consider sessions whose key does not parse.")),
});

export const SessionsResolveResult = Obj("SessionsResolveResult", "Result of `sessions.resolve`.", {
  ok: Bool("Always true on success."),
  key: SessionKey,
});
