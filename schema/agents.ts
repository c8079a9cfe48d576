/** `agents.*`, `agent*`, `chat.*`, `send` and `models.list`: agents and conversations. */
import { Bool, Enum, Int, Json, List, NoParams, Obj, Opt, Str, Text, IdempotencyKey, Nullable } from "./primitives.js";
import { ChatMessage } from "./sessions.js";

const AgentId = Str("Agent id.", { maxLength: 64, pattern: "^[a-z0-9][a-z0-9_-]*$" });
const SessionKey = Str("Session key, such as `agent:main:main`.", { maxLength: 512 });

export const AgentModel = Obj("AgentModel", "Which models an agent uses.", {
  primary: Opt(Str("Primary model.")),
  fallbacks: Opt(List(Str("A model."), "Models tried when the primary fails.")),
});

export const AgentSummary = Obj("AgentSummary", "One configured agent.", {
  id: AgentId,
  name: Opt(Str("Display name.")),
  emoji: Opt(Str("Emoji shown next to the name.")),
  workspace: Opt(Str("Workspace directory.")),
  model: Opt(AgentModel),
});

export const AgentsListParams = NoParams("AgentsListParams");

export const AgentsListResult = Obj("AgentsListResult", "Result of `agents.list`.", {
  defaultId: AgentId,
  mainKey: Str("Key of the main session."),
  scope: Enum("SessionScope", "How sessions are keyed.", ["per-sender", "global"]),
  agents: List(AgentSummary, "Configured agents."),
});

export const AgentsCreateParams = Obj("AgentsCreateParams", "Parameters of `agents.create`.", {
  name: Str("Display name; the id is derived from it.", { maxLength: 128 }),
  workspace: Str("Workspace directory."),
  model: Opt(Str("Primary model.")),
  emoji: Opt(Text("Emoji.")),
});

export const AgentsCreateResult = Obj("AgentsCreateResult", "Result of `agents.create`.", {
  ok: Bool("Always true on success."),
  agentId: AgentId,
  name: Str("Display name."),
  workspace: Str("Workspace directory."),
});

export const AgentsUpdateParams = Obj("AgentsUpdateParams", "Parameters of `agents.update`.", {
  agentId: AgentId,
  name: Opt(Str("Display name.", { maxLength: 128 })),
  workspace: Opt(Str("Workspace directory.")),
  model: Opt(Str("Primary model.")),
  emoji: Opt(Text("Emoji.")),
});

export const AgentsUpdateResult = Obj("AgentsUpdateResult", "Result of `agents.update`.", {
  ok: Bool("Always true on success."),
  agentId: AgentId,
});

export const AgentsDeleteParams = Obj("AgentsDeleteParams", "Parameters of `agents.delete`.", {
  agentId: AgentId,
  deleteFiles: Opt(Bool("Also delete the workspace files.")),
});

export const AgentsDeleteResult = Obj("AgentsDeleteResult", "Result of `agents.delete`.", {
  ok: Bool("Always true on success."),
  agentId: AgentId,
});

export const AgentsFileEntry = Obj("AgentsFileEntry", "A workspace file of an agent (such as `AGENTS.md`).", {
  name: Str("File name, relative to the workspace; never contains `..`.", { maxLength: 255, pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$" }),
  path: Str("Absolute path."),
  missing: Bool("True when the file does not exist yet."),
  size: Opt(Int("Size in bytes.")),
  updatedAtMs: Opt(Int("Last modification (ms since epoch).")),
  content: Opt(Text("File content (get only).")),
});

export const AgentsFilesListParams = Obj("AgentsFilesListParams", "Parameters of `agents.files.list`.", { agentId: AgentId });

export const AgentsFilesListResult = Obj("AgentsFilesListResult", "Result of `agents.files.list`.", {
  agentId: AgentId,
  workspace: Str("Workspace directory."),
  files: List(AgentsFileEntry, "Known workspace files."),
});

export const AgentsFilesGetParams = Obj("AgentsFilesGetParams", "Parameters of `agents.files.get`.", {
  agentId: AgentId,
  name: Str("File name.", { maxLength: 255, pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$" }),
});

export const AgentsFilesGetResult = Obj("AgentsFilesGetResult", "Result of `agents.files.get`.", {
  agentId: AgentId,
  file: AgentsFileEntry,
});

export const AgentsFilesSetParams = Obj("AgentsFilesSetParams", "Parameters of `agents.files.set`.", {
  agentId: AgentId,
  name: Str("File name.", { maxLength: 255, pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$" }),
  content: Text("New content.", { maxLength: 1048576 }),
});

export const AgentsFilesSetResult = Obj("AgentsFilesSetResult", "Result of `agents.files.set`.", {
  ok: Bool("Always true on success."),
  agentId: AgentId,
  file: AgentsFileEntry,
});

export const AgentIdentityParams = Obj("AgentIdentityParams", "Parameters of `agent.identity.get`.", {
  agentId: Opt(AgentId),
  sessionKey: Opt(SessionKey),
});

export const AgentIdentity = Obj("AgentIdentity", "How an agent presents itself.", {
  agentId: AgentId,
  name: Opt(Str("Display name.")),
  emoji: Opt(Str("Emoji.")),
  avatar: Opt(Str("Avatar URL or data URI.")),
});

export const AgentParams = Obj("AgentParams", "Parameters of `agent`: run an agent turn. Answers twice on the same id: `accepted`, then the final result.", {
  message: Str("The message for the agent.", { maxLength: 1048576 }),
  agentId: Opt(AgentId),
  sessionKey: Opt(SessionKey),
  model: Opt(Str("Model override for this turn.")),
  thinking: Opt(Str("Thinking level for this turn.")),
  deliver: Opt(Bool("Deliver the reply to the session's channel.")),
  timeout: Opt(Int("Give up after this many seconds.")),
  idempotencyKey: IdempotencyKey,
});

export const AgentRunStatus = Enum("AgentRunStatus", "Where a run is.", ["accepted", "running", "ok", "error", "timeout", "aborted"]);

export const AgentRunResult = Obj("AgentRunResult", "Result of `agent` and `agent.wait`.", {
  runId: Str("Run id."),
  status: AgentRunStatus,
  sessionKey: Opt(SessionKey),
  text: Opt(Text("Final reply text (final answer only).")),
  error: Opt(Text("Error message when the run failed.")),
  startedAtMs: Opt(Int("When the run started (ms since epoch).")),
  endedAtMs: Opt(Int("When the run ended (ms since epoch).")),
});

export const AgentWaitParams = Obj("AgentWaitParams", "Parameters of `agent.wait`.", {
  runId: Str("Run id."),
  timeoutMs: Opt(Int("Wait at most this long.")),
});

export const ChatSendParams = Obj("ChatSendParams", "Parameters of `chat.send`: send a chat message into a session.", {
  sessionKey: SessionKey,
  message: Text("Message text.", { maxLength: 1048576 }),
  thinking: Opt(Str("Thinking level.")),
  deliver: Opt(Bool("Deliver the reply to the session's channel.")),
  attachments: Opt(List(Json("An attachment."), "Attachments.", { maxItems: 32 })),
  timeoutMs: Opt(Int("Give up after this many milliseconds.")),
  idempotencyKey: IdempotencyKey,
});

export const ChatSendResult = Obj("ChatSendResult", "Result of `chat.send`; the reply streams as `chat` events.", {
  runId: Str("Run id of the reply."),
  status: AgentRunStatus,
});

export const ChatHistoryParams = Obj("ChatHistoryParams", "Parameters of `chat.history`.", {
  sessionKey: SessionKey,
  limit: Opt(Int("Most messages to return.", { minimum: 1, maximum: 1000 })),
});

export const ChatHistoryResult = Obj("ChatHistoryResult", "Result of `chat.history`.", {
  sessionKey: SessionKey,
  sessionId: Opt(Str("Transcript id.")),
  messages: List(ChatMessage, "Messages, oldest first."),
});

export const ChatAbortParams = Obj("ChatAbortParams", "Parameters of `chat.abort`.", {
  sessionKey: SessionKey,
  runId: Opt(Str("Run to abort; the session's current run when absent.")),
});

export const ChatAbortResult = Obj("ChatAbortResult", "Result of `chat.abort`.", {
  ok: Bool("Always true on success."),
  aborted: Bool("False when nothing was running."),
  runIds: List(Str("A run id."), "Runs that were aborted."),
});

export const ChatEvent = Obj("ChatEvent", "A chunk or the end of a chat reply.", {
  runId: Str("Run id."),
  sessionKey: SessionKey,
  seq: Int("Sequence number within the run."),
  state: Enum("ChatEventState", "Where the reply is.", ["delta", "final", "aborted", "error"]),
  message: Opt(Json("The message so far (delta) or in full (final).")),
  errorMessage: Opt(Text("Error message (state `error`).")),
});

export const SendParams = Obj("SendParams", "Parameters of `send`: deliver a message through a channel.", {
  to: Str("Recipient, in the channel's format.", { maxLength: 512 }),
  message: Opt(Text("Message text.", { maxLength: 1048576 })),
  mediaUrl: Opt(Str("URL of media to attach.")),
  channel: Opt(Str("Channel id; the default channel when absent.")),
  accountId: Opt(Str("Channel account.")),
  sessionKey: Opt(Nullable(SessionKey)),
  idempotencyKey: IdempotencyKey,
});

export const SendResult = Obj("SendResult", "Result of `send`.", {
  ok: Bool("Always true on success."),
  channel: Str("Channel it went through."),
  messageId: Opt(Str("Channel's id of the sent message.")),
});

export const ModelChoice = Obj("ModelChoice", "A model the gateway can use.", {
  id: Str("Model id."),
  name: Str("Display name."),
  provider: Str("Provider id."),
  contextWindow: Opt(Int("Context window in tokens.", { minimum: 1 })),
  reasoning: Opt(Bool("True for reasoning models.")),
});

export const ModelsListParams = NoParams("ModelsListParams");

export const ModelsListResult = Obj("ModelsListResult", "Result of `models.list`.", {
  models: List(ModelChoice, "Available models."),
});
