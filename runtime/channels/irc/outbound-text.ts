/**
 * Outbound text as IRC lines: a reply becomes PRIVMSG lines that fit the
 * 512-byte line limit once the server adds its `:nick!user@host` prefix, one
 * line per line of the text, with nothing inside a line that could end it
 * (CR, LF, NUL) or turn it into something else (a CTCP request).
 */

/** Longest IRC line, CR LF included (RFC 1459 §2.3.1). */
export const IRC_LINE_BYTES = 512;
/** What a server may put around our nick when it relays a line: `:` `!` user (≤10, `~` included) `@` host (≤63) and a space. */
const RELAY_PREFIX_ROOM = 1 + 1 + 10 + 1 + 63 + 1;

/** Text formatting codes that stay (bold, colour, hex colour, reset, monospace, reverse, italic, strike, underline). */
const FORMATTING = new Set([0x02, 0x03, 0x04, 0x0f, 0x11, 0x16, 0x1d, 0x1e, 0x1f]);

const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });

const bytes = (text: string) => Buffer.byteLength(text, "utf8");

/** Bytes left for the text of one `PRIVMSG <target> :<text>` line that `nick` sends. */
export function privmsgTextBudget(nick: string, target: string): number {
  return IRC_LINE_BYTES - 2 - RELAY_PREFIX_ROOM - bytes(nick) - bytes(`PRIVMSG ${target} :`);
}

/** One line of text without control characters: tabs become spaces, formatting codes stay, the rest (NUL, CTCP's \x01, CR …) go. */
export function cleanLine(line: string): string {
  let out = "";
  for (const char of line) {
    const code = char.codePointAt(0)!;
    if (code === 0x09) out += " ";
    else if ((code < 0x20 && !FORMATTING.has(code)) || code === 0x7f) continue;
    else out += char;
  }
  return out.trimEnd();
}

/**
 * The text as IRC message lines of at most `maxBytes` UTF-8 bytes each: split at
 * its line breaks (empty lines dropped: IRC has no empty message), long lines
 * broken at a space when one is in the second half of the piece, else between
 * characters (never inside a character or a grapheme that fits).
 */
export function splitIrcLines(text: string, maxBytes: number): string[] {
  if (maxBytes < 4) throw new RangeError(`an IRC line needs room for at least one character (budget ${maxBytes} bytes)`);
  const lines: string[] = [];
  for (const raw of text.split(/\r\n|\r|\n/)) {
    let rest = cleanLine(raw);
    while (rest.length > 0) {
      if (bytes(rest) <= maxBytes) {
        lines.push(rest);
        break;
      }
      const cut = cutPoint(rest, maxBytes);
      lines.push(rest.slice(0, cut).trimEnd());
      rest = rest.slice(cut).trimStart();
    }
  }
  return lines.filter((line) => line.length > 0);
}

/** Where to cut `text` (longer than `maxBytes`) so the piece before fits. */
function cutPoint(text: string, maxBytes: number): number {
  let end = 0;
  let used = 0;
  let lastSpace = -1;
  for (const { segment, index } of segmenter.segment(text)) {
    const size = bytes(segment);
    if (used + size > maxBytes) {
      if (end === 0) return codePointCut(segment, maxBytes);
      break;
    }
    used += size;
    end = index + segment.length;
    if (segment === " ") lastSpace = index;
  }
  return lastSpace > end / 2 ? lastSpace : end;
}

/** A grapheme larger than a whole line (a pile of combining marks): cut between its code points. */
function codePointCut(segment: string, maxBytes: number): number {
  let end = 0;
  let used = 0;
  for (const char of segment) {
    const size = bytes(char);
    if (used + size > maxBytes) break;
    used += size;
    end += char.length;
  }
  return end;
}

/**
 * The IRC name a message goes to: a channel (`#ops`) or a nick, also given as
 * the mask `nick!user@host` that inbound messages carry as their sender id.
 * Throws when it could smuggle a second command or target into the line.
 */
export function ircTarget(to: string): string {
  const target = to.includes("!") && !/^[#&+!]/.test(to) ? to.slice(0, to.indexOf("!")) : to;
  if (target.length === 0) throw new Error("the IRC target is empty");
  if (/[\s,\0-\x1f\x7f]/.test(target) || target.startsWith(":"))
    throw new Error(`"${to.replace(/[\0-\x1f\x7f]/g, "?")}" is not an IRC nick or channel (no spaces, commas, control characters or leading colon)`);
  return target;
}
