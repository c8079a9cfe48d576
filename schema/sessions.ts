/** `sessions.*`: conversation sessions of agents. */
import { Bool, Enum, Int, Json, List, Nullable, Obj, Opt, Str, Text } from "./primitives.js";

const SessionKey = Str("Session key, such as `agent:main:main`.", { maxLength: 512 });

export const SessionsListParams = Obj("SessionsListParams", "Parameters of `sessions.list`.", {
  limit: Opt(Int("Most sessions to return.", { minimum: 1 })),
  activeMinutes: Opt(Int("Only sessions active within this many minutes.", { minimum: 1 })),
  agentId: Opt(Str("Only sessions of this agent.")),
  search: Opt(Text("Only sessions whose key or label contains this text.")),
  includeGlobal: Opt(Bool("Include the global session.")),
});

export const SessionSummary = Obj("SessionSummary", "One session in a listing.", {
  key: SessionKey,
  sessionId: Str("Id of the current transcript."),
  agentId: Opt(Str("Owning agent.")),
  label: Opt(Str("Human label.")),
  updatedAt: Int("Last activity (ms since epoch)."),
  model: Opt(Str("Model override.")),
  totalTokens: Opt(Int("Tokens used so far.")),
});

export const SessionsListResult = Obj("SessionsListResult", "Result of `sessions.list`.", {
  ts: Int("When the listing was taken (ms since epoch)."),
  count: Int("Number of sessions returned."),
  sessions: List(SessionSummary, "Sessions, most recently active first."),
});

export const SessionsPreviewParams = Obj("SessionsPreviewParams", "Parameters of `sessions.preview`.", {
  keys: List(SessionKey, "Sessions to preview.", { minItems: 1, maxItems: 100 }),
  limit: Opt(Int("Most messages per session.", { minimum: 1 })),
  maxChars: Opt(Int("Most characters per message.", { minimum: 20 })),
});

export const SessionPreviewItem = Obj("SessionPreviewItem", "One message in a preview.", {
  role: Str("Who wrote it: `user`, `assistant` or `tool`."),
  text: Text("Message text, possibly shortened."),
});

export const SessionPreview = Obj("SessionPreview", "Recent messages of one session.", {
  key: SessionKey,
  status: Enum("SessionPreviewStatus", "Whether the session could be read.", ["ok", "missing", "error"]),
  items: List(SessionPreviewItem, "Recent messages, oldest first."),
});

export const SessionsPreviewResult = Obj("SessionsPreviewResult", "Result of `sessions.preview`.", {
  ts: Int("When the preview was taken (ms since epoch)."),
  previews: List(SessionPreview, "One preview per requested key, in request order."),
});

export const SessionsPatchParams = Obj("SessionsPatchParams", "Parameters of `sessions.patch`. `null` clears a setting.", {
  key: SessionKey,
  label: Opt(Nullable(Str("Human label.", { maxLength: 64 }))),
  model: Opt(Nullable(Str("Model override."))),
  thinkingLevel: Opt(Nullable(Str("Thinking level override."))),
  verboseLevel: Opt(Nullable(Str("Verbosity override."))),
  sendPolicy: Opt(Nullable(Enum("SessionSendPolicy", "Whether the session may send messages.", ["allow", "deny"]))),
});

export const SessionEntry = Obj("SessionEntry", "A session's stored settings.", {
  key: SessionKey,
  sessionId: Str("Id of the current transcript."),
  updatedAt: Int("Last change (ms since epoch)."),
  label: Opt(Str("Human label.")),
  model: Opt(Str("Model override.")),
  thinkingLevel: Opt(Str("Thinking level override.")),
  verboseLevel: Opt(Str("Verbosity override.")),
  sendPolicy: Opt(Str("Send policy.")),
});

export const SessionsPatchResult = Obj("SessionsPatchResult", "Result of `sessions.patch`.", {
  ok: Bool("Always true on success."),
  key: SessionKey,
  entry: SessionEntry,
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
});

export const SessionsDeleteResult = Obj("SessionsDeleteResult", "Result of `sessions.delete`.", {
  ok: Bool("Always true on success."),
  key: SessionKey,
  deleted: Bool("False when there was no such session."),
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
});

export const ChatMessage = Obj("ChatMessage", "One message of a session transcript.", {
  role: Str("Who wrote it: `user`, `assistant`, `system` or `tool`."),
  content: Json("Message content: a string or a list of content blocks."),
  ts: Opt(Int("When it was written (ms since epoch).")),
});
