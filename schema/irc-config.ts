/** The IRC channel's own connection settings (`channels.irc`, and each of `channels.irc.accounts.*`); the policy fields are common to every channel. */
import { Bool, Int, List, Opt, Str } from "./primitives.js";

export const IrcConnectionFields = {
  server: Opt(Str("IRC server host name or address, such as `irc.libera.chat` or `127.0.0.1`.")),
  port: Opt(Int("Server port (default 6697 with TLS, 6667 without).", { minimum: 1, maximum: 65535 })),
  tls: Opt(Bool("Connect with TLS (default true).")),
  nick: Opt(Str("Nickname of the bot; mentions of it in channels wake the agent.", { maxLength: 64 })),
  username: Opt(Str("User name sent at registration (default: the nick).", { maxLength: 64 })),
  realname: Opt(Str("Real name sent at registration.", { maxLength: 128 })),
  password: Opt(Str("Server password (PASS).", { maxLength: 4096 })),
  saslPassword: Opt(Str("SASL PLAIN password for the nick's account.", { maxLength: 4096 })),
  join: Opt(List(Str("A channel such as `#ops`.", { maxLength: 200 }), "Channels to join on connect.")),
};
