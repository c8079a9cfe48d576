/**
 * Split a reply into messages of at most `limit` characters, cutting at the
 * last paragraph break, else line break, else space inside the limit, and only
 * as a last resort inside a word (never inside a surrogate pair).
 */
export function chunkText(text: string, limit: number): string[] {
  if (limit < 1) throw new RangeError("chunk limit must be at least 1");
  const chunks: string[] = [];
  let rest = text.trim();
  while (rest.length > limit) {
    const window = rest.slice(0, limit + 1);
    let cut = lastBreak(window, "\n\n", limit);
    if (cut <= 0) cut = lastBreak(window, "\n", limit);
    if (cut <= 0) cut = lastBreak(window, " ", limit);
    if (cut <= 0) {
      cut = limit;
      const code = rest.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff && cut > 1) cut--;
    }
    const head = rest.slice(0, cut).trimEnd();
    if (head) chunks.push(head);
    rest = rest.slice(cut).trimStart();
  }
  if (rest) chunks.push(rest);
  return chunks;
}

/** Index where `sep` starts last within `window`, such that the text before it fits `limit`. */
function lastBreak(window: string, sep: string, limit: number): number {
  const at = window.lastIndexOf(sep, limit);
  return at > 0 && at <= limit ? at : -1;
}
