/** `agents.*`, `agent*`, `chat.*`, `send` and `models.list`: agents and conversations. */
import { Bool, Const, Dict, Enum, Int, Json, List, NoParams, Obj, Open, Opt, Str, Text, IdempotencyKey } from "./primitives.js";
import { ChatMessage } from "./sessions.js";

const AgentId = Str("Agent id.", { maxLength: 64, pattern: "^[a-z0-9][a-z0-9_-]*$" });
const SessionKey = Str("Session key, such as `agent:main:main`.", { maxLength: 512 });

export const AgentModel = Obj("AgentModel", "Which models an agent uses.", {
  primary: Opt(Str("Primary model.")),
  fallbacks: Opt(List(Str("A model."), "Models tried when the primary fails.")),
});

export const AgentIdentityInfo = Obj("AgentIdentityInfo", "How an agent presents itself in lists.", {
  name: Opt(Str("Display name.")),
  theme: Opt(Str("Theme.")),
  emoji: Opt(Str("Emoji.")),
  avatar: Opt(Str("Avatar (path, URL or data URI).")),
  avatarUrl: Opt(Str("Avatar URL served by the gateway.")),
});

export const AgentSummary = Obj("AgentSummary", "One configured agent.", {
  id: AgentId,
  name: Opt(Str("Display name.")),
  identity: Opt(AgentIdentityInfo),
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
  model: Opt(Str("Primary model (tidegate addition).")),
  emoji: Opt(Text("Emoji.")),
  avatar: Opt(Text("Avatar (path, URL or data URI).")),
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
  emoji: Opt(Text("Emoji (tidegate addition).")),
  avatar: Opt(Text("Avatar (path, URL or data URI).")),
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
  removedBindings: Int("Channel bindings removed with the agent."),
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
  workspace: Str("Workspace directory."),
  file: AgentsFileEntry,
});

export const AgentsFilesSetParams = Obj("AgentsFilesSetParams", "Parameters of `agents.files.set`.", {
  agentId: AgentId,
  name: Str("File name.", { maxLength: 255, pattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$" }),
  content: Text("New content."),
});

export const AgentsFilesSetResult = Obj("AgentsFilesSetResult", "Result of `agents.files.set`.", {
  ok: Bool("Always true on success."),
  agentId: AgentId,
  workspace: Str("Workspace directory."),
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

export const AgentInternalEvent = Obj("AgentInternalEvent", "A finished sub-task reported into an agent turn.", {
  type: Const("task_completion", "Event kind."),
  source: Enum("AgentInternalEventSource", "What finished.", ["subagent", "cron"]),
  childSessionKey: Text("Session of the sub-task."),
  childSessionId: Opt(Text("Transcript of the sub-task.")),
  announceType: Text("How it is announced."),
  taskLabel: Text("Label of the task."),
  status: Enum("AgentInternalEventStatus", "Outcome.", ["ok", "timeout", "error", "unknown"]),
  statusLabel: Text("Outcome as text."),
  result: Text("Result text."),
  statsLine: Opt(Text("Usage line.")),
  replyInstruction: Text("How the agent should reply."),
});

export const AgentInputProvenance = Obj("AgentInputProvenance", "Where the message of an agent turn comes from.", {
  kind: Enum("AgentInputProvenanceKind", "Kind of source.", ["external_user", "inter_session", "internal_system"]),
  sourceSessionKey: Opt(Text("Session that sent it.")),
  sourceChannel: Opt(Text("Channel that sent it.")),
  sourceTool: Opt(Text("Tool that sent it.")),
});

export const AgentParams = Obj("AgentParams", "Parameters of `agent`: run an agent turn. Answers twice on the same request id: `accepted`, then the final result.", {
  message: Str("The message for the agent."),
  agentId: Opt(Str("Agent id.")),
  to: Opt(Text("Recipient to deliver the reply to.")),
  replyTo: Opt(Text("Message to reply to.")),
  sessionId: Opt(Text("Transcript id to continue.")),
  sessionKey: Opt(Text("Session key.")),
  thinking: Opt(Text("Thinking level for this turn.")),
  deliver: Opt(Bool("Deliver the reply through the channel.")),
  attachments: Opt(List(Json("An attachment: `{type, mimeType, fileName?, content (base64)}`."), "Attachments (images).")),
  channel: Opt(Text("Channel to deliver through, or `last`.")),
  replyChannel: Opt(Text("Channel to reply through.")),
  accountId: Opt(Text("Channel account.")),
  replyAccountId: Opt(Text("Channel account to reply through.")),
  threadId: Opt(Text("Thread to reply in.")),
  groupId: Opt(Text("Group id.")),
  groupChannel: Opt(Text("Group channel.")),
  groupSpace: Opt(Text("Group space.")),
  timeout: Opt(Int("Give up after this many seconds.")),
  bestEffortDeliver: Opt(Bool("Do not fail the run when delivery fails.")),
  lane: Opt(Text("Queue lane.")),
  extraSystemPrompt: Opt(Text("Extra system prompt for this turn.")),
  internalEvents: Opt(List(AgentInternalEvent, "Finished sub-tasks to report.")),
  inputProvenance: Opt(AgentInputProvenance),
  idempotencyKey: IdempotencyKey,
  label: Opt(Str("Session label.", { maxLength: 64 })),
  spawnedBy: Opt(Text("Session that spawned this run.")),
  model: Opt(Str("Model override for this turn (tidegate addition).")),
});

export const AgentRunStatus = Enum("AgentRunStatus", "Where a run is: `accepted` (first answer), then `ok` or `error`; `agent.wait` also answers `timeout`.", ["accepted", "ok", "error", "timeout"]);

export const AgentRunPayload = Open("AgentRunPayload", "One reply payload of a run.", {
  text: Opt(Text("Reply text.")),
  mediaUrl: Opt(Text("Media URL.")),
  mediaUrls: Opt(List(Text("A URL."), "Media URLs.")),
});

export const AgentRunOutput = Open("AgentRunOutput", "What a finished run produced.", {
  payloads: Opt(List(AgentRunPayload, "Reply payloads.")),
  meta: Opt(Dict(Json("Run metadata."), "Run metadata (durationMs, agentMeta, …).")),
});

export const AgentRunResult = Obj("AgentRunResult", "Result of `agent`: first `{runId, status: accepted, acceptedAt}`, then `{runId, status: ok, summary: completed, result}`; a failure is an error answer that still carries `{runId, status: error, summary}`.", {
  runId: Str("Run id (the idempotency key)."),
  status: AgentRunStatus,
  acceptedAt: Opt(Int("When the run was accepted (ms since epoch); first answer only.")),
  summary: Opt(Text("`completed`, or the error message.")),
  result: Opt(AgentRunOutput),
});

export const AgentWaitParams = Obj("AgentWaitParams", "Parameters of `agent.wait`.", {
  runId: Str("Run id."),
  timeoutMs: Opt(Int("Wait at most this long (default 30000).")),
});

export const AgentWaitResult = Obj("AgentWaitResult", "Result of `agent.wait`; a timeout is an answer with status `timeout`, not an error.", {
  runId: Str("Run id."),
  status: AgentRunStatus,
  startedAt: Opt(Int("When the run started (ms since epoch).")),
  endedAt: Opt(Int("When the run ended (ms since epoch).")),
  error: Opt(Text("Error message when the run failed.")),
});

export const ChatSendParams = Obj("ChatSendParams", "Parameters of `chat.send`: send a chat message into a session.", {
  sessionKey: SessionKey,
  message: Text("Message text (`/stop` aborts the running reply)."),
  thinking: Opt(Text("Thinking level.")),
  deliver: Opt(Bool("Deliver the reply to the session's channel.")),
  attachments: Opt(List(Json("An attachment: `{type, mimeType, fileName?, content (base64)}`."), "Attachments (images).")),
  timeoutMs: Opt(Int("Give up after this many milliseconds.")),
  idempotencyKey: IdempotencyKey,
});

export const ChatSendStatus = Enum("ChatSendStatus", "`started`; `in_flight` when the same idempotency key is still running; `ok`/`error` when it already finished.", ["started", "in_flight", "ok", "error"]);

export const ChatSendResult = Obj("ChatSendResult", "Result of `chat.send`; the reply streams as `chat` events. A `/stop` message answers like `chat.abort`.", {
  runId: Opt(Str("Run id of the reply (the idempotency key).")),
  status: Opt(ChatSendStatus),
  ok: Opt(Bool("Present when the message was `/stop`.")),
  aborted: Opt(Bool("`/stop` only: whether something was running.")),
  runIds: Opt(List(Str("A run id."), "`/stop` only: runs that were aborted.")),
});

export const ChatHistoryParams = Obj("ChatHistoryParams", "Parameters of `chat.history`.", {
  sessionKey: SessionKey,
  limit: Opt(Int("Most messages to return.", { minimum: 1, maximum: 1000 })),
});

export const ChatHistoryResult = Obj("ChatHistoryResult", "Result of `chat.history`.", {
  sessionKey: SessionKey,
  sessionId: Opt(Str("Transcript id.")),
  messages: List(ChatMessage, "Messages, oldest first (bounded to about 6 MiB)."),
  thinkingLevel: Opt(Str("The session's thinking level.")),
  verboseLevel: Opt(Str("The session's verbosity.")),
});

export const ChatInjectParams = Obj("ChatInjectParams", "Parameters of `chat.inject`: append an assistant message to a transcript without running the agent.", {
  sessionKey: SessionKey,
  message: Str("Message text."),
  label: Opt(Text("Label shown with it.", { maxLength: 100 })),
});

export const ChatInjectResult = Obj("ChatInjectResult", "Result of `chat.inject`.", {
  ok: Bool("Always true on success."),
  messageId: Str("Id of the appended message."),
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
  usage: Opt(Json("Token usage of the reply.")),
  stopReason: Opt(Text("Why the model stopped.")),
});

export const SendParams = Obj("SendParams", "Parameters of `send`: deliver a message through a channel.", {
  to: Str("Recipient, in the channel's format."),
  message: Opt(Text("Message text.")),
  mediaUrl: Opt(Text("URL of media to attach.")),
  mediaUrls: Opt(List(Text("A URL."), "URLs of media to attach.")),
  gifPlayback: Opt(Bool("Play video as a GIF (WhatsApp).")),
  channel: Opt(Text("Channel id; the default channel when absent.")),
  accountId: Opt(Text("Channel account.")),
  agentId: Opt(Text("Agent whose identity sends it.")),
  threadId: Opt(Text("Thread to post in.")),
  sessionKey: Opt(Text("Session to mirror the message into.")),
  idempotencyKey: IdempotencyKey,
});

export const SendResult = Obj("SendResult", "Result of `send` and `poll`.", {
  runId: Str("The idempotency key."),
  messageId: Str("Channel's id of the sent message."),
  channel: Str("Channel it went through."),
  chatId: Opt(Text("Chat id (Telegram).")),
  channelId: Opt(Text("Channel id (Discord, Slack).")),
  toJid: Opt(Text("Recipient JID (WhatsApp).")),
  conversationId: Opt(Text("Conversation id (MS Teams).")),
});

export const PollParams = Obj("PollParams", "Parameters of `poll`: post a poll through a channel.", {
  to: Str("Recipient, in the channel's format."),
  question: Str("Poll question."),
  options: List(Str("An option."), "Answer options."),
  maxSelections: Opt(Int("How many options a voter may pick.", { minimum: 1, maximum: 12 })),
  durationSeconds: Opt(Int("Poll duration in seconds.", { minimum: 1, maximum: 604800 })),
  durationHours: Opt(Int("Poll duration in hours.", { minimum: 1 })),
  silent: Opt(Bool("Send without notification.")),
  isAnonymous: Opt(Bool("Anonymous poll (Telegram).")),
  threadId: Opt(Text("Thread to post in.")),
  channel: Opt(Text("Channel id.")),
  accountId: Opt(Text("Channel account.")),
  idempotencyKey: IdempotencyKey,
});

export const ModelChoice = Obj("ModelChoice", "A model the gateway can use.", {
  id: Str("Model id."),
  name: Str("Display name."),
  provider: Str("Provider id."),
  contextWindow: Opt(Int("Context window in tokens.", { minimum: 1 })),
  reasoning: Opt(Bool("True for reasoning models.")),
  input: Opt(List(Str("An input kind."), "Input kinds it accepts, such as `text` and `image` (the v3 gateway sends this though its schema omits it).")),
});

export const ModelsListParams = NoParams("ModelsListParams");

export const ModelsListResult = Obj("ModelsListResult", "Result of `models.list`.", {
  models: List(ModelChoice, "Available models."),
});
