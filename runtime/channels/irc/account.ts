/**
 * One IRC account: a connection to one server under one nick, kept up until
 * `stop`. It registers (PASS, SASL PLAIN when configured, a `_` appended while
 * the nick is taken), joins its channels, hands every PRIVMSG/ACTION to the
 * pipeline, sends replies through the pacer, and after any disconnect
 * reconnects with exponential backoff, reporting each change of state.
 */

import { performance } from "node:perf_hooks";
import IRC, { type Client, type ClientOptions, type MessageEvent } from "irc-framework";
import type { TimerSource } from "../../cron/time.js";
import { GatewayError } from "../../errors.js";
import type { ChannelAccount, ChannelContext, OutboundTarget } from "../types.js";
import type { IrcSettings } from "./config.js";
import { toInboundMessage } from "./inbound.js";
import { ircTarget, privmsgTextBudget, splitIrcLines } from "./outbound-text.js";
import { DEFAULT_PACING, LinePacer, type PacingOptions } from "./pacer.js";

export interface ReconnectOptions {
  /** Wait before the first reconnect; doubles per failed attempt. */
  initialMs: number;
  maxMs: number;
}

/** Tuning an account's behaviour (tests shorten the waits); the defaults suit real networks. */
export interface IrcAccountOptions {
  reconnect?: ReconnectOptions;
  pacing?: PacingOptions;
  /** Seconds between our PINGs, and of silence after which the server counts as gone. */
  pingIntervalS?: number;
  pingTimeoutS?: number;
  /** How long `stop` waits for the server to close after QUIT before dropping the socket. */
  quitTimeoutMs?: number;
  timers?: TimerSource;
}

export const DEFAULT_RECONNECT: ReconnectOptions = { initialMs: 1000, maxMs: 60_000 };

const realTimers: TimerSource = {
  set: (fn, delayMs) => setTimeout(fn, delayMs),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** The wait before reconnect attempt `attempt` (1-based): doubling from `initialMs` up to `maxMs`, ±20 % so many bots do not return at once. */
export function reconnectDelay(attempt: number, options: ReconnectOptions, random: () => number = Math.random): number {
  const base = Math.min(options.maxMs, options.initialMs * 2 ** Math.min(attempt - 1, 30));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** Longest nick we try when appending `_` to a taken one. */
const MAX_NICK_TRIES = 5;

export class IrcAccount implements ChannelAccount {
  private client: Client | undefined;
  private registered = false;
  private stopped = true;
  private attempts = 0;
  private retryTimer: unknown;
  /** Why the server is about to close (ERROR, a registration refusal), for the report when it does. */
  private closingReason: string | undefined;
  private nickTries = 0;
  private readonly joined = new Set<string>();
  private readonly pacer: LinePacer;
  private readonly timers: TimerSource;
  private readonly reconnect: ReconnectOptions;
  private probeSeq = 0;
  private closed: Promise<void> = Promise.resolve();
  private markClosed: () => void = () => {};

  constructor(
    private readonly context: ChannelContext,
    private readonly settings: IrcSettings,
    private readonly options: IrcAccountOptions = {},
  ) {
    this.timers = options.timers ?? realTimers;
    this.reconnect = options.reconnect ?? DEFAULT_RECONNECT;
    this.pacer = new LinePacer((line) => this.writeLine(line), options.pacing ?? DEFAULT_PACING, { monotonic: () => performance.now() }, this.timers);
    context.log.addSecret?.(settings.password);
    context.log.addSecret?.(settings.saslPassword);
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    this.attempts = 0;
    const { server, port, tls, nick } = this.settings;
    this.context.report({ configured: true, running: true, connected: false, lastStartAt: this.context.now(), server, port, tls, nick, channels: [] });
    this.connect();
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.retryTimer !== undefined) this.timers.clear(this.retryTimer);
    this.retryTimer = undefined;
    this.pacer.fail(new GatewayError("CHANNEL_NOT_RUNNING", "the IRC channel stopped before the message was sent"));
    const client = this.client;
    if (client) {
      const closed = this.closed;
      const closedWithin = (ms: number) =>
        new Promise<boolean>((done) => {
          const timer = this.timers.set(() => done(false), ms);
          void closed.then(() => (this.timers.clear(timer), done(true)));
        });
      if (client.connected) client.quit("tidegate stopping");
      else client.connection.end(undefined, true);
      // A server that does not close after QUIT: drop the socket ourselves.
      if (!(await closedWithin(this.options.quitTimeoutMs ?? 3000))) {
        client.connection.end(undefined, true);
        await closedWithin(1000);
      }
      client.removeAllListeners();
      this.client = undefined;
    }
    this.registered = false;
    this.joined.clear();
    this.context.report({ running: false, connected: false, lastStopAt: this.context.now(), channels: [] });
  }

  async send(target: OutboundTarget, text: string): Promise<{ messageId?: string }> {
    let to: string;
    try {
      to = ircTarget(target.to);
    } catch (error) {
      throw new GatewayError("INVALID_PARAMS", (error as Error).message);
    }
    const client = this.client;
    if (!client || !this.registered)
      throw new GatewayError("CHANNEL_NOT_RUNNING", this.stopped ? "the IRC account is stopped" : "IRC is not connected (reconnecting)", { channel: "irc" }, { retryable: !this.stopped });
    const lines = splitIrcLines(text, privmsgTextBudget(client.user.nick, to)).map((line) => `PRIVMSG ${to} :${line}`);
    await this.pacer.send(lines);
    if (lines.length > 0) this.context.report({ lastOutboundAt: this.context.now() });
    return {};
  }

  async logout(): Promise<{ cleared: boolean }> {
    return { cleared: false }; // nothing is stored: the settings live in the config file
  }

  async probe(timeoutMs: number): Promise<Record<string, unknown>> {
    const client = this.client;
    if (!client || !this.registered) return { ok: false, connected: false, error: "not connected" };
    const token = `tidegate-probe-${++this.probeSeq}`;
    const started = performance.now();
    return new Promise((done) => {
      const onPong = (event: { message: string }) => {
        if (event.message !== token) return;
        finish({ ok: true, connected: true, rttMs: Math.round(performance.now() - started), server: this.settings.server, nick: client.user.nick });
      };
      const timer = this.timers.set(() => finish({ ok: false, connected: client.connected, error: `no PONG within ${timeoutMs} ms` }), timeoutMs);
      const finish = (result: Record<string, unknown>) => {
        this.timers.clear(timer);
        client.off("pong", onPong);
        done(result);
      };
      client.on("pong", onPong);
      client.ping(token);
    });
  }

  /** Write one line to the current connection; the last guard against a line break smuggled into it. */
  private writeLine(line: string): void {
    if (/[\r\n\0]/.test(line)) throw new GatewayError("INVALID_PARAMS", "refused to send an IRC line with a line break inside");
    const client = this.client;
    if (!client || !this.registered) throw new GatewayError("CHANNEL_NOT_RUNNING", "IRC disconnected before the message was sent", {}, { retryable: true });
    client.raw(line);
  }

  private clientOptions(): ClientOptions {
    const s = this.settings;
    return {
      host: s.server,
      port: s.port,
      tls: s.tls,
      rejectUnauthorized: true,
      nick: s.nick,
      username: s.username,
      gecos: s.realname,
      password: s.password,
      // SASL only with its own password: irc-framework would otherwise try the server password as SASL.
      account: s.saslPassword ? { account: s.nick, password: s.saslPassword } : {},
      version: "tidegate",
      auto_reconnect: false,
      ping_interval: this.options.pingIntervalS ?? 30,
      ping_timeout: this.options.pingTimeoutS ?? 120,
      enable_echomessage: false,
    };
  }

  private connect(): void {
    this.retryTimer = undefined;
    if (this.stopped) return;
    const client = new IRC.Client();
    this.client = client;
    this.registered = false;
    this.closingReason = undefined;
    this.nickTries = 0;
    this.joined.clear();
    this.closed = new Promise((done) => (this.markClosed = done));
    /** Events of a client we have replaced or dropped are ignored. */
    const live = () => client === this.client;
    client.on("registered", () => live() && this.onRegistered(client));
    client.on("nick in use", () => live() && this.onNickInUse(client));
    client.on("nick invalid", (event) => live() && this.refuse(client, `the server refused the nick ${event.nick}: ${event.reason}`));
    client.on("sasl failed", (event) => live() && this.refuse(client, `SASL login failed (${event.message ?? event.reason})`));
    client.on("irc error", (event) => live() && this.onIrcError(event));
    client.on("join", (event) => live() && this.onMembership(client, event.nick, event.channel, true));
    client.on("part", (event) => live() && this.onMembership(client, event.nick, event.channel, false));
    client.on("kick", (event) => live() && this.onMembership(client, event.kicked, event.channel, false));
    client.on("nick", (event) => live() && this.onNick(client, event.new_nick));
    client.on("privmsg", (event) => live() && this.onMessage(client, event, "privmsg"));
    client.on("action", (event) => live() && this.onMessage(client, event, "action"));
    client.on("ping timeout", () => live() && (this.closingReason = "the server stopped answering (ping timeout)"));
    client.on("socket close", (error?: Error | false) => this.onClosed(client, error || undefined));
    try {
      client.connect(this.clientOptions());
    } catch (error) {
      this.onClosed(client, error instanceof Error ? error : new Error(String(error)));
    }
  }

  private onRegistered(client: Client): void {
    this.registered = true;
    this.attempts = 0;
    const nick = client.user.nick;
    this.context.log.info("irc connected", { server: this.settings.server, port: this.settings.port, nick });
    this.context.report({ connected: true, lastConnectedAt: this.context.now(), reconnectAttempts: 0, lastError: undefined, nick });
    for (const channel of this.settings.join) client.join(channel);
  }

  private onNickInUse(client: Client): void {
    if (this.registered) return; // a NICK change later on; we keep the nick we have
    if (++this.nickTries > MAX_NICK_TRIES) return this.refuse(client, `the nick ${this.settings.nick} and its ${MAX_NICK_TRIES} variants with _ are taken`);
    const next = this.settings.nick + "_".repeat(this.nickTries);
    this.context.log.warn("irc nick in use, trying another", { nick: next });
    client.user.nick = next;
    client.changeNick(next);
  }

  private onIrcError(event: { error: string; reason?: string; channel?: string }): void {
    const reason = event.reason ?? event.error;
    if (event.error === "irc" || event.error === "password_mismatch") {
      this.closingReason = event.error === "password_mismatch" ? `the server refused the password (${reason})` : `server: ${reason}`;
      return;
    }
    this.context.log.warn("irc error", { error: event.error, reason, channel: event.channel });
    if (event.channel) this.context.report({ lastError: `cannot use ${event.channel}: ${reason}` });
  }

  private onMembership(client: Client, nick: string, channelName: string, joined: boolean): void {
    if (!client.caseCompare(nick, client.user.nick)) return;
    const channel = client.caseLower(channelName);
    if (joined) this.joined.add(channel);
    else this.joined.delete(channel);
    this.context.report({ channels: [...this.joined] });
  }

  private onNick(client: Client, newNick: string): void {
    if (client.caseCompare(newNick, client.user.nick)) this.context.report({ nick: newNick });
  }

  private onMessage(client: Client, event: MessageEvent, kind: "privmsg" | "action"): void {
    const message = toInboundMessage(event, kind, { ownNick: client.user.nick, lower: (value) => client.caseLower(value), now: () => this.context.now() });
    if (!message) return;
    this.context.report({ lastInboundAt: message.receivedAt });
    this.context.receive(message);
  }

  /** Registration cannot go on: tell why and drop the connection (a reconnect follows, with backoff). */
  private refuse(client: Client, reason: string): void {
    this.closingReason = reason;
    client.connection.end(undefined, true);
  }

  private onClosed(client: Client, error: Error | undefined): void {
    if (client !== this.client) return;
    this.markClosed();
    if (this.stopped) return;
    client.removeAllListeners();
    this.client = undefined;
    const wasRegistered = this.registered;
    this.registered = false;
    this.joined.clear();
    this.pacer.fail(new GatewayError("CHANNEL_NOT_RUNNING", "IRC disconnected before the message was sent", {}, { retryable: true }));
    const { server, port } = this.settings;
    const reason =
      this.closingReason ?? (error ? `cannot reach ${server}:${port}: ${error.message}` : wasRegistered ? "the server closed the connection" : "the server closed the connection during registration");
    this.attempts += 1;
    const delay = reconnectDelay(this.attempts, this.reconnect);
    this.context.log.warn("irc disconnected, reconnecting", { server, port, reason, attempt: this.attempts, delayMs: delay });
    this.context.report({ connected: false, lastError: reason, reconnectAttempts: this.attempts, channels: [] });
    this.retryTimer = this.timers.set(() => this.connect(), delay);
  }
}
