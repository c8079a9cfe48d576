/**
 * The chat transcript as `chat` events stream in: one line per run, replaced by
 * each `delta` (the message so far) and settled by `final`, `aborted` or `error`.
 * Pure, so it is unit-tested without a browser (ui/chat-stream.test.ts).
 */
import type { ChatEvent } from "../../generated/ts/types.js";

export interface ChatLine {
  role: string;
  text: string;
  runId?: string;
  state?: ChatEvent["state"];
}

/** The text of a chat message, whatever its shape (a string, `{ content }`, or content parts with `text`). */
export function messageText(message: unknown): string {
  if (typeof message === "string") return message;
  if (!message || typeof message !== "object") return "";
  const content = (message as { content?: unknown; text?: unknown }).content ?? (message as { text?: unknown }).text;
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((part) => (typeof part === "string" ? part : typeof part?.text === "string" ? part.text : "")).join("");
  return "";
}

/** `lines` after `event`: the run's assistant line updated in place, or appended. A settled run ignores late deltas. */
export function applyChatEvent(lines: ChatLine[], event: ChatEvent): ChatLine[] {
  const i = lines.findIndex((l) => l.runId === event.runId && l.role === "assistant");
  const previous = i >= 0 ? lines[i] : undefined;
  if (previous && previous.state !== "delta" && event.state === "delta") return lines;
  const text = messageText(event.message) || (event.state === "error" ? `error: ${event.errorMessage ?? "failed"}` : (previous?.text ?? ""));
  const line: ChatLine = { role: "assistant", runId: event.runId, state: event.state, text };
  return previous ? [...lines.slice(0, i), line, ...lines.slice(i + 1)] : [...lines, line];
}
