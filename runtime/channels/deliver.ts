/**
 * Output that leaves the gateway through a channel: an `agent` reply with
 * `deliver`, a cron job's `announce`, a heartbeat reply. One rule finds the
 * target (as v3): an explicit `channel` + `to` wins; `channel` absent or
 * `last` means the session's last route (the channel/peer it last heard from,
 * kept on its entry as `lastChannel`/`lastTo`/`lastAccountId`/`lastThreadId`)
 * or, failing that, the peer its key names (`agent:<id>:dm:<channel>:<peer>`,
 * `…:group:<channel>:<group>`, `…:thread:<channel>:<group>:<thread>`). The text
 * goes through `ChannelService.send`, chunked to the channel's limit and
 * idempotent by key.
 *
 * ```ts
 * const outcome = await delivery.deliver({ channel: "irc", to: "#ops" }, "deploy finished", "cron:abc");
 * if (!outcome.delivered) log.warn(outcome.error.message);
 * ```
 */
import { GatewayError } from "../errors.js";
import type { Logger } from "../log.js";
import { parseSessionKey } from "../sessions/keys.js";
import type { SendInput } from "./service.js";

/** Where a message goes on a channel. */
export interface DeliveryRoute {
  channel: string;
  to: string;
  accountId?: string;
  threadId?: string;
}

/** What a caller asks for; every member optional (the session fills the gaps). */
export interface DeliveryRequest {
  /** A channel id, or `last` (the default): the session's last channel. */
  channel?: string;
  to?: string;
  accountId?: string;
  threadId?: string;
  /** The session whose last route (or own peer) answers what the request leaves out. */
  sessionKey?: string;
}

export type DeliveryOutcome = { delivered: true; route: DeliveryRoute; messageId: string } | { delivered: false; route?: Partial<DeliveryRoute>; error: GatewayError };

/** The session entry members that keep a session's last route (v3's names). */
export interface LastRouteFields {
  lastChannel?: unknown;
  lastTo?: unknown;
  lastAccountId?: unknown;
  lastThreadId?: unknown;
}

export interface ChannelDeliveryDeps {
  channels: {
    send(input: SendInput): Promise<{ messageId: string; channel: string }>;
    /** Throws CHANNEL_UNKNOWN / CHANNEL_UNSUPPORTED for a channel that cannot deliver. */
    channel(id: string): { id: string };
  };
  /** A session's stored entry (for its last route). */
  entry(sessionKey: string): object | undefined;
  log: Pick<Logger, "info" | "warn">;
}

export class ChannelDelivery {
  constructor(private readonly deps: ChannelDeliveryDeps) {}

  /**
   * The route a request resolves to, or a GatewayError: `CHANNEL_UNKNOWN`/`CHANNEL_UNSUPPORTED` for a channel that
   * cannot deliver, `DELIVERY_TARGET_MISSING` when no channel or recipient can be found.
   */
  resolve(request: DeliveryRequest): DeliveryRoute {
    const requested = request.channel?.trim().toLowerCase() || "last";
    const last = request.sessionKey ? this.lastRoute(request.sessionKey) : undefined;
    const channel = requested === "last" ? last?.channel : this.deps.channels.channel(requested).id;
    if (!channel) {
      throw new GatewayError(
        "DELIVERY_TARGET_MISSING",
        "delivery channel is required: pass channel and to, or use a session that has talked on a channel",
        request.sessionKey ? { sessionKey: request.sessionKey } : {},
      );
    }
    if (requested === "last") this.deps.channels.channel(channel);
    const same = last?.channel === channel;
    const to = request.to?.trim() || (same ? last?.to : undefined);
    if (!to) throw new GatewayError("DELIVERY_TARGET_MISSING", `no recipient on ${channel}: pass to (a user or group of that channel)`, { channel });
    const route: DeliveryRoute = { channel, to };
    const accountId = request.accountId?.trim() || (same && !request.to ? last?.accountId : undefined);
    if (accountId) route.accountId = accountId;
    const threadId = request.threadId?.trim() || (same && !request.to ? last?.threadId : undefined);
    if (threadId) route.threadId = threadId;
    return route;
  }

  /** Resolve and send `text`; never throws (the outcome says why it did not go). */
  async deliver(request: DeliveryRequest, text: string, idempotencyKey: string, options: { mirror?: boolean } = {}): Promise<DeliveryOutcome> {
    let route: DeliveryRoute | undefined;
    try {
      route = this.resolve(request);
      const sent = await this.deps.channels.send({ ...route, message: text, idempotencyKey, mirror: options.mirror ?? false });
      this.deps.log.info("output delivered", { channel: route.channel, to: route.to, key: idempotencyKey });
      return { delivered: true, route: { ...route, channel: sent.channel }, messageId: sent.messageId };
    } catch (thrown) {
      const error =
        thrown instanceof GatewayError ? thrown : new GatewayError("CHANNEL_SEND_FAILED", `delivery failed: ${(thrown as Error)?.message ?? String(thrown)}`, route ? { channel: route.channel } : {});
      this.deps.log.warn(`delivery failed: ${error.message}`, { ...(route ?? {}), key: idempotencyKey });
      return { delivered: false, ...(route ? { route } : {}), error };
    }
  }

  /** The route a session last talked on: its entry's `lastChannel`/`lastTo`, else the peer its key names. */
  lastRoute(sessionKey: string): DeliveryRoute | undefined {
    const entry = this.deps.entry(sessionKey) as LastRouteFields | undefined;
    if (entry && typeof entry.lastChannel === "string" && typeof entry.lastTo === "string" && entry.lastTo) {
      const route: DeliveryRoute = { channel: entry.lastChannel, to: entry.lastTo };
      if (typeof entry.lastAccountId === "string" && entry.lastAccountId) route.accountId = entry.lastAccountId;
      if (typeof entry.lastThreadId === "string" && entry.lastThreadId) route.threadId = entry.lastThreadId;
      return route;
    }
    return routeOfSessionKey(sessionKey);
  }
}

/** The peer a channel session's key names (`dm`, `group`, `thread` keys); undefined for other keys. */
export function routeOfSessionKey(sessionKey: string): DeliveryRoute | undefined {
  try {
    const parts = parseSessionKey(sessionKey);
    if (parts.kind === "dm") return { channel: parts.channel, to: parts.peerId };
    if (parts.kind === "group") return { channel: parts.channel, to: parts.groupId };
    if (parts.kind === "thread") return { channel: parts.channel, to: parts.groupId, threadId: parts.threadId };
  } catch {
    // Not a key at all: no route.
  }
  return undefined;
}

/** The entry members that record a route (what the pipeline writes for each inbound message). */
export function lastRouteFields(route: DeliveryRoute): Record<string, unknown> {
  return {
    lastChannel: route.channel,
    lastTo: route.to,
    lastAccountId: route.accountId,
    lastThreadId: route.threadId,
    deliveryContext: { channel: route.channel, to: route.to, ...(route.accountId ? { accountId: route.accountId } : {}), ...(route.threadId ? { threadId: route.threadId } : {}) },
  };
}
