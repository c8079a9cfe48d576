/**
 * The message pipeline: an inbound envelope → truncation note → access policy
 * → per-sender flood limit → pairing or session key → agent run → reply chunked
 * to the channel's limit → `send`. Every drop is logged with channel, account,
 * sender and reason. Webchat (`chat.send`) passes the same checks through
 * `webchat()`, synchronously, so `chat.send` answers as before.
 */
import type { GatewayConfig } from "../../generated/ts/types.js";
import type { RunInput, RunSnapshot } from "../agents/runs.js";
import { GatewayError } from "../errors.js";
import type { Logger } from "../log.js";
import { deriveSessionKey, normalizeAgentId } from "../sessions/keys.js";
import { chunkText } from "./chunk.js";
import { type AccountPolicy, accountConfigOf, policyOf } from "./config.js";
import { DEFAULT_RATE_LIMIT, FloodLimiter, type RateLimit } from "./flood.js";
import type { PairingRequest, PairingStore } from "./pairing-store.js";
import { type DropReason, decide } from "./policy.js";
import type { AccountStates } from "./state.js";
import type { ChannelAccount, ChannelPlugin, InboundMessage, OutboundTarget } from "./types.js";

/** Webchat senders are authenticated operators; this bounds one device's burst. */
export const WEBCHAT_RATE_LIMIT: RateLimit = { messages: 120, perSeconds: 60 };

export interface PipelineDeps {
  config(): GatewayConfig;
  runs: { start(input: RunInput): { run: RunSnapshot; existing: boolean; done: Promise<RunSnapshot> } };
  pairing: PairingStore;
  states: AccountStates;
  log: Logger;
  now(): number;
  /** A sender was given a new pairing code. */
  pairingRequested?(request: PairingRequest): void;
  /** An inbound message reached `sessionKey` from `route` (its session's last route; `main` also set for DMs). */
  routeSeen?(sessionKey: string, route: { channel: string; to: string; accountId: string; threadId?: string }, mainSessionKey?: string): void | Promise<void>;
}

/** A started account as the pipeline sees it. */
export interface LiveAccount {
  plugin: ChannelPlugin;
  accountId: string;
  account: ChannelAccount;
}

interface Who {
  channel: string;
  accountId: string;
  sender: string;
  chatType: string;
  groupId?: string;
}

export class ChannelPipeline {
  private readonly flood: FloodLimiter;

  constructor(private readonly deps: PipelineDeps) {
    this.flood = new FloodLimiter(deps.now);
  }

  /** The policy in force for an account (read from the current config: changes apply to the next message). */
  policy(channel: string, accountId: string): AccountPolicy {
    return policyOf(accountConfigOf(this.deps.config(), channel, accountId));
  }

  /** Who may DM an account: `allowFrom` plus the senders approved through pairing. */
  allowFrom(channel: string, accountId: string): string[] {
    return [...new Set([...this.policy(channel, accountId).allowFrom, ...this.deps.pairing.approved(channel, accountId)])];
  }

  /** Handle one inbound message to its end (reply sent or drop logged); never throws. */
  async handle(live: LiveAccount, message: InboundMessage): Promise<void> {
    const who: Who = { channel: live.plugin.id, accountId: live.accountId, sender: message.sender.id, chatType: message.chatType, groupId: message.groupId };
    try {
      await this.process(live, message, who);
    } catch (error) {
      this.deps.log.error(`channel message failed: ${(error as Error).message}`, { ...who });
    }
  }

  private async process(live: LiveAccount, raw: InboundMessage, who: Who): Promise<void> {
    const { plugin, accountId } = live;
    const channel = plugin.id;
    this.deps.states.patch(channel, accountId, { lastInboundAt: this.deps.now() });
    const policy = this.policy(channel, accountId);
    const message = this.truncate(raw, Math.min(policy.maxInboundChars ?? plugin.limits.maxInboundChars, plugin.limits.maxInboundChars), who);
    if (!message.text.trim() && message.attachments.length === 0) return this.drop(who, "empty", "message has no text");
    const decision = decide(message, policy, this.deps.pairing.approved(channel, accountId));
    if (decision.action === "drop") return this.drop(who, decision.reason, decision.detail, decision.reason === "not-mentioned" ? "debug" : "info");
    const limit = policy.rateLimit ?? DEFAULT_RATE_LIMIT;
    const flood = this.flood.check(`${channel}\u0000${accountId}\u0000${who.sender.toLowerCase()}`, limit);
    if (flood !== "ok") {
      const detail = `more than ${limit.messages} messages in ${limit.perSeconds} s from this sender (rateLimit)`;
      return this.drop(who, "rate-limited", flood === "first-drop" ? `${detail}; further drops of this flood are logged at debug level` : detail, flood === "first-drop" ? "warn" : "debug");
    }
    if (decision.action === "pair") return this.pair(live, message, who);

    const config = this.deps.config();
    const agentId = policy.agentId ?? config.agents?.defaultId ?? "main";
    const sessionKey = deriveSessionKey({
      channel,
      senderId: keyPart(message.sender.id),
      groupId: message.groupId === undefined ? undefined : keyPart(message.groupId),
      threadId: message.chatType === "thread" && message.threadId !== undefined ? keyPart(message.threadId) : undefined,
      agentId,
      dmScope: config.session?.dmScope,
    });
    const replyTo = message.chatType === "dm" ? message.sender.id : message.groupId!;
    try {
      const route = { channel, to: replyTo, accountId, ...(message.chatType === "thread" && message.threadId ? { threadId: message.threadId } : {}) };
      await this.deps.routeSeen?.(sessionKey, route, message.chatType === "dm" ? `agent:${normalizeAgentId(agentId)}:main` : undefined);
    } catch (error) {
      this.deps.log.warn(`last route not recorded: ${(error as Error).message}`, { ...who });
    }
    let started: ReturnType<PipelineDeps["runs"]["start"]>;
    try {
      started = this.deps.runs.start({ message: agentText(message), sessionKey, agentId });
    } catch (error) {
      return this.drop(who, "agent-unavailable", (error as Error).message, "warn");
    }
    this.deps.log.info("channel message routed to agent", { ...who, sessionKey, runId: started.run.runId });
    const run = await started.done;
    if (run.status !== "ok") {
      this.deps.log.warn(`agent run for channel message ended ${run.status}${run.error ? `: ${run.error}` : ""}; no reply sent`, { ...who, runId: run.runId });
      return;
    }
    if (!run.text.trim()) return;
    const target: OutboundTarget =
      message.chatType === "dm" ? { to: message.sender.id, chatType: "dm" } : { to: message.groupId!, chatType: message.chatType, ...(message.threadId ? { threadId: message.threadId } : {}) };
    await this.deliver(live, target, run.text);
  }

  /** Send `text` to `target`, chunked to the account's limit; the last message's id. Failures are recorded as `lastError` and thrown. */
  async deliver(live: LiveAccount, target: OutboundTarget, text: string): Promise<{ messageId?: string; chunks: number }> {
    const { plugin, accountId, account } = live;
    const policy = this.policy(plugin.id, accountId);
    const limit = Math.min(policy.textChunkLimit ?? plugin.limits.maxMessageChars, plugin.limits.maxMessageChars);
    const chunks = chunkText(text, limit);
    let messageId: string | undefined;
    try {
      for (const chunk of chunks) {
        ({ messageId } = await account.send(target, chunk));
        this.deps.states.patch(plugin.id, accountId, { lastOutboundAt: this.deps.now() });
      }
    } catch (error) {
      const reason = (error as Error).message;
      this.deps.states.patch(plugin.id, accountId, { lastError: `send failed: ${reason}` });
      this.deps.log.warn(`channel send failed: ${reason}`, { channel: plugin.id, accountId, to: target.to });
      throw error;
    }
    return { messageId, chunks: chunks.length };
  }

  /**
   * `chat.send`'s path: the same truncation and flood limit (per device; operators are allowed by
   * their authentication), then `start`. Synchronous, so `chat.send` answers exactly as before.
   */
  webchat<T>(input: { sender: string; text: string }, start: (text: string) => T): T {
    const settings = this.deps.config().channels?.webchat ?? {};
    const who: Who = { channel: "webchat", accountId: "default", sender: input.sender, chatType: "dm" };
    this.deps.states.patch("webchat", "default", { lastInboundAt: this.deps.now() });
    const limit = settings.rateLimit ?? WEBCHAT_RATE_LIMIT;
    const flood = this.flood.check(`webchat\u0000default\u0000${input.sender}`, limit);
    if (flood !== "ok") {
      this.drop(who, "rate-limited", `more than ${limit.messages} messages in ${limit.perSeconds} s from this device (channels.webchat.rateLimit)`, flood === "first-drop" ? "warn" : "debug");
      throw new GatewayError("RATE_LIMITED", `too many messages: at most ${limit.messages} in ${limit.perSeconds} s per device (channels.webchat.rateLimit)`, undefined, {
        retryable: true,
      });
    }
    const max = settings.maxInboundChars;
    const text = max ? truncateText(input.text, max, () => this.deps.log.info("webchat message truncated", { ...who, chars: input.text.length, kept: max })) : input.text;
    return start(text);
  }

  private async pair(live: LiveAccount, message: InboundMessage, who: Who): Promise<void> {
    const { plugin, accountId, account } = live;
    const outcome = await this.deps.pairing.request(plugin.id, accountId, message.sender.id, message.sender.name);
    if (outcome.kind === "full") return this.drop(who, "pairing-queue-full", `${outcome.max} pairing codes already wait for approval on this account`, "warn");
    const { code } = outcome.request;
    if (outcome.kind === "existing") return this.drop(who, "pairing-pending", `sender's pairing code ${code} waits for approval`);
    this.drop(who, "pairing-pending", `new sender: pairing code ${code} sent; approve with \`tidegate pairing approve ${plugin.id} ${code}\``, "warn");
    this.deps.pairingRequested?.(outcome.request);
    const text = `Hi! I don't know you yet. Your pairing code is ${code}. Ask the operator of this gateway to approve it (tidegate pairing approve ${plugin.id} ${code}); it expires in 1 hour.`;
    try {
      await account.send({ to: message.sender.id, chatType: "dm" }, text);
      this.deps.states.patch(plugin.id, accountId, { lastOutboundAt: this.deps.now() });
    } catch (error) {
      this.deps.log.warn(`pairing code not delivered: ${(error as Error).message}`, { ...who });
    }
  }

  private truncate(message: InboundMessage, max: number, who: Who): InboundMessage {
    if (message.text.length <= max) return message;
    this.deps.log.info("channel message truncated", { ...who, chars: message.text.length, kept: max });
    return { ...message, text: truncateText(message.text, max) };
  }

  private drop(who: Who, reason: DropReason, detail: string, level: "debug" | "info" | "warn" = "info"): void {
    this.deps.log[level](`channel message dropped (${reason}): ${detail}`, { ...who, reason });
  }
}

/** `text` cut to `max` characters plus a note saying so. */
export function truncateText(text: string, max: number, onCut?: () => void): string {
  if (text.length <= max) return text;
  onCut?.();
  let cut = max;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return `${text.slice(0, cut)}\n[message truncated: ${text.length - cut} of ${text.length} characters were cut]`;
}

/** An id as a session key segment: no whitespace, `:` or control characters (IRC masks may hold IPv6 hosts), at most 200 characters. */
export function keyPart(id: string): string {
  const clean = id.replace(/[\s:\u0000-\u001f\u007f]/gu, "_").slice(0, 200);
  return clean || "_";
}

/** What the agent reads: in groups, who said it; attachments as a note (their bytes are not fetched). */
function agentText(message: InboundMessage): string {
  const from = message.chatType === "dm" ? "" : `[${message.sender.name ?? message.sender.id}] `;
  const notes = message.attachments.map((a) => `\n[attachment: ${a.name ?? "unnamed"}${a.mimeType ? `, ${a.mimeType}` : ""}${a.size !== undefined ? `, ${a.size} bytes` : ""}]`);
  return `${from}${message.text}${notes.join("")}`;
}
