/** `agents.*`, `agent*`, `chat.*`, `send` and `models.list`: agents and conversations. */
import { Bool, Enum, IdempotencyKey, Int, Json, List, NoParams, Obj, Opt, Str, Text } from "./primitives.js";
import { ChatMessage } from "./sessions.js";

const AgentId = Str("Agent id.", { maxLength: 64, pattern: "^[a-z0-9][a-z0-9_-]*$" });
const SessionKey = Str("Session key, such as `agent:main:main`.", { maxLength: 512 });

export const AgentSummaryIdentity = Obj("AgentSummaryIdentity", "How an agent presents itself in a listing.", {
  name: Opt(Str("Display name.")),
  theme: Opt(Str("Theme.")),
  emoji: Opt(Str("Emoji shown next to the name.")),
  avatar: Opt(Str("Avatar text, URL or data URI.")),
  avatarUrl: Opt(Str("Avatar URL.")),
});

export const AgentSummary = Obj("AgentSummary", "One configured agent.", {
  id: AgentId,
  name: Opt(Str("Display name.")),
  identity: Opt(AgentSummaryIdentity),
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
  emoji: Opt(Text("Emoji.")),
  avatar: Opt(Text("Avatar text, URL or data URI.")),
  model: Opt(Str("Model as `<provider>/<model>` (tidegate extension).")),
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
  model: Opt(Str("Model as `<provider>/<model>`; applies to the next run.")),
  avatar: Opt(Text("Avatar text, URL or data URI.")),
  emoji: Opt(Text("Emoji (tidegate extension).")),
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
  content: Text("New content.", { maxLength: 1048576 }),
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

const AgentInternalEvent = Obj("AgentInternalEvent", "A task completion reported into the run (sub-agents, cron).", {
  type: Enum("AgentInternalEventType", "Kind of internal event.", ["task_completion"]),
  source: Enum("AgentInternalEventSource", "Where it comes from.", ["subagent", "cron"]),
  childSessionKey: Text("Session of the finished task."),
  childSessionId: Opt(Text("Transcript of the finished task.")),
  announceType: Text("How to announce it."),
  taskLabel: Text("Task label."),
  status: Enum("AgentInternalEventStatus", "Outcome of the task.", ["ok", "timeout", "error", "unknown"]),
  statusLabel: Text("Outcome, for people."),
  result: Text("Result text."),
  statsLine: Opt(Text("Statistics line.")),
  replyInstruction: Text("How the agent should reply."),
});

const InputProvenance = Obj("InputProvenance", "Where the input of a run came from.", {
  kind: Enum("InputProvenanceKind", "Origin kind.", ["external_user", "inter_session", "internal_system"]),
  sourceSessionKey: Opt(Text("Originating session.")),
  sourceChannel: Opt(Text("Originating channel.")),
  sourceTool: Opt(Text("Originating tool.")),
});

export const AgentParams = Obj("AgentParams", "Parameters of `agent`: run an agent turn. Answers twice on the same id: `accepted`, then the final result.", {
  message: Str("The message for the agent.", { maxLength: 1048576 }),
  agentId: Opt(AgentId),
  to: Opt(Text("With `deliver`: the recipient on the channel (a user, or a group such as `#ops`); default: the session's last peer.")),
  replyTo: Opt(Text("With `deliver`: the recipient; overrides `to`.")),
  sessionId: Opt(Text("Transcript id to continue.")),
  sessionKey: Opt(Text("Session key, such as `agent:main:main`.", { maxLength: 512 })),
  thinking: Opt(Text("Thinking level for this turn.")),
  deliver: Opt(
    Bool(
      "Send the reply through a channel after the run: to `channel`/`to`, else the session's last route or the peer its key names. An unknown channel, or none to be found, is refused before the run.",
    ),
  ),
  attachments: Opt(List(Json("An attachment."), "Attachments.", { maxItems: 32 })),
  channel: Opt(Text("With `deliver`: the channel (`irc` …) or `last` (the session's last channel, the default).")),
  replyChannel: Opt(Text("With `deliver`: the channel; overrides `channel`.")),
  accountId: Opt(Text("With `deliver`: the channel account to send from.")),
  replyAccountId: Opt(Text("With `deliver`: the account; overrides `accountId`.")),
  threadId: Opt(Text("With `deliver`: the thread in the group.")),
  groupId: Opt(Text("Group id.")),
  groupChannel: Opt(Text("Group channel.")),
  groupSpace: Opt(Text("Group space.")),
  timeout: Opt(Int("Give up after this many seconds.")),
  bestEffortDeliver: Opt(Bool("A failed delivery does not fail the final answer (default: true on a main session, false elsewhere, as v3).")),
  lane: Opt(Text("Queue lane.")),
  extraSystemPrompt: Opt(Text("Extra system prompt for this turn.")),
  internalEvents: Opt(List(AgentInternalEvent, "Internal events reported into the run.")),
  inputProvenance: Opt(InputProvenance),
  idempotencyKey: IdempotencyKey,
  label: Opt(Str("Session label.", { maxLength: 64 })),
  spawnedBy: Opt(Text("Session that spawned this run.")),
  model: Opt(Str("Model override for this turn, as `<provider>/<model>` (tidegate extension).")),
});

export const AgentRunStatus = Enum("AgentRunStatus", "Where a run is: `accepted` (first answer of `agent`), then how it ended.", ["accepted", "ok", "error", "timeout", "aborted"]);

export const AgentResultPayload = Obj("AgentResultPayload", "One piece of the reply.", {
  text: Opt(Text("Reply text.")),
  mediaUrl: Opt(Text("Media URL.")),
  mediaUrls: Opt(List(Text("A media URL."), "Media URLs.")),
});

export const AgentUsage = Obj("AgentUsage", "Tokens a run used.", {
  input: Int("Prompt tokens."),
  output: Int("Completion tokens."),
  total: Int("All tokens."),
});

export const AgentMeta = Obj("AgentMeta", "Which session and model served a run.", {
  sessionId: Opt(Text("Transcript id.")),
  sessionKey: Opt(Text("Session key.")),
  provider: Opt(Text("Provider id.")),
  model: Opt(Text("Model id.")),
  usage: Opt(AgentUsage),
});

export const AgentRunMeta = Obj("AgentRunMeta", "Facts about a finished run.", {
  durationMs: Int("Time from start to end."),
  agentMeta: Opt(AgentMeta),
  aborted: Opt(Bool("True when the run was aborted.")),
  stopReason: Opt(Text("Why the reply ended, such as `stop`, `length` or `aborted`.")),
});

export const AgentRunOutput = Obj("AgentRunOutput", "The reply of a finished run.", {
  payloads: List(AgentResultPayload, "Reply pieces."),
  meta: AgentRunMeta,
});

export const AgentRunResult = Obj("AgentRunResult", "Result of `agent`: first `{runId, status: accepted, acceptedAt}`, then the outcome with `summary` and `result`.", {
  runId: Str("Run id (the idempotency key)."),
  status: AgentRunStatus,
  acceptedAt: Opt(Int("When the run was accepted (ms since epoch; first answer).")),
  summary: Opt(Text("`completed`, `aborted`, or the error (final answer).")),
  result: Opt(AgentRunOutput),
});

export const AgentWaitParams = Obj("AgentWaitParams", "Parameters of `agent.wait`.", {
  runId: Str("Run id."),
  timeoutMs: Opt(Int("Wait at most this long (default 30000).")),
});

export const AgentWaitResult = Obj("AgentWaitResult", "Result of `agent.wait`; a wait that runs out answers `status: timeout`, not an error.", {
  runId: Str("Run id."),
  status: Enum("AgentWaitStatus", "How the run ended, or `timeout` when it has not ended yet.", ["ok", "error", "timeout"]),
  startedAt: Opt(Int("When the run started (ms since epoch).")),
  endedAt: Opt(Int("When the run ended (ms since epoch).")),
  error: Opt(Text("Error message (status `error`; `aborted` for an aborted run).")),
});

export const ChatSendParams = Obj("ChatSendParams", "Parameters of `chat.send`: send a chat message into a session.", {
  sessionKey: SessionKey,
  message: Text("Message text.", { maxLength: 1048576 }),
  thinking: Opt(Str("Thinking level.")),
  deliver: Opt(Bool("Accepted and, as in v3, not acted on (use `agent` with `deliver`).")),
  attachments: Opt(List(Json("An attachment."), "Attachments.", { maxItems: 32 })),
  timeoutMs: Opt(Int("Give up after this many milliseconds.")),
  idempotencyKey: IdempotencyKey,
});

export const ChatSendResult = Obj("ChatSendResult", "Result of `chat.send`; the reply streams as `chat` events.", {
  runId: Str("Run id of the reply (the idempotency key)."),
  status: Enum("ChatSendStatus", "`started`; `in_flight` for a repeat while it runs; how it ended for a repeat afterwards.", ["started", "in_flight", "ok", "error", "timeout", "aborted"]),
});

export const ChatHistoryParams = Obj("ChatHistoryParams", "Parameters of `chat.history`.", {
  sessionKey: SessionKey,
  limit: Opt(Int("Most messages to return (default 200).", { minimum: 1, maximum: 1000 })),
  before: Opt(Int("Only messages before this index (paging: pass the previous answer's `nextBefore`; tidegate extension).")),
});

export const ChatHistoryResult = Obj("ChatHistoryResult", "Result of `chat.history`.", {
  sessionKey: SessionKey,
  sessionId: Opt(Str("Transcript id.")),
  messages: List(ChatMessage, "Messages, oldest first."),
  thinkingLevel: Opt(Str("The session's thinking level.")),
  verboseLevel: Opt(Str("The session's verbosity.")),
  nextBefore: Opt(Int("Pass as `before` to get older messages; absent when there are none (tidegate extension).")),
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
  message: Opt(Json("`{role: assistant, content: [{type: text, text}], timestamp}`: the reply so far (delta) or in full (final).")),
  errorMessage: Opt(Text("Error message (state `error`).")),
  usage: Opt(Json("Token usage (final).")),
  stopReason: Opt(Text("Why the reply ended (final).")),
});

export const ModelChoice = Obj("ModelChoice", "A model the gateway can use.", {
  id: Str("Model id."),
  name: Str("Display name."),
  provider: Str("Provider id."),
  contextWindow: Opt(Int("Context window in tokens.", { minimum: 1 })),
  reasoning: Opt(Bool("True for reasoning models.")),
  input: Opt(List(Str("An input kind, such as `text` or `image`."), "What the model accepts (v3 gateways send it).")),
});

export const ModelsListParams = NoParams("ModelsListParams");

export const ModelsListResult = Obj("ModelsListResult", "Result of `models.list`.", {
  models: List(ModelChoice, "Available models."),
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
