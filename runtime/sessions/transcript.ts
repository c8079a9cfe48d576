/**
 * Session transcripts: one JSONL file per session, one message per line. A
 * torn last line (a crash mid-append) is skipped when reading and never glued
 * to the next append. Archiving renames (or hard-links) the file to
 * `<file>.<reason>.<ts>`; nothing is deleted.
 */
import { closeSync, existsSync, fstatSync, linkSync, openSync, readSync, renameSync, statSync } from "node:fs";
import { mkdir, open } from "node:fs/promises";
import { dirname } from "node:path";
import { readTextIfExists } from "../../common/read-text.js";
import { writeFileAtomic } from "../state/atomic-file.js";

export interface TranscriptMessage {
  role: string;
  content: unknown;
  ts?: number;
}

/** A parsed line: our own `{role, content, ts}` or v3's `{type:"message", message:{role, content, timestamp}}`. */
export function messageOfLine(line: string): TranscriptMessage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!value || typeof value !== "object") return undefined;
  const v = value as Record<string, unknown>;
  const m = (v.type === "message" && v.message && typeof v.message === "object" ? v.message : v) as Record<string, unknown>;
  if (typeof m.role !== "string") return undefined;
  const ts = typeof m.ts === "number" ? m.ts : typeof m.timestamp === "number" ? m.timestamp : undefined;
  return { role: m.role, content: m.content, ...(ts !== undefined ? { ts } : {}) };
}

/** The plain text of a message's content (a string or a list of `{type:"text", text}` blocks). */
export function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content
      .map((b) => (typeof b === "string" ? b : b && typeof b === "object" && typeof (b as { text?: unknown }).text === "string" ? (b as { text: string }).text : ""))
      .filter(Boolean)
      .join(" ");
  }
  return "";
}

export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? flat.slice(0, Math.max(1, max - 1)) + "…" : flat;
}

/** Complete lines of a file; a last line without its newline counts only when it parses. */
export function readLines(path: string): string[] {
  const text = readTextIfExists(path);
  if (text === undefined) return [];
  const lines = text.split("\n");
  const last = lines.pop()!;
  if (last !== "" && messageOfLine(last) !== undefined) lines.push(last);
  return lines.filter((l) => l.trim() !== "");
}

/** Every message of a transcript, skipping lines that do not parse (a torn tail included). */
export function readMessages(path: string): TranscriptMessage[] {
  const out: TranscriptMessage[] = [];
  for (const line of readLines(path)) {
    const m = messageOfLine(line);
    if (m) out.push(m);
  }
  return out;
}

/** Append messages; a torn last line is terminated first so the new line stays whole. */
export async function appendMessages(path: string, messages: TranscriptMessage[]): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const body = messages.map((m) => JSON.stringify(m)).join("\n") + "\n";
  let prefix = "";
  const handle = await open(path, "a+", 0o600);
  try {
    const { size } = await handle.stat();
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) prefix = "\n";
    }
    await handle.appendFile(prefix + body);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Read at most `bytes` from the start or the end of a file. */
function readSlice(path: string, bytes: number, fromEnd: boolean): string {
  const fd = openSync(path, "r");
  try {
    const { size } = fstatSync(fd);
    const length = Math.min(size, bytes);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, fromEnd ? size - length : 0);
    return buffer.toString("utf8");
  } finally {
    closeSync(fd);
  }
}

export interface TranscriptSummary {
  /** First user message, shortened: the session's derived title. */
  title?: string;
  /** Last message, shortened. */
  lastMessage?: string;
  lastRole?: string;
}

const summaries = new Map<string, { stamp: string; summary: TranscriptSummary }>();

/** Derived title and last-message preview, reading only the head and tail of the file (cached by size and mtime). */
export function summarize(path: string): TranscriptSummary {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return {};
  }
  const stamp = `${stat.size}:${stat.mtimeMs}`;
  const cached = summaries.get(path);
  if (cached?.stamp === stamp) return cached.summary;
  const summary: TranscriptSummary = {};
  const head = readSlice(path, 16 * 1024, false).split("\n");
  for (const line of head) {
    const m = messageOfLine(line);
    if (m?.role === "user") {
      const text = textOf(m.content);
      if (text) {
        summary.title = clip(text, 60);
        break;
      }
    }
  }
  const tail = readSlice(path, 16 * 1024, true)
    .split("\n")
    .reverse();
  for (const line of tail) {
    const m = messageOfLine(line);
    if (m && (m.role === "user" || m.role === "assistant")) {
      const text = textOf(m.content);
      if (text) {
        summary.lastMessage = clip(text, 120);
        summary.lastRole = m.role;
        break;
      }
    }
  }
  if (summaries.size > 20_000) summaries.clear();
  summaries.set(path, { stamp, summary });
  return summary;
}

/** Move a transcript aside as `<file>.<reason>.<ts>`; returns the new path, or undefined when there was none. */
export function archiveTranscript(path: string, reason: "reset" | "deleted" | "compacted", now: number): string | undefined {
  if (!existsSync(path)) return undefined;
  let target = `${path}.${reason}.${now}`;
  for (let n = 1; existsSync(target); n++) target = `${path}.${reason}.${now}-${n}`;
  renameSync(path, target);
  return target;
}

/**
 * Keep the last `maxLines` lines. The full transcript is kept as an archive
 * (hard link made before the shortened file replaces it atomically).
 */
export function compactTranscript(path: string, maxLines: number, now: number): { compacted: boolean; kept: number; archived?: string } {
  const lines = readLines(path);
  if (lines.length <= maxLines) return { compacted: false, kept: lines.length };
  const kept = lines.slice(-maxLines);
  let archived = `${path}.compacted.${now}`;
  for (let n = 1; existsSync(archived); n++) archived = `${path}.compacted.${now}-${n}`;
  linkSync(path, archived);
  writeFileAtomic(path, kept.join("\n") + "\n", { backup: false });
  return { compacted: true, kept: kept.length, archived };
}
