/** Registry entries of the methods whose params live in `schema/channels.ts`. */
import * as chan from "../channels.js";
import { method } from "../registry-spec.js";

export const channelsMethods = {
  "channels.logout": method({
    unavailable: "Messaging channels are not built yet (issue: channels).",
    params: chan.ChannelsLogoutParams,
    result: chan.ChannelsLogoutResult,
    scope: "operator.admin",
    description: "Log a channel account out and forget its credentials.",
    example: { params: { channel: "whatsapp" }, result: { channel: "whatsapp", accountId: "default", cleared: true } },
  }),
  "web.login.start": method({
    unavailable:
      "QR-code login is for WhatsApp Web, which this gateway does not connect to; no channel here logs in by QR code. Channels log in from their config (IRC: `channels.irc` with its server and nick), so there is nothing to scan.",
    params: chan.WebLoginStartParams,
    result: chan.WebLoginStartResult,
    scope: "operator.admin",
    description: "Start a QR-code login of a channel that supports it (WhatsApp Web).",
    example: { params: { force: false, timeoutMs: 30000 }, result: { message: "Scan the QR code with WhatsApp.", qrDataUrl: "data:image/png;base64,iVBO" } },
  }),
  "web.login.wait": method({
    unavailable:
      "QR-code login is for WhatsApp Web, which this gateway does not connect to; no channel here logs in by QR code. Channels log in from their config (IRC: `channels.irc` with its server and nick), so there is nothing to wait for.",
    params: chan.WebLoginWaitParams,
    result: chan.WebLoginWaitResult,
    scope: "operator.admin",
    description: "Wait for the QR code of `web.login.start` to be scanned.",
    example: { params: { timeoutMs: 120000 }, result: { message: "Linked.", connected: true } },
  }),
  // ── skills and tools ────────────────────────────────────────────────────────────
};
