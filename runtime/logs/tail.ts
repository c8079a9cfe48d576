/**
 * `logs.tail`: without a cursor, the last `limit` lines within `maxBytes` of
 * the end; with a cursor (a stream position from the previous call), the
 * lines after it in order, continuing across rotation, at most `limit` lines
 * and `maxBytes` bytes, never splitting a line. `reset` says the cursor was
 * no longer valid (rotated away or beyond the end); `truncated` says bytes
 * before `maxBytes` of the end were left out (no cursor) or more are waiting
 * (with a cursor).
 */
import { join } from "node:path";
import { CURRENT, listLogFiles, readStream } from "./log-files.js";

export interface TailOptions {
  cursor?: number;
  limit?: number;
  maxBytes?: number;
}

export interface TailResult {
  file: string;
  cursor: number;
  size: number;
  lines: string[];
  truncated: boolean;
  reset: boolean;
}

export const DEFAULT_TAIL_LIMIT = 500;
export const DEFAULT_TAIL_MAX_BYTES = 250_000;

export function tailLogs(dir: string, options: TailOptions = {}): TailResult {
  const limit = Math.max(1, Math.min(5000, options.limit ?? DEFAULT_TAIL_LIMIT));
  const maxBytes = Math.max(1, Math.min(1_000_000, options.maxBytes ?? DEFAULT_TAIL_MAX_BYTES));
  const files = listLogFiles(dir);
  const file = join(dir, CURRENT);
  const first = files.length ? files[0].start : 0;
  const end = files.length ? files.at(-1)!.start + files.at(-1)!.size : 0;
  let reset = false;
  let cursor = options.cursor;
  if (cursor !== undefined && (cursor > end || cursor < first)) {
    reset = true;
    if (cursor < first) cursor = first;
    else cursor = undefined;
  }

  if (cursor === undefined) {
    const from = Math.max(first, end - maxBytes);
    let text = readStream(files, from, end - from).toString("utf8");
    const truncated = from > first;
    if (from > first) {
      // Drop a partial first line unless the byte before `from` ends a line.
      const before = readStream(files, from - 1, 1).toString("utf8");
      if (before !== "\n") {
        const nl = text.indexOf("\n");
        text = nl === -1 ? "" : text.slice(nl + 1);
      }
    }
    const complete = text.endsWith("\n") ? text : text.slice(0, text.lastIndexOf("\n") + 1);
    let lines = complete.split("\n").slice(0, -1);
    // As v3: `truncated` here says the log is longer than `maxBytes`, not that `limit` cut lines
    // (the reference CLI then tells the user to raise --max-bytes).
    if (lines.length > limit) lines = lines.slice(-limit);
    const cursorOut = end - (Buffer.byteLength(text) - Buffer.byteLength(complete));
    return { file, cursor: cursorOut, size: end, lines, truncated, reset };
  }

  const chunk = readStream(files, cursor, Math.min(maxBytes, end - cursor));
  let used = chunk.lastIndexOf(0x0a) + 1;
  if (used === 0 && chunk.length === maxBytes && end - cursor > maxBytes) {
    // A single line longer than maxBytes: return it cut, so a follower never stalls.
    used = chunk.length;
  }
  let lines = chunk.subarray(0, used).toString("utf8").split("\n");
  if (lines.at(-1) === "") lines.pop();
  let consumed = used;
  let truncated = cursor + used < end;
  if (lines.length > limit) {
    lines = lines.slice(0, limit);
    consumed = lines.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);
    truncated = true;
  }
  return { file, cursor: cursor + consumed, size: end, lines, truncated, reset };
}
