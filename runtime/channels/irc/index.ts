/**
 * The IRC channel: a bot account on an IRC server (irc-framework underneath).
 * DMs to its nick and channel lines that mention it go to the pipeline;
 * replies leave as PRIVMSG lines that fit IRC's 512-byte limit, paced under
 * the server's flood limit.
 *
 * ```json5
 * // tidegate.json
 * { channels: { irc: { server: "irc.libera.chat", nick: "tidebot", join: ["#ops"], saslPassword: "…" } } }
 * ```
 */
import type { ChannelAccount, ChannelContext, ChannelPlugin } from "../types.js";
import { IrcAccount, type IrcAccountOptions } from "./account.js";
import { readIrcSettings, validateIrcConfig } from "./config.js";
import { ircTarget } from "./outbound-text.js";

export { IrcAccount, type IrcAccountOptions, reconnectDelay } from "./account.js";
export { type IrcSettings, readIrcSettings, validateIrcConfig } from "./config.js";

/** A reply is chunked to 350 characters: one IRC line for most text once the relay prefix is counted (UTF-8 text beyond that is split further by bytes). */
export const IRC_MAX_MESSAGE_CHARS = 350;

/** An account of the IRC channel, with tuning the plugin's own `create` leaves at its defaults. */
export function createIrcAccount(context: ChannelContext, options: IrcAccountOptions = {}): ChannelAccount {
  const problems = validateIrcConfig(context.config);
  if (problems.length > 0) throw new Error(`channels.${context.channel} (${context.accountId}): ${problems.join(" ")}`);
  return new IrcAccount(context, readIrcSettings(context.config), options);
}

export const ircPlugin: ChannelPlugin = {
  id: "irc",
  label: "IRC",
  detailLabel: "IRC",
  limits: { maxMessageChars: IRC_MAX_MESSAGE_CHARS, maxInboundChars: 4000 },
  /** `#ops` (or `&`, `+`, `!` channels) is a group; a nick or a `nick!user@host` mask a DM. IRC has no threads. */
  target(to, threadId) {
    ircTarget(to);
    if (threadId) throw new Error("IRC has no threads: leave threadId out");
    return { to, chatType: /^[#&+!]/.test(to) ? "group" : "dm" };
  },
  validate: validateIrcConfig,
  create: (context) => createIrcAccount(context),
};
