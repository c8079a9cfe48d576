/**
 * Test support (never registered in production): an in-memory channel plugin
 * whose accounts record what they send and receive messages a test injects,
 * and a fixture wiring it to a ChannelService over scripted agent runs.
 */
import type { GatewayConfig } from "../../generated/ts/types.js";
import { runFixture } from "../agents/test-support.js";
import type { Logger } from "../log.js";
import { ChannelService } from "./service.js";
import type { ChannelAccount, ChannelContext, ChannelPlugin, InboundMessage, OutboundTarget } from "./types.js";

export interface SentMessage {
  channel: string;
  accountId: string;
  target: OutboundTarget;
  text: string;
}

export class MemoryChannel {
  readonly sent: SentMessage[] = [];
  readonly accounts = new Map<string, { context: ChannelContext; starts: number; stopped: boolean }>();
  /** Account ids whose `start` rejects. */
  readonly failing = new Set<string>();
  private waiters: { count: number; resolve: () => void }[] = [];
  readonly plugin: ChannelPlugin;

  constructor(
    readonly id = "memory",
    limits = { maxMessageChars: 100, maxInboundChars: 200 },
  ) {
    this.plugin = {
      id,
      label: `Memory ${id}`,
      detailLabel: "In-memory test channel",
      limits,
      validate: (config) => (config.broken ? ["broken is set"] : []),
      create: (context) => this.create(context),
    };
  }

  private create(context: ChannelContext): ChannelAccount {
    const state = this.accounts.get(context.accountId) ?? { context, starts: 0, stopped: false };
    state.context = context;
    state.stopped = false;
    this.accounts.set(context.accountId, state);
    return {
      start: async () => {
        state.starts++;
        if (this.failing.has(context.accountId)) throw new Error(`cannot reach ${context.accountId}`);
        context.report({ connected: true, lastConnectedAt: context.now() });
      },
      stop: async () => {
        state.stopped = true;
      },
      send: async (target, text) => {
        this.sent.push({ channel: this.id, accountId: context.accountId, target, text });
        for (const w of [...this.waiters]) if (this.sent.length >= w.count) w.resolve();
        return { messageId: `m${this.sent.length}` };
      },
      logout: async () => ({ cleared: true }),
      probe: async () => ({ ok: true, account: context.accountId }),
    };
  }

  /** Deliver an inbound message to an account (as its connection would). */
  receive(accountId: string, message: Partial<InboundMessage> & { text: string; from: string }): void {
    const state = this.accounts.get(accountId);
    if (!state) throw new Error(`account ${accountId} was never started`);
    const { from, ...rest } = message;
    state.context.receive({
      sender: { id: from },
      chatType: "dm",
      mentioned: false,
      mentions: [],
      attachments: [],
      receivedAt: Date.now(),
      ...rest,
    });
  }

  /** Resolves once `count` messages in total have been sent. */
  untilSent(count: number): Promise<void> {
    if (this.sent.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }
}

/** A logger that keeps every line (drops are asserted through it). */
export function memoryLog(): Logger & { lines: { level: string; message: string; fields?: Record<string, unknown> }[] } {
  const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  const at = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push({ level, message, fields });
  return { lines, debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error"), debugEnabled: true };
}

/** A ChannelService over a memory channel and scripted agent runs ("Echo: <message>"). */
export function channelFixture(initial: GatewayConfig, plugins?: MemoryChannel[]) {
  const agents = runFixture();
  const channels = plugins ?? [new MemoryChannel()];
  let config = initial;
  const log = memoryLog();
  let now = 1_000_000;
  const pairingEvents: unknown[] = [];
  const service = new ChannelService({
    plugins: channels.map((c) => c.plugin),
    config: () => config,
    stateDir: agents.stateDir,
    log,
    now: () => now,
    runs: agents.runs,
    sessions: agents.sessions,
    retry: { initialMs: 5, maxMs: 20 },
    pairingRequested: (r) => pairingEvents.push(r),
  });
  return {
    ...agents,
    service,
    channel: channels[0],
    channels,
    log,
    pairingEvents,
    setConfig(next: GatewayConfig) {
      config = next;
      return service.apply();
    },
    advance(ms: number) {
      now += ms;
    },
    drops: () => log.lines.filter((l) => l.message.startsWith("channel message dropped")).map((l) => l.fields?.reason),
  };
}
