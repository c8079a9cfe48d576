/**
 * The channel plugin interface: what a messaging channel (IRC, webchat, …)
 * gives the gateway and what the gateway gives it. A channel is one folder,
 * `runtime/channels/<id>/`, exporting a `ChannelPlugin`; the channel manager
 * starts one `ChannelAccount` per configured account, feeds every
 * `InboundMessage` through the pipeline (access policy → session key → agent
 * run → chunked reply) and calls `send` for replies and for the `send` method.
 */
import type { Logger } from "../log.js";

export type ChannelChatType = "dm" | "group" | "thread";

/** The normalized envelope of one incoming message. */
export interface InboundMessage {
  /** The channel's own id of the message, when it has one (dedupe, logs). */
  messageId?: string;
  text: string;
  sender: { id: string; name?: string };
  chatType: ChannelChatType;
  /** The group (IRC channel, chat room …); set for `group` and `thread`. */
  groupId?: string;
  /** The thread inside the group; set for `thread`. */
  threadId?: string;
  /** True when the message names this account (nick, @handle …): groups reply only when mentioned, unless configured otherwise. */
  mentioned: boolean;
  /** Who the message mentions, as the channel spells them. */
  mentions: string[];
  /** Metadata of attachments; their bytes are not fetched by the pipeline. */
  attachments: { name?: string; mimeType?: string; size?: number; url?: string }[];
  /** When the channel received it (ms since epoch). */
  receivedAt: number;
}

/** Where an outbound message goes: a user (DM) or a group, optionally a thread in it. */
export interface OutboundTarget {
  /** A user id for DMs, a group id (such as `#ops`) for groups. */
  to: string;
  chatType: ChannelChatType;
  threadId?: string;
}

export interface ChannelLimits {
  /** Longest text one outbound message may carry; replies are chunked to it. */
  maxMessageChars: number;
  /** Longest inbound text passed on; longer ones are truncated with a note. */
  maxInboundChars: number;
}

/** What an account reports of itself; merged into `channels.status`, health and presence. */
export interface ChannelAccountState {
  configured: boolean;
  running: boolean;
  connected: boolean;
  reconnectAttempts?: number;
  lastConnectedAt?: number;
  lastError?: string;
  lastStartAt?: number;
  lastStopAt?: number;
  lastInboundAt?: number;
  lastOutboundAt?: number;
  /** Channel-specific members (server, nick …), shown as they are. */
  [extra: string]: unknown;
}

/** What the gateway hands an account when it starts it. */
export interface ChannelContext {
  channel: string;
  accountId: string;
  /** The account's config object as validated (`channels.<id>.accounts.<accountId>` or `channels.<id>` for the default account). */
  config: Record<string, unknown>;
  /** A directory of its own for credentials and state (`<state>/channels/<id>/<accountId>`). */
  stateDir: string;
  log: Logger;
  now(): number;
  /** Hand an incoming message to the pipeline (never throws; the pipeline logs and drops what it refuses). */
  receive(message: InboundMessage): void;
  /** Report a change of state (connected, lastError …); the manager stamps and publishes it. */
  report(patch: Partial<ChannelAccountState>): void;
}

/** One running account of a channel. */
export interface ChannelAccount {
  /** Connect; resolves once started (not necessarily connected). Reconnects on its own until `stop`. */
  start(): Promise<void>;
  /** Disconnect and release everything; idempotent. */
  stop(): Promise<void>;
  /** Deliver one message of at most `limits.maxMessageChars`; resolves with the channel's message id when it has one. */
  send(target: OutboundTarget, text: string): Promise<{ messageId?: string }>;
  /** Forget stored credentials/session (for `channels.logout`); `cleared` says whether anything was removed. */
  logout?(): Promise<{ cleared: boolean }>;
  /** Check the connection now (for `channels.status {probe:true}`); the result is shown as the account's `probe`. */
  probe?(timeoutMs: number): Promise<Record<string, unknown>>;
}

export interface ChannelPlugin {
  /** Lowercase id, the key under `channels.*` and in session keys (`irc`, `webchat`). */
  id: string;
  label: string;
  detailLabel: string;
  limits: ChannelLimits;
  /** Built into the gateway and not listed as a messaging channel (webchat): not in `channels.status`, health or `send`. */
  internal?: boolean;
  /**
   * Where `send {to, threadId}` goes, in this channel's terms (optional: without it, `#…`/`&…` are
   * groups and anything else a DM). Throw an `Error` with a sentence when `to` is not a valid target.
   */
  target?(to: string, threadId?: string): OutboundTarget;
  /** Check an account's config; return problems as sentences ("server is required"), empty when fine. */
  validate(config: Record<string, unknown>): string[];
  create(context: ChannelContext): ChannelAccount;
}
