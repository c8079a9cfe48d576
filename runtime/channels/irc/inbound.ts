/**
 * An IRC PRIVMSG (or CTCP ACTION) as the gateway's normalized envelope: a DM
 * when it was sent to our nick, a group message of the channel otherwise;
 * `mentioned` when our nick stands as a word in it (`bot: hi`, `hi bot`), with
 * the leading `bot:` address taken off the text.
 */
import type { MessageEvent } from "irc-framework";
import type { InboundMessage } from "../types.js";

export interface InboundContext {
  /** Our current nick (after a nick-in-use fallback it is not the configured one). */
  ownNick: string;
  /** Lower-case by the server's CASEMAPPING (rfc1459 makes `[]\^` the upper case of `{}|~`). */
  lower(value: string): string;
  now(): number;
}

/** A character that can be part of a nick (RFC 2812), so a mention must not touch one. */
const NICK_CHAR = /[A-Za-z0-9[\]\\`_^{|}~-]/;

/** mIRC formatting codes: bold, colour (with its numbers), hex colour, reset, monospace, reverse, italic, strike, underline. */
const FORMATTING = /\x03(\d{1,2}(,\d{1,2})?)?|\x04([0-9a-fA-F]{6}(,[0-9a-fA-F]{6})?)?|[\x02\x0f\x11\x16\x1d\x1e\x1f]/g;

/** The text without formatting codes or other control characters. */
export function stripFormatting(text: string): string {
  return text.replace(FORMATTING, "").replace(/[\0-\x08\x0a-\x1f\x7f]/g, "");
}

/** Where `nick` stands as a whole word in `text` (by the casemapping), or -1. */
export function findNick(text: string, nick: string, lower: (value: string) => string): number {
  const haystack = lower(text);
  const needle = lower(nick);
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    const before = at === 0 ? "" : haystack[at - 1];
    const after = haystack[at + needle.length] ?? "";
    if (!NICK_CHAR.test(before) && !NICK_CHAR.test(after)) return at;
  }
  return -1;
}

/** `nick: text` / `nick, text` → the addressee and the rest; undefined when the line is not addressed. */
export function parseAddress(text: string): { to: string; rest: string } | undefined {
  const match = /^\s*([A-Za-z[\]\\`_^{|}][A-Za-z0-9[\]\\`_^{|}-]*)[:,]\s*/.exec(text);
  return match ? { to: match[1], rest: text.slice(match[0].length) } : undefined;
}

/** The envelope of one PRIVMSG or ACTION, or undefined for what the gateway does not take (server messages, our own lines). */
export function toInboundMessage(event: MessageEvent, kind: "privmsg" | "action", context: InboundContext): InboundMessage | undefined {
  const { lower, ownNick } = context;
  if (event.from_server || !event.nick || lower(event.nick) === lower(ownNick)) return undefined;
  const raw = stripFormatting(event.message);
  const mentions: string[] = [];
  let text = raw;
  const address = parseAddress(raw);
  if (address) {
    mentions.push(address.to);
    if (lower(address.to) === lower(ownNick)) text = address.rest;
  }
  const at = findNick(raw, ownNick, lower);
  const mentioned = at >= 0;
  if (mentioned && !(address && lower(address.to) === lower(ownNick))) mentions.push(raw.slice(at, at + ownNick.length));
  const direct = lower(event.target) === lower(ownNick);
  const msgid = event.tags?.msgid;
  return {
    ...(msgid ? { messageId: msgid } : {}),
    text: kind === "action" ? `/me ${text}` : text,
    // The nick lower-cased by the casemapping, user and host in ASCII (casemappings are about nicks and channels).
    sender: { id: `${lower(event.nick)}!${event.ident.toLowerCase()}@${event.hostname.toLowerCase()}`, name: event.nick },
    chatType: direct ? "dm" : "group",
    ...(direct ? {} : { groupId: lower(event.target) }),
    mentioned,
    mentions,
    attachments: [],
    receivedAt: context.now(),
  };
}
