/**
 * The IRC account's connection settings, read from its config object
 * (`channels.irc` or `channels.irc.accounts.<id>`, fields in schema/irc-config.ts)
 * with their defaults, and the checks that turn a bad value into a sentence.
 */

export interface IrcSettings {
  server: string;
  /** 6697 with TLS, 6667 without, unless configured. */
  port: number;
  tls: boolean;
  nick: string;
  username: string;
  realname: string;
  password?: string;
  saslPassword?: string;
  /** Channels joined on every connect. */
  join: string[];
}

export const DEFAULT_TLS_PORT = 6697;
export const DEFAULT_PLAIN_PORT = 6667;
const DEFAULT_REALNAME = "tidegate";

/** RFC 2812 nick characters (servers allow up to their NICKLEN; 9 is only the RFC's minimum). */
const NICK = /^[A-Za-z[\]\\`_^{|}][A-Za-z0-9[\]\\`_^{|}-]*$/;
/** A channel name: a prefix, then anything but space, comma, BEL and the line breaks. */
const CHANNEL = /^[#&+!][^\s,\x07\x00]{1,199}$/;
/** Characters that would end or corrupt the IRC line a value is sent in. */
const LINE_BREAKING = /[\r\n\0]/;
const USERNAME = /^[^\s@\0]+$/;

const text = (value: unknown) => (typeof value === "string" ? value : undefined);

/** Problems of an account's config, as sentences; empty when it can connect. */
export function validateIrcConfig(config: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const server = text(config.server)?.trim();
  if (!server) problems.push("server is required (the IRC server's host name, such as irc.libera.chat).");
  else if (/[\s/]/.test(server) || server.includes("://")) problems.push(`server must be a host name or address without a scheme or spaces, not "${server}".`);
  const nick = text(config.nick)?.trim();
  if (!nick) problems.push("nick is required (the bot's IRC nickname).");
  else if (!NICK.test(nick)) problems.push(`nick "${nick}" is not a valid IRC nickname: use letters, digits and -[]\\\`^_{|}, not starting with a digit or -.`);
  if (config.port !== undefined && !(Number.isInteger(config.port) && (config.port as number) >= 1 && (config.port as number) <= 65535)) problems.push("port must be a whole number from 1 to 65535.");
  if (config.tls !== undefined && typeof config.tls !== "boolean") problems.push("tls must be true or false.");
  const username = text(config.username);
  if (username !== undefined && !USERNAME.test(username)) problems.push("username must not be empty or contain spaces or @.");
  for (const key of ["realname", "password", "saslPassword"] as const) {
    const value = config[key];
    if (value === undefined) continue;
    if (typeof value !== "string") problems.push(`${key} must be a string.`);
    else if (LINE_BREAKING.test(value)) problems.push(`${key} must not contain line breaks or NUL characters.`);
  }
  if (config.join !== undefined) {
    if (!Array.isArray(config.join)) problems.push("join must be a list of channels such as #ops.");
    else
      for (const channel of config.join)
        if (typeof channel !== "string" || !CHANNEL.test(channel)) problems.push(`join: "${String(channel)}" is not a channel name (it starts with # or &, and has no spaces or commas).`);
  }
  return problems;
}

/** The settings of a config that `validateIrcConfig` accepted. */
export function readIrcSettings(config: Record<string, unknown>): IrcSettings {
  const tls = config.tls !== false;
  const nick = (config.nick as string).trim();
  return {
    server: (config.server as string).trim(),
    port: typeof config.port === "number" ? config.port : tls ? DEFAULT_TLS_PORT : DEFAULT_PLAIN_PORT,
    tls,
    nick,
    username: text(config.username) ?? nick,
    realname: text(config.realname) || DEFAULT_REALNAME,
    password: text(config.password) || undefined,
    saslPassword: text(config.saslPassword) || undefined,
    join: Array.isArray(config.join) ? [...new Set(config.join as string[])] : [],
  };
}
