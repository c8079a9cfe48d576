/**
 * `channels.*` in the config file: the policy fields every channel shares (the
 * names v3 uses: dmPolicy, allowFrom, groupPolicy, groups, requireMention …),
 * per-account overrides under `accounts`, and each channel's connection fields.
 */
import { IrcConnectionFields } from "./irc-config.js";
import { Bool, Dict, Enum, Int, List, Obj, Opt, Str } from "./primitives.js";

export const ChannelDmPolicy = Enum(
  "ChannelDmPolicy",
  'Who may message the agent directly: `pairing` (default: unknown senders get a code an operator approves), `allowlist` (only `allowFrom`), `open` (everyone; needs `"*"` in `allowFrom`), `disabled`.',
  ["pairing", "allowlist", "open", "disabled"],
);

export const ChannelGroupPolicy = Enum("ChannelGroupPolicy", "Which groups the agent answers in: `open` (default: every group it is in), `allowlist` (only those under `groups`), `disabled`.", [
  "open",
  "allowlist",
  "disabled",
]);

export const ChannelGroupConfig = Obj("ChannelGroupConfig", "Settings of one group (IRC channel, room …); the key `*` applies to every group.", {
  enabled: Opt(Bool("Answer in this group (default true).")),
  requireMention: Opt(Bool("Answer only when the message mentions the agent (default: the channel's `requireMention`).")),
  allowFrom: Opt(List(Str("A sender id (IRC: `nick!user@host`), or `*`; `*` and `?` inside an entry are wildcards.", { maxLength: 256 }), "Only these senders may wake the agent in this group.")),
});

export const ChannelRateLimit = Obj("ChannelRateLimit", "Flood limit per sender: messages beyond it are dropped (and logged).", {
  messages: Int("Most messages one sender may send in the window.", { minimum: 1, maximum: 100000 }),
  perSeconds: Int("The window, in seconds.", { minimum: 1, maximum: 86400 }),
});

/** The fields every channel and every account has. */
const PolicyFields = {
  enabled: Opt(Bool("Start this channel (account); default true once configured.")),
  name: Opt(Str("Display name of the account.", { maxLength: 200 })),
  dmPolicy: Opt(ChannelDmPolicy),
  allowFrom: Opt(
    List(
      Str(
        "A sender id as the gateway log and `tidegate pairing list` show it (IRC: `nick!user@host`, lower-case), or `*` for everyone; `*` and `?` inside an entry are wildcards (`alice!*@*.example.org`).",
        { maxLength: 256 },
      ),
      "Senders allowed to message the agent directly (besides those approved through pairing).",
    ),
  ),
  groupPolicy: Opt(ChannelGroupPolicy),
  groups: Opt(Dict(ChannelGroupConfig, "Groups by id (such as `#ops`); `*` applies to every group.")),
  groupAllowFrom: Opt(
    List(
      Str("A sender id (IRC: `nick!user@host`), or `*`; `*` and `?` inside an entry are wildcards.", { maxLength: 256 }),
      "Senders allowed to wake the agent in any group (default: everyone in an allowed group).",
    ),
  ),
  requireMention: Opt(Bool("In groups, answer only when mentioned (default true).")),
  agentId: Opt(Str("Agent that answers this channel (default: the default agent).", { maxLength: 64, pattern: "^[a-z0-9][a-z0-9_-]*$" })),
  textChunkLimit: Opt(Int("Longest outbound message; longer replies are split (default: the channel's limit).", { minimum: 16, maximum: 1000000 })),
  maxInboundChars: Opt(Int("Longest inbound text passed to the agent; longer messages are truncated with a note (default: the channel's limit).", { minimum: 16, maximum: 1048576 })),
  rateLimit: Opt(ChannelRateLimit),
};

export const IrcAccountConfig = Obj("IrcAccountConfig", "One IRC account (`channels.irc.accounts.<id>`); unset fields come from `channels.irc`.", {
  ...PolicyFields,
  ...IrcConnectionFields,
});

export const IrcChannelConfig = Obj("IrcChannelConfig", "The IRC channel: its default account's settings and further `accounts`.", {
  ...PolicyFields,
  ...IrcConnectionFields,
  accounts: Opt(Dict(IrcAccountConfig, "Further accounts by id; when present, only these run (each over the channel's settings).")),
});

export const WebchatChannelConfig = Obj("WebchatChannelConfig", "The built-in webchat (the Control UI's and `chat.send`'s path). Authenticated operators are always allowed.", {
  maxInboundChars: PolicyFields.maxInboundChars,
  rateLimit: PolicyFields.rateLimit,
});

export const ChannelsConfig = Obj("ChannelsConfig", "Messaging channels: each routes messages to an agent and its replies back.", {
  irc: Opt(IrcChannelConfig),
  webchat: Opt(WebchatChannelConfig),
});
