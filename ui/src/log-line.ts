/** One gateway log line made readable: a JSONL record becomes `time level message key=value…`; anything else stays as is. */
export function formatLogLine(line: string): string {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return line;
  }
  if (!record || typeof record !== "object" || Array.isArray(record)) return line;
  const { time, ts, level, msg, message, 0: first, 1: second, ...rest } = record as Record<string, unknown>;
  const when = typeof time === "string" ? time.replace(/^\d{4}-\d\d-\d\dT/, "").replace(/Z$/, "") : typeof ts === "number" ? new Date(ts).toISOString().slice(11, 23) : "";
  const text = [msg, message, first].find((v) => typeof v === "string") ?? "";
  const fields = { ...(second && typeof second === "object" ? second : {}), ...rest } as Record<string, unknown>;
  const pairs = Object.entries(fields).map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`);
  return [when, typeof level === "string" || typeof level === "number" ? String(level).toUpperCase() : "", text, ...pairs].filter(Boolean).join(" ");
}
