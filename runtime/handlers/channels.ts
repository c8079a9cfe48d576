/**
 * `channels.status`, `channels.logout`, `send` and the channel pairing methods
 * (`channels.pairing.list/approve/reject`, a tidegate extension).
 */
import type { GatewayServices } from "../services.js";
import type { Handlers } from "./context.js";

export function channelsHandlers(
  s: Pick<GatewayServices, "channels">,
): Handlers<"channels.status" | "channels.logout" | "send" | "channels.pairing.list" | "channels.pairing.approve" | "channels.pairing.reject"> {
  const { channels } = s;
  return {
    "channels.status": ({ probe, timeoutMs }) => channels.status(probe === true, timeoutMs && timeoutMs > 0 ? timeoutMs : 8000),
    "channels.logout": ({ channel, accountId }) => channels.logout(channel, accountId?.trim() || undefined),
    send: ({ to, message, channel, accountId, threadId, sessionKey, agentId, idempotencyKey }) =>
      channels.send({
        to,
        message,
        channel: channel?.trim() || undefined,
        accountId: accountId?.trim() || undefined,
        threadId: threadId?.trim() || undefined,
        sessionKey: sessionKey?.trim() || undefined,
        agentId: agentId?.trim() || undefined,
        idempotencyKey,
      }),
    "channels.pairing.list": ({ channel }) => ({ requests: channels.list(channel) }),
    "channels.pairing.approve": async ({ channel, code }) => ({ ok: true, request: await channels.approve(channel, code) }),
    "channels.pairing.reject": async ({ channel, code }) => ({ ok: true, request: await channels.reject(channel, code) }),
  };
}
