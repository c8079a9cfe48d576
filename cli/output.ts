/** CLI output: aligned tables and short lines for people, exactly one JSON document with `--json`. */
export const EXIT_OK = 0;
export const EXIT_GATEWAY_ERROR = 1;
export const EXIT_USAGE = 2;
export const EXIT_UNREACHABLE = 3;

/** A usage mistake: printed with what to fix, exit 2. */
export class UsageError extends Error {}

/** Render rows as an aligned table with a header. */
export function table(headers: string[], rows: (string | number | boolean | undefined)[][]): string {
  const cells = [headers, ...rows.map((row) => row.map((cell) => (cell === undefined ? "-" : String(cell))))];
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => row[i].length)));
  return cells.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join("  ")).join("\n");
}

/** `key  value` lines, keys aligned. */
export function fields(entries: [string, unknown][]): string {
  const width = Math.max(...entries.map(([k]) => k.length));
  return entries.map(([k, v]) => `${k.padEnd(width)}  ${typeof v === "object" ? JSON.stringify(v) : String(v ?? "-")}`).join("\n");
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + "\n");
}

export const ago = (ms: number | undefined, now = Date.now()) => {
  if (ms === undefined) return undefined;
  const s = Math.max(0, Math.round((now - ms) / 1000));
  return s < 60 ? `${s}s ago` : s < 3600 ? `${Math.round(s / 60)}m ago` : s < 86400 ? `${Math.round(s / 3600)}h ago` : `${Math.round(s / 86400)}d ago`;
};
