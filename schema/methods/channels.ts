/** Registry entries of the methods whose params live in `schema/channels.ts`. */
import * as chan from "../channels.js";
import { T0 } from "../example-values.js";
import { method } from "../registry-spec.js";

const PAIRING_REQUEST = { channel: "irc", accountId: "default", code: "K7QH3MXP", senderId: "alice", createdAt: T0, expiresAt: T0 + 3600000 };

export const channelsMethods = {
  "channels.logout": method({
    params: chan.ChannelsLogoutParams,
    result: chan.ChannelsLogoutResult,
    scope: "operator.admin",
    description: "Log a channel account out and forget its credentials.",
    errors: ["CHANNEL_UNKNOWN", "NOT_FOUND"],
    example: { params: { channel: "irc" }, result: { channel: "irc", accountId: "default", cleared: false } },
  }),
  "channels.pairing.list": method({
    params: chan.ChannelsPairingListParams,
    result: chan.ChannelsPairingListResult,
    scope: "operator.pairing",
    errors: ["CHANNEL_UNKNOWN"],
    description: 'Channel senders waiting for approval of their pairing code (`dmPolicy: "pairing"`; tidegate extension).',
    example: { params: { channel: "irc" }, result: { requests: [PAIRING_REQUEST] } },
  }),
  "channels.pairing.approve": method({
    params: chan.ChannelsPairingDecideParams,
    result: chan.ChannelsPairingDecideResult,
    scope: "operator.pairing",
    errors: ["CHANNEL_UNKNOWN", "PAIRING_CODE_UNKNOWN", "PAIRING_CODE_EXPIRED"],
    description: "Approve a channel sender's pairing code: the sender may message the agent from now on (tidegate extension).",
    example: { params: { channel: "irc", code: "K7QH3MXP" }, result: { ok: true, request: PAIRING_REQUEST } },
  }),
  "channels.pairing.reject": method({
    params: chan.ChannelsPairingDecideParams,
    result: chan.ChannelsPairingDecideResult,
    scope: "operator.pairing",
    errors: ["CHANNEL_UNKNOWN", "PAIRING_CODE_UNKNOWN", "PAIRING_CODE_EXPIRED"],
    description: "Refuse a channel sender's pairing code; the code is forgotten (tidegate extension).",
    example: { params: { channel: "irc", code: "K7QH3MXP" }, result: { ok: true, request: PAIRING_REQUEST } },
  }),
  "web.login.start": method({
    unavailable: "Messaging channels are not built yet (issue: channels).",
    params: chan.WebLoginStartParams,
    result: chan.WebLoginStartResult,
    scope: "operator.admin",
    description: "Start a QR-code login of a channel that supports it (WhatsApp Web).",
    example: { params: { force: false, timeoutMs: 30000 }, result: { message: "Scan the QR code with WhatsApp.", qrDataUrl: "data:image/png;base64,iVBO" } },
  }),
  "web.login.wait": method({
    unavailable: "Messaging channels are not built yet (issue: channels).",
    params: chan.WebLoginWaitParams,
    result: chan.WebLoginWaitResult,
    scope: "operator.admin",
    description: "Wait for the QR code of `web.login.start` to be scanned.",
    example: { params: { timeoutMs: 120000 }, result: { message: "Linked.", connected: true } },
  }),
  // ── skills and tools ────────────────────────────────────────────────────────────
};
