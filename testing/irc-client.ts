/**
 * Test support: a second IRC user (an irc-framework client) that talks to the
 * bot and waits — on events, never on sleeps — for the lines it gets back.
 */
import IRC, { type Client, type MessageEvent } from "irc-framework";

export interface ReceivedLine {
  kind: "privmsg" | "notice" | "action";
  from: string;
  /** Our nick for a DM, the channel otherwise. */
  target: string;
  text: string;
}

export interface TestIrcClientOptions {
  host?: string;
  port: number;
  nick: string;
  username?: string;
  password?: string;
}

/** How long `waitFor` waits by default before failing the test with what did arrive (a safety net, not a timing assertion). */
const WAIT_MS = 30_000;

export class TestIrcClient {
  /** Every PRIVMSG, NOTICE and ACTION that reached this user, in order. */
  readonly received: ReceivedLine[] = [];
  private readonly waiters = new Set<() => void>();

  private constructor(readonly client: Client) {
    const record = (kind: ReceivedLine["kind"]) => (event: MessageEvent) => {
      if (event.from_server && kind === "notice") return; // server notices (connect banners)
      this.received.push({ kind, from: event.nick, target: event.target, text: event.message });
      for (const wake of this.waiters) wake();
    };
    client.on("privmsg", record("privmsg"));
    client.on("notice", record("notice"));
    client.on("action", record("action"));
  }

  /** Connect and register as `nick`. */
  static async connect(options: TestIrcClientOptions): Promise<TestIrcClient> {
    const client = new IRC.Client();
    const user = new TestIrcClient(client);
    await new Promise<void>((done, fail) => {
      client.once("registered", () => done());
      client.once("close", () => fail(new Error(`test IRC client ${options.nick} could not register on port ${options.port}`)));
      client.connect({
        host: options.host ?? "127.0.0.1",
        port: options.port,
        nick: options.nick,
        username: options.username ?? options.nick,
        gecos: "tidegate test user",
        password: options.password,
        account: {},
        auto_reconnect: false,
        ping_interval: 0,
        ping_timeout: 0,
      });
    });
    return user;
  }

  get nick(): string {
    return this.client.user.nick;
  }

  /** Join a channel and wait until the server confirms it. */
  async join(channel: string): Promise<void> {
    await this.waitForEvent(
      "join",
      (event: { nick: string; channel: string }) => this.client.caseCompare(event.nick, this.nick) && this.client.caseCompare(event.channel, channel),
      () => this.client.join(channel),
    );
  }

  /** Wait until `nick` has joined `channel` (as this user sees it). */
  async waitForJoin(nick: string, channel: string): Promise<void> {
    await this.waitForEvent("join", (event: { nick: string; channel: string }) => this.client.caseCompare(event.nick, nick) && this.client.caseCompare(event.channel, channel));
  }

  say(target: string, text: string): void {
    this.client.say(target, text);
  }

  /** Send one raw IRC line as it is. */
  raw(line: string): void {
    this.client.raw(line);
  }

  /** The first received line (already in or still to come) that matches; fails after `timeoutMs` listing what came. */
  waitFor(match: (line: ReceivedLine) => boolean, what = "a matching message", timeoutMs = WAIT_MS): Promise<ReceivedLine> {
    return this.waitForLines((lines) => lines.find(match), what, timeoutMs);
  }

  /** Wait until `pick` finds what it wants among all received lines. */
  waitForLines<T>(pick: (lines: ReceivedLine[]) => T | undefined, what: string, timeoutMs = WAIT_MS): Promise<T> {
    return new Promise((done, fail) => {
      const check = () => {
        const found = pick(this.received);
        if (found === undefined) return false;
        this.waiters.delete(wake);
        clearTimeout(timer);
        done(found);
        return true;
      };
      const wake = () => void check();
      const timer = setTimeout(() => {
        this.waiters.delete(wake);
        fail(new Error(`${this.nick} did not receive ${what}; it received:\n${this.received.map((l) => `  ${l.kind} <${l.from}> ${l.target}: ${l.text}`).join("\n")}`));
      }, timeoutMs);
      if (!check()) this.waiters.add(wake);
    });
  }

  /** Wait for one client event matching `match`, after running `trigger`. */
  waitForEvent<E>(name: string, match: (event: E) => boolean, trigger?: () => void, timeoutMs = WAIT_MS): Promise<E> {
    return new Promise((done, fail) => {
      const listener = (event: E) => {
        if (!match(event)) return;
        clearTimeout(timer);
        this.client.off(name, listener as (...args: never[]) => void);
        done(event);
      };
      const timer = setTimeout(() => {
        this.client.off(name, listener as (...args: never[]) => void);
        fail(new Error(`${this.nick}: no ${name} event came`));
      }, timeoutMs);
      this.client.on(name, listener as (...args: never[]) => void);
      trigger?.();
    });
  }

  /** QUIT and wait until the socket is closed. */
  async close(): Promise<void> {
    if (!this.client.connected) return;
    await new Promise<void>((done) => {
      this.client.once("close", () => done());
      this.client.quit("bye");
    });
  }
}
