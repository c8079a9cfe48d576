/** `channels.*` and `web.login.*`: messaging channels (WhatsApp, Telegram, …), their status and login. */
import { Bool, Dict, Int, Json, List, Nullable, Obj, Open, Opt, Str, Text } from "./primitives.js";

export const ChannelsStatusParams = Obj("ChannelsStatusParams", "Parameters of `channels.status`.", {
  probe: Opt(Bool("Probe every account (slower) instead of reporting cached state.")),
  timeoutMs: Opt(Int("Probe timeout.")),
});

export const ChannelAccountSnapshot = Open("ChannelAccountSnapshot", "State of one channel account. Open, as in v3: channel plugins add their own members.", {
  accountId: Str("Account id."),
  name: Opt(Text("Display name.")),
  enabled: Opt(Bool("Whether the account is enabled.")),
  configured: Opt(Bool("Whether it has credentials.")),
  linked: Opt(Bool("Whether it is linked.")),
  running: Opt(Bool("Whether its connection runs.")),
  connected: Opt(Bool("Whether it is connected.")),
  reconnectAttempts: Opt(Int("Reconnect attempts so far.")),
  lastConnectedAt: Opt(Int("Last connect (ms since epoch).")),
  lastError: Opt(Text("Last error.")),
  lastStartAt: Opt(Int("Last start (ms since epoch).")),
  lastStopAt: Opt(Int("Last stop (ms since epoch).")),
  lastInboundAt: Opt(Int("Last inbound message (ms since epoch).")),
  lastOutboundAt: Opt(Int("Last outbound message (ms since epoch).")),
  lastProbeAt: Opt(Int("Last probe (ms since epoch).")),
  mode: Opt(Text("Connection mode.")),
  dmPolicy: Opt(Text("Direct-message policy.")),
  allowFrom: Opt(List(Text("A sender."), "Allowed senders.")),
  tokenSource: Opt(Text("Where the token comes from.")),
  botTokenSource: Opt(Text("Where the bot token comes from.")),
  appTokenSource: Opt(Text("Where the app token comes from.")),
  baseUrl: Opt(Text("Server URL.")),
  allowUnmentionedGroups: Opt(Bool("Answer in groups without a mention.")),
  cliPath: Opt(Nullable(Text("Path of the channel's CLI."))),
  dbPath: Opt(Nullable(Text("Path of the channel's database."))),
  port: Opt(Nullable(Int("Local port."))),
  probe: Opt(Json("Probe result.")),
  audit: Opt(Json("Audit result.")),
  application: Opt(Json("Application info.")),
});

export const ChannelDisplayMeta = Obj("ChannelDisplayMeta", "How a channel is shown.", {
  id: Str("Channel id."),
  label: Str("Label."),
  detailLabel: Str("Detail label."),
  systemImage: Opt(Text("SF Symbol name.")),
});

export const ChannelsStatusResult = Obj("ChannelsStatusResult", "Result of `channels.status`.", {
  ts: Int("When it was taken (ms since epoch)."),
  channelOrder: List(Str("A channel id."), "Channels in display order."),
  channelLabels: Dict(Str("Label."), "Label by channel id."),
  channelDetailLabels: Opt(Dict(Str("Label."), "Detail label by channel id.")),
  channelSystemImages: Opt(Dict(Str("Symbol."), "SF Symbol by channel id.")),
  channelMeta: Opt(List(ChannelDisplayMeta, "Display data of each channel.")),
  channels: Dict(Json("Channel summary."), "Channel-specific summary by channel id."),
  channelAccounts: Dict(List(ChannelAccountSnapshot, "Accounts."), "Accounts by channel id."),
  channelDefaultAccountId: Dict(Str("Account id."), "Default account by channel id."),
});

export const ChannelsLogoutParams = Obj("ChannelsLogoutParams", "Parameters of `channels.logout`.", {
  channel: Str("Channel id, such as `whatsapp`."),
  accountId: Opt(Text("Account; the default account when absent.")),
});

export const ChannelsLogoutResult = Open("ChannelsLogoutResult", "Result of `channels.logout` (open: the channel adds its own members).", {
  channel: Opt(Str("Channel id.")),
  accountId: Opt(Str("Account id.")),
  cleared: Opt(Bool("Whether credentials were removed.")),
});

export const WebLoginStartParams = Obj("WebLoginStartParams", "Parameters of `web.login.start`: start a QR login of a channel that supports it (WhatsApp Web).", {
  force: Opt(Bool("Start over even when already linked.")),
  timeoutMs: Opt(Int("Give up after this long.")),
  verbose: Opt(Bool("Log the login in detail.")),
  accountId: Opt(Text("Account to link.")),
});

export const WebLoginStartResult = Open("WebLoginStartResult", "Result of `web.login.start`.", {
  message: Opt(Text("What to do next.")),
  qrDataUrl: Opt(Text("QR code to scan, as a data URL.")),
});

export const WebLoginWaitParams = Obj("WebLoginWaitParams", "Parameters of `web.login.wait`: wait for the QR code to be scanned.", {
  timeoutMs: Opt(Int("Give up after this long.")),
  accountId: Opt(Text("Account being linked.")),
});

export const WebLoginWaitResult = Open("WebLoginWaitResult", "Result of `web.login.wait`.", {
  message: Opt(Text("Outcome.")),
  connected: Opt(Bool("True when the account is now linked.")),
});

export const ChannelPairingRequest = Obj("ChannelPairingRequest", "A channel sender waiting for an operator to approve their pairing code (tidegate extension).", {
  channel: Str("Channel id, such as `irc`."),
  accountId: Str("Channel account the sender wrote to."),
  code: Str("The 8-character pairing code the sender was given."),
  senderId: Text("The sender as the channel spells them (IRC: nick)."),
  senderName: Opt(Text("The sender's display name, when the channel has one.")),
  createdAt: Int("When the code was issued (ms since epoch)."),
  expiresAt: Int("When the code expires (ms since epoch)."),
});

export const ChannelsPairingListParams = Obj("ChannelsPairingListParams", "Parameters of `channels.pairing.list`.", {
  channel: Opt(Str("Only this channel's codes.")),
});

export const ChannelsPairingListResult = Obj("ChannelsPairingListResult", "Result of `channels.pairing.list`.", {
  requests: List(ChannelPairingRequest, "Codes waiting for approval, oldest first."),
});

export const ChannelsPairingDecideParams = Obj("ChannelsPairingDecideParams", "Parameters of `channels.pairing.approve` and `channels.pairing.reject`.", {
  channel: Str("Channel id, such as `irc`."),
  code: Str("The pairing code the sender was given (case-insensitive).", { maxLength: 64 }),
});

export const ChannelsPairingDecideResult = Obj("ChannelsPairingDecideResult", "Result of `channels.pairing.approve` and `channels.pairing.reject`.", {
  ok: Bool("Always true."),
  request: ChannelPairingRequest,
});

export const ChannelPairingResolvedEvent = Obj("ChannelPairingResolvedEvent", "Payload of `channel.pairing.resolved`.", {
  request: ChannelPairingRequest,
  decision: Str("`approved` or `rejected`."),
  ts: Int("When it was decided (ms since epoch)."),
});
