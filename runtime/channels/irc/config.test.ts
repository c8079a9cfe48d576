import { describe, expect, it } from "vitest";
import { reconnectDelay } from "./account.js";
import { readIrcSettings, validateIrcConfig } from "./config.js";

describe("IRC config", () => {
  it("needs a server and a nick, and says so in sentences", () => {
    expect(validateIrcConfig({ server: "irc.example.org", nick: "tidebot" })).toEqual([]);
    expect(validateIrcConfig({ server: " ", nick: "" })).toEqual(["server is required (the IRC server's host name, such as irc.libera.chat).", "nick is required (the bot's IRC nickname)."]);
  });

  it("refuses values that cannot work or would break an IRC line", () => {
    expect(
      validateIrcConfig({
        server: "ircs://irc.example.org",
        nick: "9lives",
        port: 70000,
        tls: "yes",
        username: "a b",
        password: "pw\r\nQUIT",
        realname: 5,
        join: ["#ok", "no-prefix", "#with space", "#a,#b"],
      }),
    ).toEqual([
      'server must be a host name or address without a scheme or spaces, not "ircs://irc.example.org".',
      'nick "9lives" is not a valid IRC nickname: use letters, digits and -[]\\`^_{|}, not starting with a digit or -.',
      "port must be a whole number from 1 to 65535.",
      "tls must be true or false.",
      "username must not be empty or contain spaces or @.",
      "realname must be a string.",
      "password must not contain line breaks or NUL characters.",
      'join: "no-prefix" is not a channel name (it starts with # or &, and has no spaces or commas).',
      'join: "#with space" is not a channel name (it starts with # or &, and has no spaces or commas).',
      'join: "#a,#b" is not a channel name (it starts with # or &, and has no spaces or commas).',
    ]);
  });

  it("fills in TLS on port 6697 by default, 6667 without TLS, the nick as user name", () => {
    expect(readIrcSettings({ server: "irc.example.org", nick: "tidebot" })).toEqual({
      server: "irc.example.org",
      port: 6697,
      tls: true,
      nick: "tidebot",
      username: "tidebot",
      realname: "tidegate",
      join: [],
    });
    expect(readIrcSettings({ server: "127.0.0.1", nick: "b", tls: false, join: ["#a", "#a", "#b"], saslPassword: "s" })).toMatchObject({
      port: 6667,
      tls: false,
      join: ["#a", "#b"],
      saslPassword: "s",
    });
    expect(readIrcSettings({ server: "h", nick: "b", tls: false, port: 7000 }).port).toBe(7000);
  });
});

describe("reconnectDelay", () => {
  it("doubles from the first wait up to the cap, within ±20 %", () => {
    const options = { initialMs: 1000, maxMs: 60_000 };
    expect([1, 2, 3, 4, 7, 8, 50].map((n) => reconnectDelay(n, options, () => 0.5))).toEqual([1000, 2000, 4000, 8000, 60_000, 60_000, 60_000]);
    expect(reconnectDelay(1, options, () => 0)).toBe(800);
    expect(reconnectDelay(1, options, () => 1)).toBe(1200);
  });
});
