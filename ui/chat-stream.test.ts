import { describe, expect, it } from "vitest";
import type { ChatEvent } from "../generated/ts/types.js";
import { applyChatEvent, type ChatLine, messageText } from "./src/chat-stream.js";

const event = (state: ChatEvent["state"], message?: unknown, extra: Partial<ChatEvent> = {}): ChatEvent => ({ runId: "r1", sessionKey: "agent:main:main", seq: 1, state, message, ...extra });

describe("the chat stream", () => {
  it("reads the text of every message shape", () => {
    expect(messageText("hi")).toBe("hi");
    expect(messageText({ role: "assistant", content: "Hello!" })).toBe("Hello!");
    expect(messageText({ role: "assistant", content: [{ type: "text", text: "a" }, { type: "image" }, "b"] })).toBe("ab");
    expect(messageText(undefined)).toBe("");
  });

  it("grows one line per run with each delta and settles it on final", () => {
    let lines: ChatLine[] = [{ role: "user", text: "Say hello" }];
    lines = applyChatEvent(lines, event("delta", { role: "assistant", content: "Hel" }));
    lines = applyChatEvent(lines, event("delta", { role: "assistant", content: "Hello" }));
    expect(lines).toEqual([
      { role: "user", text: "Say hello" },
      { role: "assistant", runId: "r1", state: "delta", text: "Hello" },
    ]);
    lines = applyChatEvent(lines, event("final", { role: "assistant", content: "Hello!" }));
    expect(lines[1]).toEqual({ role: "assistant", runId: "r1", state: "final", text: "Hello!" });
    expect(applyChatEvent(lines, event("delta", { content: "late" }))).toBe(lines);
  });

  it("keeps the text so far when aborted and shows an error's message", () => {
    const partial = applyChatEvent([], event("delta", { content: "Hel" }));
    expect(applyChatEvent(partial, event("aborted"))[0]).toMatchObject({ state: "aborted", text: "Hel" });
    expect(applyChatEvent(partial, event("error", undefined, { errorMessage: "model unavailable" }))[0]).toMatchObject({ state: "error", text: "error: model unavailable" });
  });
});
