/** Registry entries of the methods whose params live in `schema/agents.ts`. */
import * as ag from "../agents.js";
import * as chan from "../channels.js";
import { FILE, T0 } from "../example-values.js";
import { method } from "../registry-spec.js";

export const agentsMethods = {
  "agents.list": method({
    params: ag.AgentsListParams,
    result: ag.AgentsListResult,
    scope: "operator.read",
    description: "Configured agents.",
    example: { params: {}, result: { defaultId: "main", mainKey: "main", scope: "per-sender", agents: [{ id: "main", name: "Main", identity: { emoji: "🦀" } }] } },
  }),
  "agents.create": method({
    params: ag.AgentsCreateParams,
    result: ag.AgentsCreateResult,
    scope: "operator.admin",
    errors: ["CONFLICT"],
    description: "Create an agent.",
    example: { params: { name: "Research", workspace: "~/research" }, result: { ok: true, agentId: "research", name: "Research", workspace: "~/research" } },
  }),
  "agents.update": method({
    params: ag.AgentsUpdateParams,
    result: ag.AgentsUpdateResult,
    scope: "operator.admin",
    errors: ["NOT_FOUND"],
    description: "Change an agent.",
    example: { params: { agentId: "research", model: "gpt-5" }, result: { ok: true, agentId: "research" } },
  }),
  "agents.delete": method({
    params: ag.AgentsDeleteParams,
    result: ag.AgentsDeleteResult,
    scope: "operator.admin",
    errors: ["NOT_FOUND"],
    description: "Delete an agent.",
    example: { params: { agentId: "research" }, result: { ok: true, agentId: "research", removedBindings: 0 } },
  }),
  "agents.files.list": method({
    params: ag.AgentsFilesListParams,
    result: ag.AgentsFilesListResult,
    scope: "operator.read",
    errors: ["NOT_FOUND"],
    description: "An agent's workspace files.",
    example: { params: { agentId: "main" }, result: { agentId: "main", workspace: "~/agent", files: [FILE] } },
  }),
  "agents.files.get": method({
    params: ag.AgentsFilesGetParams,
    result: ag.AgentsFilesGetResult,
    scope: "operator.read",
    errors: ["NOT_FOUND"],
    description: "One workspace file with its content.",
    example: { params: { agentId: "main", name: "AGENTS.md" }, result: { agentId: "main", workspace: "~/agent", file: { ...FILE, content: "# Agent\nBe nice" } } },
  }),
  "agents.files.set": method({
    params: ag.AgentsFilesSetParams,
    result: ag.AgentsFilesSetResult,
    scope: "operator.admin",
    errors: ["NOT_FOUND"],
    description: "Write a workspace file.",
    example: { params: { agentId: "main", name: "AGENTS.md", content: "# Agent\nBe nice" }, result: { ok: true, agentId: "main", workspace: "~/agent", file: FILE } },
  }),
  "agent.identity.get": method({
    params: ag.AgentIdentityParams,
    result: ag.AgentIdentity,
    scope: "operator.read",
    errors: ["NOT_FOUND"],
    description: "How an agent presents itself.",
    example: { params: { agentId: "main" }, result: { agentId: "main", name: "Main", emoji: "🦀" } },
  }),
  agent: method({
    params: ag.AgentParams,
    result: ag.AgentRunResult,
    scope: "operator.write",
    idempotencyKey: true,
    twoPhase: true,
    errors: ["NOT_FOUND", "MODEL_NOT_CONFIGURED", "MODEL_BACKEND_FAILED", "SESSION_QUEUE_FULL"],
    description:
      "Run an agent turn (run id = idempotency key). Answers twice on the same id: first `{runId, status: accepted, acceptedAt}`, then the outcome; `agent` events stream in between. A failed run answers UNAVAILABLE/MODEL_BACKEND_FAILED.",
    example: {
      params: { message: "What's on my calendar?", agentId: "main", idempotencyKey: "run-1" },
      result: {
        runId: "run-1",
        status: "ok",
        summary: "completed",
        result: {
          payloads: [{ text: "Nothing today." }],
          meta: { durationMs: 900, agentMeta: { sessionKey: "agent:main:main", provider: "openai", model: "gpt-4o-mini", usage: { input: 12, output: 4, total: 16 } } },
        },
      },
    },
  }),
  "agent.wait": method({
    params: ag.AgentWaitParams,
    result: ag.AgentWaitResult,
    scope: "operator.write",
    errors: ["NOT_FOUND"],
    description: "Wait for an agent run to finish; `status: timeout` when it has not finished within `timeoutMs` (default 30000).",
    example: { params: { runId: "run-1", timeoutMs: 30000 }, result: { runId: "run-1", status: "ok", startedAt: T0, endedAt: T0 + 900 } },
  }),
  "chat.send": method({
    params: ag.ChatSendParams,
    result: ag.ChatSendResult,
    scope: "operator.write",
    idempotencyKey: true,
    errors: ["NOT_FOUND", "MODEL_NOT_CONFIGURED", "SESSION_QUEUE_FULL", "RATE_LIMITED"],
    description: "Send a chat message into a session; the reply streams as `chat` events. Passes the webchat channel's checks: a device over `channels.webchat.rateLimit` gets `RATE_LIMITED`.",
    example: { params: { sessionKey: "agent:main:main", message: "hi", idempotencyKey: "k3" }, result: { runId: "k3", status: "started" } },
  }),
  "chat.history": method({
    params: ag.ChatHistoryParams,
    result: ag.ChatHistoryResult,
    scope: "operator.read",
    description: "A session's messages.",
    example: {
      params: { sessionKey: "agent:main:main", limit: 2 },
      result: {
        sessionKey: "agent:main:main",
        messages: [
          { role: "user", content: "hi", ts: T0 },
          { role: "assistant", content: "Hello!", ts: T0 + 800 },
        ],
      },
    },
  }),
  "chat.abort": method({
    params: ag.ChatAbortParams,
    result: ag.ChatAbortResult,
    scope: "operator.write",
    description: "Abort a session's running reply.",
    example: { params: { sessionKey: "agent:main:main" }, result: { ok: true, aborted: true, runIds: ["run-2"] } },
  }),
  "chat.inject": method({
    unavailable: "Chat is not built yet (issue: agents, chat and the OpenAI API).",
    params: ag.ChatInjectParams,
    result: ag.ChatInjectResult,
    scope: "operator.admin",
    description: "Append an assistant message to a transcript without running the agent.",
    example: { params: { sessionKey: "agent:main:main", message: "Reminder: stand-up at 10." }, result: { ok: true, messageId: "m-1" } },
  }),
  send: method({
    params: ag.SendParams,
    result: ag.SendResult,
    scope: "operator.write",
    idempotencyKey: true,
    errors: ["CHANNEL_UNKNOWN", "CHANNEL_UNSUPPORTED", "CHANNEL_NOT_RUNNING", "CHANNEL_SEND_FAILED", "NOT_FOUND"],
    description: "Deliver a message through a channel account (`to`: a user or a group such as `#ops`); long text is split to the channel's limit.",
    example: {
      params: { to: "#ops", message: "Deploy finished", channel: "irc", idempotencyKey: "k4" },
      result: { runId: "k4", messageId: "irc-k4", channel: "irc" },
    },
  }),
  poll: method({
    unavailable: "Polls are not supported by the channels tidegate has (IRC and webchat have no polls); use `send` for a plain message.",
    params: ag.PollParams,
    result: ag.SendResult,
    scope: "operator.write",
    idempotencyKey: true,
    description: "Post a poll through a channel.",
    example: { params: { to: "+15555550123", question: "Lunch?", options: ["Yes", "No"], idempotencyKey: "k5" }, result: { runId: "k5", messageId: "m-2", channel: "whatsapp" } },
  }),
  "models.list": method({
    params: ag.ModelsListParams,
    result: ag.ModelsListResult,
    scope: "operator.read",
    description: "Models the gateway can use.",
    example: { params: {}, result: { models: [{ id: "gpt-5", name: "GPT-5", provider: "openai", contextWindow: 400000, reasoning: true }] } },
  }),
  "channels.status": method({
    params: chan.ChannelsStatusParams,
    result: chan.ChannelsStatusResult,
    scope: "operator.read",
    description: "State of every messaging channel and account.",
    example: {
      params: { probe: false, timeoutMs: 8000 },
      result: { ts: T0, channelOrder: [], channelLabels: {}, channels: {}, channelAccounts: {}, channelDefaultAccountId: {} },
    },
  }),
};
