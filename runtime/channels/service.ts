/**
 * The channels family as one service: plugins, account states, the pairing
 * store, the pipeline and the manager, plus what the methods need (`send`
 * idempotent by key, `channels.status` with probes, `channels.logout`, pairing).
 */
import type { ChannelsStatusResult, GatewayConfig, SendResult } from "../../generated/ts/types.js";
import type { SessionPort } from "../agents/session-port.js";
import { GatewayError } from "../errors.js";
import type { Logger } from "../log.js";
import { agentIdOfKey, deriveSessionKey, normalizeAgentId, normalizeSessionKey } from "../sessions/keys.js";
import { ChannelManager } from "./manager.js";
import { PairingError, type PairingRequest, PairingStore } from "./pairing-store.js";
import { ChannelPipeline, keyPart, type PipelineDeps } from "./pipeline.js";
import { AccountStates } from "./state.js";
import { channelsStatus, healthChannels, listedPlugins, presenceRows, summaryLines } from "./status.js";
import type { ChannelPlugin, OutboundTarget } from "./types.js";

/** How long `send` remembers an idempotency key (as v3: 5 minutes). */
const SEND_DEDUPE_MS = 5 * 60_000;
const SEND_DEDUPE_MAX = 10_000;

export interface ChannelServiceOptions {
  plugins: readonly ChannelPlugin[];
  config(): GatewayConfig;
  stateDir: string;
  log: Logger;
  now(): number;
  runs: PipelineDeps["runs"];
  pairingRequested?(request: PairingRequest): void;
  pairingResolved?(request: PairingRequest, decision: "approved" | "rejected"): void;
  retry?: { initialMs: number; maxMs: number };
  /** Where `send` mirrors what it delivered (as v3: the target's session keeps the message as the agent's). */
  sessions?: Pick<SessionPort, "ensure" | "append">;
  /** An inbound message was routed to a session: remember where it came from (the session's last route). */
  routeSeen?: PipelineDeps["routeSeen"];
}

export interface SendInput {
  to: string;
  message?: string;
  channel?: string;
  accountId?: string;
  threadId?: string;
  /** The session to mirror the message into (default: the target's, as an inbound message from it would use). */
  sessionKey?: string;
  agentId?: string;
  idempotencyKey: string;
  /** Keep the message in the target's session (default true; false when it already lives in the session it came from). */
  mirror?: boolean;
}

export class ChannelService {
  readonly states = new AccountStates();
  readonly pairing: PairingStore;
  readonly pipeline: ChannelPipeline;
  readonly manager: ChannelManager;
  private readonly sent = new Map<string, { at: number; result: Promise<SendResult> }>();

  constructor(private readonly options: ChannelServiceOptions) {
    this.pairing = new PairingStore(options.stateDir, options.now, undefined, options.log);
    this.pipeline = new ChannelPipeline({ ...options, pairing: this.pairing, states: this.states });
    this.manager = new ChannelManager({ ...options, states: this.states, pipeline: this.pipeline });
  }

  /** Start every enabled account of the config (in the background of the gateway's start; never throws). */
  start(): Promise<void> {
    return this.manager.start();
  }

  /** Apply a config change to the running accounts. */
  apply(): Promise<void> {
    return this.manager.apply();
  }

  /** Stop every account and wait for pending pairing writes (gateway shutdown). */
  async stop(): Promise<void> {
    await this.manager.stop();
    await this.pairing.flush().catch(() => undefined);
  }

  /** A messaging channel by id, or `CHANNEL_UNKNOWN` naming the ones there are. */
  channel(id: string): ChannelPlugin {
    const wanted = id.trim().toLowerCase();
    const plugin = listedPlugins(this.manager).find((p) => p.id === wanted);
    if (plugin) return plugin;
    const known = listedPlugins(this.manager).map((p) => p.id);
    if (this.manager.plugin(wanted)?.internal) {
      throw new GatewayError("CHANNEL_UNSUPPORTED", `${wanted} is internal to the gateway; use chat.send for webchat (channels: ${known.join(", ") || "none"})`, { channel: wanted });
    }
    throw new GatewayError("CHANNEL_UNKNOWN", `unknown channel '${id}'; channels: ${known.join(", ") || "none"}`, { channel: id, channels: known });
  }

  /** `channels.status`; with `probe`, each running account checks its connection (bounded by `timeoutMs`). */
  async status(probe = false, timeoutMs = 8000): Promise<ChannelsStatusResult> {
    const probes: Record<string, Record<string, unknown>> = {};
    if (probe) {
      await Promise.all(
        listedPlugins(this.manager).flatMap((plugin) =>
          this.manager.accounts(plugin.id).map(async (a) => {
            const live = this.manager.live(plugin.id, a.accountId);
            let result: Record<string, unknown>;
            if (!live) result = { ok: false, error: "not running" };
            else if (!live.account.probe) result = { ok: this.states.get(plugin.id, a.accountId)?.connected === true, note: "no active probe; connection state shown" };
            else result = await withTimeout(live.account.probe(timeoutMs), timeoutMs).catch((error: Error) => ({ ok: false, error: error.message }));
            probes[`${plugin.id}\u0000${a.accountId}`] = result;
          }),
        ),
      );
    }
    return channelsStatus(this.manager, this.states, this.options.now(), probes);
  }

  /** The health snapshot's channel section. */
  health() {
    return healthChannels(this.manager, this.states, this.options.now());
  }

  /** Presence rows of the configured accounts (one per account, `mode: "channel"`). */
  presence() {
    return presenceRows(this.manager, this.states, this.options.now());
  }

  /** `status`'s channel summary lines. */
  summary(): string[] {
    return summaryLines(this.manager, this.states, this.options.now());
  }

  /** `channels.logout`: the account forgets its stored session, when it keeps one. */
  async logout(channel: string, accountId?: string): Promise<{ channel: string; accountId: string; cleared: boolean }> {
    const plugin = this.channel(channel);
    const id = accountId ?? this.manager.defaultAccountId(plugin.id);
    if (!this.manager.accounts(plugin.id).some((a) => a.accountId === id)) {
      throw new GatewayError("NOT_FOUND", `${plugin.id} has no account '${id}' in the config (channels.${plugin.id})`, { channel: plugin.id, accountId: id });
    }
    const live = this.manager.live(plugin.id, id);
    const { cleared } = live?.account.logout ? await live.account.logout() : { cleared: false };
    this.options.log.info("channel account logged out", { channel: plugin.id, accountId: id, cleared });
    return { channel: plugin.id, accountId: id, cleared };
  }

  /** `send`: deliver a message through a channel account; the same idempotency key returns the first result. */
  send(input: SendInput): Promise<SendResult> {
    this.sweep();
    const remembered = this.sent.get(input.idempotencyKey);
    if (remembered) return remembered.result;
    const result = this.deliver(input);
    this.sent.set(input.idempotencyKey, { at: this.options.now(), result });
    // Failures that may pass later are not remembered: a retry with the same key tries again.
    result.catch((error) => {
      if (error instanceof GatewayError && error.retryable) this.sent.delete(input.idempotencyKey);
    });
    return result;
  }

  private async deliver(input: SendInput): Promise<SendResult> {
    const text = input.message?.trim() ?? "";
    if (!text) throw new GatewayError("INVALID_PARAMS", "message is empty: send needs text (media is not supported by these channels)");
    if (input.sessionKey) {
      try {
        normalizeSessionKey(input.sessionKey);
      } catch (error) {
        throw new GatewayError("INVALID_PARAMS", (error as Error).message);
      }
    }
    const channelId = input.channel ?? this.onlyChannel();
    const plugin = this.channel(channelId);
    const accountId = input.accountId ?? this.manager.defaultAccountId(plugin.id);
    const live = this.manager.live(plugin.id, accountId);
    if (!live) {
      const configured = this.manager.accounts(plugin.id).some((a) => a.accountId === accountId);
      const why = configured ? (this.states.get(plugin.id, accountId)?.lastError ?? "it is not running") : `it is not configured (channels.${plugin.id})`;
      throw new GatewayError("CHANNEL_NOT_RUNNING", `${plugin.id} account ${accountId} cannot send: ${why}`, { channel: plugin.id, accountId }, { retryable: configured });
    }
    let target: OutboundTarget;
    try {
      target = plugin.target ? plugin.target(input.to.trim(), input.threadId) : defaultTarget(input.to.trim(), input.threadId);
    } catch (error) {
      throw new GatewayError("INVALID_PARAMS", `invalid ${plugin.id} target '${input.to}': ${(error as Error).message}`, { channel: plugin.id });
    }
    let messageId: string | undefined;
    try {
      ({ messageId } = await this.pipeline.deliver(live, target, text));
    } catch (error) {
      // The plugin's own verdict (a bad target, the connection down) goes out as it is.
      if (error instanceof GatewayError) throw error;
      throw new GatewayError("CHANNEL_SEND_FAILED", `${plugin.id} could not deliver the message: ${(error as Error).message}`, { channel: plugin.id, accountId }, { retryable: true });
    }
    this.options.log.info("message sent", { channel: plugin.id, accountId, to: target.to });
    await this.mirror(input, plugin.id, accountId, target, text);
    return { runId: input.idempotencyKey, messageId: messageId ?? `${plugin.id}-${input.idempotencyKey}`, channel: plugin.id };
  }

  /** Keep a sent message in the session it belongs to, so the agent knows what was said in its name. Best effort. */
  private async mirror(input: SendInput, channel: string, accountId: string, target: OutboundTarget, text: string): Promise<void> {
    if (!this.options.sessions || input.mirror === false) return;
    try {
      const config = this.options.config();
      const agentId = normalizeAgentId(input.agentId ?? this.pipeline.policy(channel, accountId).agentId ?? config.agents?.defaultId ?? "main");
      const sessionKey = input.sessionKey
        ? normalizeSessionKey(input.sessionKey)
        : deriveSessionKey({
            channel,
            senderId: keyPart(target.to),
            groupId: target.chatType === "dm" ? undefined : keyPart(target.to),
            threadId: target.chatType === "thread" && target.threadId ? keyPart(target.threadId) : undefined,
            agentId,
            dmScope: config.session?.dmScope,
          });
      await this.options.sessions.ensure(sessionKey, agentIdOfKey(sessionKey));
      await this.options.sessions.append(sessionKey, { role: "assistant", content: text, ts: this.options.now(), runId: input.idempotencyKey });
    } catch (error) {
      this.options.log.warn(`sent message not kept in its session: ${(error as Error).message}`, { channel, accountId, to: target.to });
    }
  }

  /** Approve a pairing code: its sender may message the agent from now on (and is told so). */
  async approve(channel: string, code: string): Promise<PairingRequest> {
    const plugin = this.channel(channel);
    const request = await this.pairingCall(() => this.pairing.approve(plugin.id, code));
    this.options.log.info("channel sender approved", { channel: plugin.id, accountId: request.accountId, sender: request.senderId, code: request.code });
    this.options.pairingResolved?.(request, "approved");
    // Tell the sender, best effort: the approval stands even when they cannot be reached now.
    const live = this.manager.live(plugin.id, request.accountId);
    if (live) {
      this.pipeline.deliver(live, { to: request.senderId, chatType: "dm" }, "You're approved: you can message me now.").catch(() => undefined);
    }
    return request;
  }

  /** Refuse a pairing code. */
  async reject(channel: string, code: string): Promise<PairingRequest> {
    const plugin = this.channel(channel);
    const request = await this.pairingCall(() => this.pairing.reject(plugin.id, code));
    this.options.log.info("channel pairing rejected", { channel: plugin.id, accountId: request.accountId, sender: request.senderId, code: request.code });
    this.options.pairingResolved?.(request, "rejected");
    return request;
  }

  /** Pairing codes waiting for approval (of one channel when given). */
  list(channel?: string): PairingRequest[] {
    return this.pairing.list(channel === undefined ? undefined : this.channel(channel).id);
  }

  private async pairingCall(run: () => Promise<PairingRequest>): Promise<PairingRequest> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof PairingError) throw new GatewayError(error.reason === "expired" ? "PAIRING_CODE_EXPIRED" : "PAIRING_CODE_UNKNOWN", error.message);
      throw error;
    }
  }

  /** The channel `send` uses when none is named: the only configured one. */
  private onlyChannel(): string {
    const configured = listedPlugins(this.manager).filter((p) => this.manager.accounts(p.id).length > 0);
    if (configured.length === 1) return configured[0].id;
    throw new GatewayError("INVALID_PARAMS", `name the channel: ${configured.length ? `configured channels are ${configured.map((p) => p.id).join(", ")}` : "no channel is configured (channels.*)"}`);
  }

  private sweep(): void {
    const now = this.options.now();
    for (const [k, v] of this.sent) if (now - v.at > SEND_DEDUPE_MS || this.sent.size > SEND_DEDUPE_MAX) this.sent.delete(k);
  }
}

/** Without the plugin's own rule: `#…`/`&…` are groups, anything else a direct message. */
export function defaultTarget(to: string, threadId?: string): OutboundTarget {
  if (!to) throw new Error("empty target");
  const group = to.startsWith("#") || to.startsWith("&");
  return { to, chatType: group ? (threadId ? "thread" : "group") : "dm", ...(threadId ? { threadId } : {}) };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`probe timed out after ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}
