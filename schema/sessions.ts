/** `sessions.*`: conversation sessions of agents. */
import { Bool, Dict, Enum, Int, Json, List, Nullable, Obj, Open, Opt, Str, Text } from "./primitives.js";

const SessionKey = Str("Session key, such as `agent:main:main`.", { maxLength: 512 });

export const SessionsListParams = Obj("SessionsListParams", "Parameters of `sessions.list`.", {
  limit: Opt(Int("Most sessions to return.", { minimum: 1 })),
  activeMinutes: Opt(Int("Only sessions active within this many minutes.", { minimum: 1 })),
  includeGlobal: Opt(Bool("Include the global session.")),
  includeUnknown: Opt(Bool("Include sessions whose key does not parse (the v3 Control UI always sends this).")),
  includeDerivedTitles: Opt(Bool("Add `derivedTitle` (from the first user message) to each session.")),
  includeLastMessage: Opt(Bool("Add `lastMessagePreview` to each session.")),
  label: Opt(Str("Only sessions with this label.", { maxLength: 64 })),
  spawnedBy: Opt(Str("Only sessions spawned by this session key.")),
  agentId: Opt(Str("Only sessions of this agent.")),
  search: Opt(Text("Only sessions whose key, label, title or id contains this text.")),
});

export const SessionSummary = Obj("SessionSummary", "One session in a listing (v3 `sessions.list` row).", {
  key: SessionKey,
  kind: Str("`direct`, `group`, `global` or `unknown`."),
  label: Opt(Str("Human label.")),
  displayName: Opt(Text("Display name (group subject, label or origin).")),
  channel: Opt(Str("Channel of a group session.")),
  subject: Opt(Text("Group subject.")),
  groupChannel: Opt(Text("Group channel name.")),
  space: Opt(Text("Group space.")),
  chatType: Opt(Str("`direct` or `group`.")),
  origin: Opt(Dict(Json("Origin data."), "Where the session came from (provider, surface, chatType, …).")),
  updatedAt: Nullable(Int("Last activity (ms since epoch), or null.")),
  sessionId: Opt(Str("Id of the current transcript.")),
  systemSent: Opt(Bool("Whether the system prompt was sent.")),
  abortedLastRun: Opt(Bool("Whether the last run was aborted.")),
  thinkingLevel: Opt(Str("Thinking level override.")),
  verboseLevel: Opt(Str("Verbosity override.")),
  reasoningLevel: Opt(Str("Reasoning level override.")),
  elevatedLevel: Opt(Str("Elevated level override.")),
  sendPolicy: Opt(Str("Send policy.")),
  inputTokens: Opt(Int("Input tokens of the last run.")),
  outputTokens: Opt(Int("Output tokens of the last run.")),
  totalTokens: Opt(Int("Tokens in the context.")),
  totalTokensFresh: Opt(Bool("False when `totalTokens` is from an older run.")),
  responseUsage: Opt(Str("Usage footer mode.")),
  modelProvider: Opt(Str("Provider of the model in use.")),
  model: Opt(Str("Model in use.")),
  contextTokens: Opt(Int("Context window override in tokens.")),
  deliveryContext: Opt(Dict(Json("Delivery data."), "Where replies are delivered (channel, to, accountId, threadId).")),
  lastChannel: Opt(Str("Channel of the last inbound message.")),
  lastTo: Opt(Text("Recipient of the last reply.")),
  lastAccountId: Opt(Str("Account of the last inbound message.")),
  derivedTitle: Opt(Text("Title derived from the first user message (`includeDerivedTitles`).")),
  lastMessagePreview: Opt(Text("Preview of the last message (`includeLastMessage`).")),
  agentId: Opt(Str("Owning agent (tidegate addition).")),
});

export const SessionsListDefaults = Obj("SessionsListDefaults", "Model defaults that sessions fall back to.", {
  modelProvider: Nullable(Str("Default provider.")),
  model: Nullable(Str("Default model.")),
  contextTokens: Nullable(Int("Default context window in tokens.")),
});

export const SessionsListResult = Obj("SessionsListResult", "Result of `sessions.list`.", {
  ts: Int("When the listing was taken (ms since epoch)."),
  path: Str("Session store file, or `(multiple)` when several agents' stores were combined."),
  count: Int("Number of sessions returned."),
  defaults: SessionsListDefaults,
  sessions: List(SessionSummary, "Sessions, most recently active first."),
});

export const SessionsPreviewParams = Obj("SessionsPreviewParams", "Parameters of `sessions.preview`.", {
  keys: List(SessionKey, "Sessions to preview (the first 64 are used; none gives an empty answer)."),
  limit: Opt(Int("Most messages per session.", { minimum: 1 })),
  maxChars: Opt(Int("Most characters per message.", { minimum: 20 })),
});

export const SessionPreviewItem = Obj("SessionPreviewItem", "One message in a preview.", {
  role: Str("Who wrote it: `user`, `assistant` or `tool`."),
  text: Text("Message text, possibly shortened."),
});

export const SessionPreview = Obj("SessionPreview", "Recent messages of one session.", {
  key: SessionKey,
  status: Enum("SessionPreviewStatus", "Whether the session could be read.", ["ok", "empty", "missing", "error"]),
  items: List(SessionPreviewItem, "Recent messages, oldest first."),
});

export const SessionsPreviewResult = Obj("SessionsPreviewResult", "Result of `sessions.preview`.", {
  ts: Int("When the preview was taken (ms since epoch)."),
  previews: List(SessionPreview, "One preview per requested key, in request order."),
});

export const SessionsPatchParams = Obj("SessionsPatchParams", "Parameters of `sessions.patch`. `null` clears a setting.", {
  key: SessionKey,
  label: Opt(Nullable(Str("Human label.", { maxLength: 64 }))),
  thinkingLevel: Opt(Nullable(Str("Thinking level override."))),
  verboseLevel: Opt(Nullable(Str("Verbosity override."))),
  reasoningLevel: Opt(Nullable(Str("Reasoning level override."))),
  responseUsage: Opt(Nullable(Enum("SessionResponseUsage", "Usage footer on replies.", ["off", "tokens", "full", "on"]))),
  elevatedLevel: Opt(Nullable(Str("Elevated level override."))),
  execHost: Opt(Nullable(Str("Where exec runs for this session."))),
  execSecurity: Opt(Nullable(Str("Exec security override."))),
  execAsk: Opt(Nullable(Str("Exec ask override."))),
  execNode: Opt(Nullable(Str("Node exec runs on."))),
  model: Opt(Nullable(Str("Model override."))),
  spawnedBy: Opt(Nullable(Str("Session that spawned this one."))),
  spawnDepth: Opt(Nullable(Int("Spawn depth."))),
  sendPolicy: Opt(Nullable(Enum("SessionSendPolicy", "Whether the session may send messages.", ["allow", "deny"]))),
  groupActivation: Opt(Nullable(Enum("SessionGroupActivation", "When the agent answers in a group.", ["mention", "always"]))),
});

export const SessionEntry = Open("SessionEntry", "A session's stored settings (open in v3: stores keep more members than listed here).", {
  sessionId: Str("Id of the current transcript."),
  updatedAt: Int("Last change (ms since epoch)."),
  key: Opt(SessionKey),
  label: Opt(Str("Human label.")),
  model: Opt(Str("Model override.")),
  modelProvider: Opt(Str("Provider override.")),
  thinkingLevel: Opt(Str("Thinking level override.")),
  verboseLevel: Opt(Str("Verbosity override.")),
  reasoningLevel: Opt(Str("Reasoning level override.")),
  sendPolicy: Opt(Str("Send policy.")),
  systemSent: Opt(Bool("Whether the system prompt was sent.")),
  abortedLastRun: Opt(Bool("Whether the last run was aborted.")),
  chatType: Opt(Str("`direct` or `group`.")),
  lastChannel: Opt(Str("Channel of the last inbound message.")),
  origin: Opt(Dict(Json("Origin data."), "Where the session came from.")),
  deliveryContext: Opt(Dict(Json("Delivery data."), "Where replies are delivered.")),
});

export const SessionResolvedModel = Obj("SessionResolvedModel", "The model a session resolves to after a patch.", {
  modelProvider: Opt(Str("Provider.")),
  model: Opt(Str("Model.")),
});

export const SessionsPatchResult = Obj("SessionsPatchResult", "Result of `sessions.patch`.", {
  ok: Bool("Always true on success."),
  path: Str("Session store file."),
  key: SessionKey,
  entry: SessionEntry,
  resolved: SessionResolvedModel,
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
  deleteTranscript: Opt(Bool("Also delete the transcript file.")),
  emitLifecycleHooks: Opt(Bool("Run session lifecycle hooks.")),
});

export const SessionsDeleteResult = Obj("SessionsDeleteResult", "Result of `sessions.delete`.", {
  ok: Bool("Always true on success."),
  key: SessionKey,
  deleted: Bool("False when there was no such session."),
  archived: List(Text("A path."), "Transcript files archived by the deletion."),
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

export const SessionsCompactParams = Obj("SessionsCompactParams", "Parameters of `sessions.compact`.", {
  key: SessionKey,
  maxLines: Opt(Int("Keep at most this many transcript lines.", { minimum: 1 })),
});

export const SessionsCompactResult = Obj("SessionsCompactResult", "Result of `sessions.compact`.", {
  ok: Bool("Always true on success."),
  key: SessionKey,
  compacted: Bool("False when nothing needed compacting."),
  kept: Opt(Int("Lines kept.")),
  archived: Opt(Text("Path of the archived transcript.")),
  reason: Opt(Text("Why nothing was compacted, such as `no transcript`.")),
});

export const ChatMessage = Open("ChatMessage", "One message of a session transcript, as stored (open: transcripts carry provider-specific members such as `usage`, `stopReason`, `model`).", {
  role: Str("Who wrote it: `user`, `assistant`, `system`, `toolResult` …"),
  content: Json("Message content: a string or a list of content blocks."),
  timestamp: Opt(Int("When it was written (ms since epoch).")),
  ts: Opt(Int("When it was written (ms since epoch); tidegate addition.")),
});
