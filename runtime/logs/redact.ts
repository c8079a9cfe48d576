/**
 * Secrets never reach a log line, on the terminal or in the file: fields whose
 * name says secret (token, password, deviceToken, Authorization …) are
 * replaced, and in text `Bearer …`, `token=…`, `"password": "…"` and every
 * registered secret value (the gateway's token and password) are masked.
 */
export const MASK = "[REDACTED]";

const SECRET_KEY = /(^|[-_.])?(token|tokens|password|passwd|secret|authorization|cookie|api[-_]?key|private[-_]?key|signature|credential)s?$/i;
const TEXT_PATTERNS: [RegExp, string][] = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{4,}/gi, `$1 ${MASK}`],
  [/((?:device)?token|password|passwd|secret|api[-_]?key|authorization)(\\?["']?\s*[:=]\s*\\?["']?)(?!\[REDACTED\]|Bearer |Basic )([^\s"'\\&,;})]{1,4096})/gi, `$1$2${MASK}`],
];

export class Redactor {
  private secrets: string[] = [];
  private extra: RegExp[] = [];

  /** Mask this exact value wherever it appears (values shorter than 6 characters are ignored). */
  addSecret(value: string | undefined): void {
    if (!value || value.length < 6 || this.secrets.includes(value)) return;
    this.secrets.push(value);
    this.secrets.sort((a, b) => b.length - a.length);
  }

  /** Extra patterns (`logging.redactPatterns`); invalid ones are ignored. */
  setPatterns(patterns: readonly string[]): void {
    this.extra = [];
    for (const p of patterns) {
      try {
        this.extra.push(new RegExp(p, "g"));
      } catch {
        /* ignored */
      }
    }
  }

  isSecretKey(key: string): boolean {
    return SECRET_KEY.test(key);
  }

  text(input: string): string {
    let out = input;
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join(MASK);
    for (const [pattern, replacement] of TEXT_PATTERNS) out = out.replace(pattern, replacement);
    for (const pattern of this.extra) out = out.replace(pattern, MASK);
    return out;
  }

  /** A redacted copy of log fields (depth-limited). */
  value(input: unknown, depth = 0): unknown {
    if (typeof input === "string") return this.text(input);
    if (input === null || typeof input !== "object") return input;
    if (depth > 6) return "[…]";
    if (input instanceof Error) return this.text(input.message);
    if (Array.isArray(input)) return input.slice(0, 100).map((v) => this.value(v, depth + 1));
    const out: Record<string, unknown> = {};
    // A secret-named key masks its string value; counts such as `migratedTokens: 1` stay readable.
    for (const [key, v] of Object.entries(input))
      out[key] = this.isSecretKey(key) && ((typeof v === "string" && v !== "") || (Array.isArray(v) && v.some((x) => typeof x === "string"))) ? MASK : this.value(v, depth + 1);
    return out;
  }
}
