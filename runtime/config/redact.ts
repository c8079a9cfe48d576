/**
 * Secrets in config never leave the gateway: `config.get` replaces them with
 * `__OPENCLAW_REDACTED__` (the v3 sentinel), and a write that sends the
 * sentinel back keeps the current secret.
 */
import configSchema from "../../generated/config.schema.json" with { type: "json" };

export const REDACTED = "__OPENCLAW_REDACTED__";

const HINTS = (configSchema as unknown as { "x-ui-hints": Record<string, { sensitive?: boolean }> })["x-ui-hints"];
const SENSITIVE_PATHS = new Set(
  Object.entries(HINTS)
    .filter(([, h]) => h.sensitive)
    .map(([p]) => p),
);
const SENSITIVE_KEY = /(token|password|secret|api[-_]?key|private[-_]?key|credential)/i;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

export function isSensitive(path: string, key: string): boolean {
  return SENSITIVE_PATHS.has(path) || SENSITIVE_KEY.test(key);
}

/** A copy with every sensitive string replaced by the sentinel. */
export function redactConfig(value: unknown, at = ""): unknown {
  if (Array.isArray(value)) return value.map((v) => redactConfig(v, at));
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const here = at ? `${at}.${key}` : key;
    out[key] = typeof v === "string" && isSensitive(here, key) ? REDACTED : redactConfig(v, here);
  }
  return out;
}

/** Every sensitive string value of a config. */
export function secretsOf(value: unknown, at = "", out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => secretsOf(v, at, out));
  else if (isObject(value)) {
    for (const [key, v] of Object.entries(value)) {
      const here = at ? `${at}.${key}` : key;
      if (typeof v === "string" && isSensitive(here, key)) {
        if (v && v !== REDACTED) out.push(v);
      } else secretsOf(v, here, out);
    }
  }
  return out;
}

/** Raw file text with every secret value of `config` replaced by the sentinel. */
export function redactRaw(raw: string, config: unknown): string {
  let text = raw;
  for (const secret of secretsOf(config).sort((a, b) => b.length - a.length)) text = text.split(secret).join(REDACTED);
  return text;
}

/** Put the current secrets back where `next` carries the sentinel; `changed` says whether any was restored. */
export function restoreRedacted(next: unknown, current: unknown): { value: unknown; restored: boolean; missing: string[] } {
  let restored = false;
  const missing: string[] = [];
  const walk = (n: unknown, c: unknown, at: string): unknown => {
    if (n === REDACTED) {
      if (typeof c === "string") {
        restored = true;
        return c;
      }
      missing.push(at);
      return n;
    }
    if (Array.isArray(n)) return n.map((v, i) => walk(v, Array.isArray(c) ? c[i] : undefined, `${at}[${i}]`));
    if (!isObject(n)) return n;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(n)) out[key] = walk(v, isObject(c) ? c[key] : undefined, at ? `${at}.${key}` : key);
    return out;
  };
  const value = walk(next, current, "");
  return { value, restored, missing };
}
