import { describe, expect, it } from "vitest";
import { cleanLine, IRC_LINE_BYTES, ircTarget, privmsgTextBudget, splitIrcLines } from "./outbound-text.js";

const bytes = (text: string) => Buffer.byteLength(text);

describe("splitIrcLines", () => {
  it("sends each line of the text as its own message and drops empty ones", () => {
    expect(splitIrcLines("one\r\ntwo\rthree\n\n  \nfour", 100)).toEqual(["one", "two", "three", "four"]);
    expect(splitIrcLines("", 100)).toEqual([]);
  });

  it("breaks a long line at a space within the budget, keeping every word", () => {
    const words = Array.from({ length: 80 }, (_, i) => `w${i}`);
    const lines = splitIrcLines(words.join(" "), 40);
    for (const line of lines) expect(bytes(line)).toBeLessThanOrEqual(40);
    expect(lines.join(" ").split(" ")).toEqual(words);
  });

  it("cuts a word longer than a line between characters, never inside a UTF-8 character or a grapheme", () => {
    const long = "x".repeat(95);
    expect(splitIrcLines(long, 40)).toEqual(["x".repeat(40), "x".repeat(40), "x".repeat(15)]);
    const family = "👨‍👩‍👧".repeat(10); // 18 bytes a grapheme
    const lines = splitIrcLines(family, 40);
    expect(lines.every((line) => bytes(line) <= 40 && line.length % "👨‍👩‍👧".length === 0)).toBe(true);
    expect(lines.join("")).toBe(family);
    expect(splitIrcLines("é".repeat(30), 11)).toEqual(["ééééé", "ééééé", "ééééé", "ééééé", "ééééé", "ééééé"]);
  });

  it("cuts a grapheme larger than a whole line between its code points", () => {
    const zalgo = "a" + "\u0301".repeat(40); // one grapheme of 81 bytes
    const lines = splitIrcLines(zalgo, 20);
    expect(lines.every((line) => bytes(line) <= 20)).toBe(true);
    expect(lines.join("")).toBe(zalgo);
  });

  it("leaves no CR, LF, NUL or CTCP marker inside a line, but keeps colours and bold", () => {
    const lines = splitIrcLines("a\0b\x01ACTION x\x01\tc\x7f \x02bold\x02 \x0304red\x03", 200);
    expect(lines).toEqual(["abACTION x c \x02bold\x02 \x0304red\x03"]);
    for (const line of splitIrcLines("x\r\ny\rz\n\u2028w", 200)) expect(line).not.toMatch(/[\r\n\0]/);
    expect(cleanLine("trailing   ")).toBe("trailing");
  });
});

describe("privmsgTextBudget", () => {
  it("leaves room for the relay prefix so the line the server forwards stays within 512 bytes", () => {
    const nick = "tidebot";
    const target = "#ops";
    const text = "x".repeat(privmsgTextBudget(nick, target));
    const relayed = `:${nick}!~${"u".repeat(9)}@${"h".repeat(63)} PRIVMSG ${target} :${text}\r\n`;
    expect(bytes(relayed)).toBe(IRC_LINE_BYTES);
  });
});

describe("ircTarget", () => {
  it("takes a nick, a channel, or the nick of a mask", () => {
    expect(ircTarget("alice")).toBe("alice");
    expect(ircTarget("#ops")).toBe("#ops");
    expect(ircTarget("alice!~alice@example.org")).toBe("alice");
    expect(ircTarget("!12345ops")).toBe("!12345ops");
  });

  it("refuses what could add a command or a second target", () => {
    for (const bad of ["", "alice\r\nQUIT", "alice\nx", "a b", "alice,#ops", ":alice", "al\0ice", "bell\x07"]) expect(() => ircTarget(bad), JSON.stringify(bad)).toThrow();
  });
});
