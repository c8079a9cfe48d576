/** Let people type a short id prefix or a display name where the protocol wants a full device or node id. */
import { UsageError } from "./output.js";

export function resolveId(input: string, known: { id: string; name?: string }[], what: string): string {
  if (/^[0-9a-f]{64}$/.test(input)) return input;
  const matches = known.filter((k) => k.id.startsWith(input.toLowerCase()) || k.name === input);
  if (matches.length === 1) return matches[0].id;
  if (matches.length > 1) throw new UsageError(`'${input}' matches ${matches.length} ${what}s: ${matches.map((m) => m.id.slice(0, 12)).join(", ")}; give more of the id`);
  throw new UsageError(`no ${what} matches '${input}'`);
}
