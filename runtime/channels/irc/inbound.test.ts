import type { MessageEvent } from "irc-framework";
import { describe, expect, it } from "vitest";
import { findNick, parseAddress, stripFormatting, toInboundMessage } from "./inbound.js";

/** rfc1459 casemapping: `[]\^` are the upper case of `{}|~`. */
const rfc1459 = (value: string) => value.toLowerCase().replace(/[[\]\\^]/g, (c) => ({ "[": "{", "]": "}", "\\": "|", "^": "~" })[c]!);
const context = { ownNick: "Tide[bot]", lower: rfc1459, now: () => 1000 };

const event = (target: string, message: string, extra: Partial<MessageEvent> = {}): MessageEvent => ({
  from_server: false,
  nick: "Alice",
  ident: "~alice",
  hostname: "Host.Example",
  target,
  message,
  tags: {},
  ...extra,
});

describe("mentions", () => {
  it("finds the nick as a whole word, case-insensitively by the server's casemapping", () => {
    for (const text of ["tide{bot}: hi", "hi TIDE[BOT]", "hey @tide[bot], look", "(tide{bot})", "tide[bot]'s idea"]) expect(findNick(text, "Tide[bot]", rfc1459), text).toBeGreaterThanOrEqual(0);
    for (const text of ["tide[bot]s", "xtide[bot]", "tide[bot]_", "tide[bot]-2", "tide bot"]) expect(findNick(text, "Tide[bot]", rfc1459), text).toBe(-1);
  });

  it("reads `nick:` and `nick,` as an address", () => {
    expect(parseAddress("bob: hi there")).toEqual({ to: "bob", rest: "hi there" });
    expect(parseAddress("  bob,hi")).toEqual({ to: "bob", rest: "hi" });
    expect(parseAddress("bob hi")).toBeUndefined();
    expect(parseAddress("http://x")).toEqual({ to: "http", rest: "//x" });
  });

  it("drops formatting and control codes", () => {
    expect(stripFormatting("\x02b\x02 \x0304,12c\x03 \x04ff0000h\x04 \x1di\x1d\x0f\x07")).toBe("b c h i");
  });
});

describe("toInboundMessage", () => {
  it("makes a DM of a line to our nick (any case) and a group message of a channel line", () => {
    expect(toInboundMessage(event("tide{BOT}", "hello"), "privmsg", context)).toEqual({
      text: "hello",
      sender: { id: "alice!~alice@host.example", name: "Alice" },
      chatType: "dm",
      mentioned: false,
      mentions: [],
      attachments: [],
      receivedAt: 1000,
    });
    expect(toInboundMessage(event("#Ops", "Tide[bot]: status?", { tags: { msgid: "m-1" } }), "privmsg", context)).toMatchObject({
      messageId: "m-1",
      text: "status?",
      chatType: "group",
      groupId: "#ops",
      mentioned: true,
      mentions: ["Tide[bot]"],
    });
  });

  it("keeps a line addressed to someone else whole and names that someone", () => {
    expect(toInboundMessage(event("#ops", "bob: ask tide[bot]"), "privmsg", context)).toMatchObject({ text: "bob: ask tide[bot]", mentioned: true, mentions: ["bob", "tide[bot]"] });
    expect(toInboundMessage(event("#ops", "bob: not you"), "privmsg", context)).toMatchObject({ mentioned: false, mentions: ["bob"] });
  });

  it("gives an ACTION as /me text and ignores our own lines and the server's", () => {
    expect(toInboundMessage(event("#ops", "waves"), "action", context)?.text).toBe("/me waves");
    expect(toInboundMessage(event("#ops", "echo", { nick: "tide{bot}" }), "privmsg", context)).toBeUndefined();
    expect(toInboundMessage(event("#ops", "*** notice", { from_server: true }), "privmsg", context)).toBeUndefined();
  });
});
