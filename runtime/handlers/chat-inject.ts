/**
 * `chat.inject`: append an assistant message (optionally headed `[label]`) to
 * an existing session's transcript without running the agent, and send the
 * `chat` event v3 sends for it (`state: final`, run id `inject-<messageId>`).
 */
import { randomUUID } from "node:crypto";
import { GatewayError } from "../errors.js";
import type { GatewayServices } from "../services.js";
import type { Handlers } from "./context.js";
import { sessionKeyParam } from "./session-key.js";

export function chatInjectHandlers(s: Pick<GatewayServices, "sessions" | "events" | "clock">): Handlers<"chat.inject"> {
  return {
    "chat.inject": async ({ sessionKey: rawKey, message, label }) => {
      const sessionKey = sessionKeyParam(rawKey);
      if (!s.sessions.get(sessionKey)) throw new GatewayError("NOT_FOUND", `session not found: ${rawKey}`, { sessionKey: rawKey });
      const messageId = randomUUID();
      const ts = s.clock.now();
      const content = [{ type: "text", text: `${label ? `[${label}]\n\n` : ""}${message}` }];
      await s.sessions.append(sessionKey, [{ role: "assistant", content, ts, id: messageId, stopReason: "stop", injected: true } as { role: string; content: unknown; ts: number }]);
      s.events.broadcast("chat", { runId: `inject-${messageId}`, sessionKey: rawKey, seq: 0, state: "final", message: { role: "assistant", content, timestamp: ts } });
      return { ok: true, messageId };
    },
  };
}
