/**
 * The part of irc-framework (4.14, which ships no types) that tidegate uses: the
 * client, its connect options and the events the IRC channel and the tests listen to.
 */
declare module "irc-framework" {
  export interface ClientOptions {
    host: string;
    port?: number;
    tls?: boolean;
    rejectUnauthorized?: boolean;
    nick: string;
    username?: string;
    gecos?: string;
    /** Server password (PASS); also used for SASL when `account` is absent. */
    password?: string;
    /** SASL PLAIN credentials; `{}` turns the password fallback to SASL off. */
    account?: { account?: string; password?: string };
    encoding?: string;
    /** Reply to CTCP VERSION with this text; null/empty to stay silent. */
    version?: string | null;
    auto_reconnect?: boolean;
    auto_reconnect_max_retries?: number;
    auto_reconnect_max_wait?: number;
    /** Seconds between client PINGs (0: none). */
    ping_interval?: number;
    /** Seconds without data before the connection counts as dead (0: never). */
    ping_timeout?: number;
    message_max_length?: number;
    enable_echomessage?: boolean;
  }

  /** A PRIVMSG, NOTICE or ACTION as irc-framework emits it. */
  export interface MessageEvent {
    from_server: boolean;
    nick: string;
    ident: string;
    hostname: string;
    target: string;
    message: string;
    /** The STATUSMSG prefix (`@` of `@#ops`), when there is one. */
    group?: string;
    time?: number;
    account?: string;
    tags: Record<string, string>;
    type?: "privmsg" | "notice" | "action";
  }

  export interface RegisteredEvent {
    nick: string;
  }

  export interface NickInUseEvent {
    nick: string;
    reason: string;
  }

  export interface IrcErrorEvent {
    error: string;
    reason?: string;
    channel?: string;
    nick?: string;
  }

  export interface JoinEvent {
    nick: string;
    channel: string;
  }

  export interface PongEvent {
    message: string;
  }

  export interface SaslFailedEvent {
    reason: string;
    message?: string;
  }

  export class Client {
    constructor(options?: Partial<ClientOptions>);
    readonly connected: boolean;
    user: { nick: string; username: string; host?: string };
    network: { name?: string; options: Record<string, unknown>; supports(feature: string): unknown };
    connection: { connected: boolean; end(data?: string, hadError?: boolean): void };
    connect(options?: ClientOptions): void;
    on(event: "registered" | "connected", fn: (event: RegisteredEvent) => void): this;
    on(event: "privmsg" | "notice" | "action", fn: (event: MessageEvent) => void): this;
    on(event: "nick in use" | "nick invalid", fn: (event: NickInUseEvent) => void): this;
    on(event: "irc error", fn: (event: IrcErrorEvent) => void): this;
    on(event: "join" | "part", fn: (event: JoinEvent) => void): this;
    on(event: "kick", fn: (event: { kicked: string; nick: string; channel: string; message?: string }) => void): this;
    on(event: "nick", fn: (event: { nick: string; new_nick: string }) => void): this;
    on(event: "ping timeout", fn: () => void): this;
    on(event: "pong", fn: (event: PongEvent) => void): this;
    on(event: "sasl failed", fn: (event: SaslFailedEvent) => void): this;
    on(event: "socket close", fn: (error?: Error | false) => void): this;
    on(event: "close", fn: (hadError: boolean) => void): this;
    on(event: "raw", fn: (event: { line: string; from_server: boolean }) => void): this;
    on(event: string, fn: (...args: never[]) => void): this;
    once(event: string, fn: (...args: never[]) => void): this;
    off(event: string, fn?: (...args: never[]) => void): this;
    removeAllListeners(event?: string): this;
    /** Write one line (`raw("PRIVMSG #a :hi")`) or a command and its parameters. */
    raw(...args: (string | number)[]): void;
    quit(message?: string): void;
    ping(message?: string): void;
    join(channel: string, key?: string): void;
    part(channel: string, message?: string): void;
    changeNick(nick: string): void;
    say(target: string, message: string): void;
    notice(target: string, message: string): void;
    /** A CTCP ACTION (`/me`). */
    action(target: string, message: string): void;
    caseCompare(a: string, b: string): boolean;
    caseLower(value: string): string;
  }

  const IRC: { Client: typeof Client };
  export default IRC;
}
