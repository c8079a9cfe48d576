/**
 * `chat.send` (ack `{runId: idempotencyKey, status: started}`, then `chat`
 * events delta → final | error | aborted), `chat.history` from the transcript
 * (newest `limit`, older pages with `before`), `chat.abort`.
 */

import type { ChatHistoryResult, ChatSendResult } from "../../generated/ts/types.js";
import { GatewayError } from "../errors.js";
import type { GatewayServices } from "../services.js";
import { agentIdOfSessionKey } from "./agent.js";
import type { AgentFamilyServices } from "./agent-call.js";
import type { Handlers } from "./context.js";
import { sessionKeyParam } from "./session-key.js";

const HISTORY_DEFAULT = 200;
/** About the bound v3 keeps: a history answer stays well under the frame limit. */
const HISTORY_MAX_CHARS = 400_000;

/** The channels service, when the gateway has one: chat.send then passes the webchat channel's checks. */
type ChatServices = AgentFamilyServices & Partial<Pick<GatewayServices, "channels">>;

export function chatHandlers(s: ChatServices): Handlers<"chat.send" | "chat.history" | "chat.abort"> {
  const { agents } = s;
  return {
    "chat.send": ({ sessionKey: rawKey, message, timeoutMs, idempotencyKey }, { caller }) => {
      const sessionKey = sessionKeyParam(rawKey);
      if (!message.trim()) throw new GatewayError("INVALID_PARAMS", "message is empty");
      const start = (text: string) =>
        agents.runs.start({
          message: text,
          sessionKey,
          agentId: agentIdOfSessionKey(sessionKey),
          idempotencyKey: `chat\u0000${idempotencyKey}`,
          runId: idempotencyKey,
          timeoutMs: timeoutMs && timeoutMs > 0 ? timeoutMs : undefined,
        });
      // A repeat of a known run answers from it; a new message goes through the webchat channel's pipeline.
      const repeat = agents.runs.get(idempotencyKey) !== undefined;
      const { run, existing } = s.channels && !repeat ? s.channels.pipeline.webchat({ sender: caller?.deviceId ?? caller?.connId ?? "operator", text: message }, start) : start(message);
      if (!existing) return { runId: run.runId, status: "started" };
      const status: ChatSendResult["status"] =
        run.endedAt === undefined ? "in_flight" : run.status === "ok" ? "ok" : run.status === "aborted" ? "aborted" : run.status === "timeout" ? "timeout" : "error";
      return { runId: run.runId, status };
    },
    "chat.history": async ({ sessionKey: rawKey, limit, before }) => {
      const sessionKey = sessionKeyParam(rawKey);
      const page = await agents.sessions.history(sessionKey, { limit: limit ?? HISTORY_DEFAULT, before });
      let messages = page.messages;
      let size = 0;
      let cut = messages.length;
      while (cut > 0 && (size += messages[cut - 1].content.length) <= HISTORY_MAX_CHARS) cut--;
      messages = messages.slice(cut);
      const first = Math.min(before ?? page.total, page.total) - messages.length;
      const result: ChatHistoryResult = {
        sessionKey,
        messages: messages.map((m) => ({ role: m.role, content: [{ type: "text", text: m.content }], ts: m.ts })),
      };
      if (page.sessionId) result.sessionId = page.sessionId;
      if (first > 0) result.nextBefore = first;
      return result;
    },
    "chat.abort": ({ sessionKey: rawKey, runId }) => {
      const sessionKey = sessionKeyParam(rawKey);
      let runIds: string[];
      if (runId) {
        const run = agents.runs.get(runId);
        runIds = run && run.sessionKey === sessionKey && agents.runs.abort(runId) ? [runId] : [];
      } else {
        runIds = agents.runs.abortSession(sessionKey);
      }
      return { ok: true, aborted: runIds.length > 0, runIds };
    },
  };
}
