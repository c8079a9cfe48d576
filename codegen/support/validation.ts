/**
 * What the generated validators run on: ajv's compiled functions wrapped into
 * `Validation` results whose messages read like
 * `at /client/id: must be string; at root: unexpected property 'x'`.
 * Generated code (`generated/ts/validators.ts`) imports this module; it is
 * hand-written, type-checked and tested like any other.
 */
/** One ajv error, as produced by the compiled validators. */
export interface AjvIssue {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** A compiled validator: returns true when valid, else sets `errors`. */
export interface CompiledValidator {
  (value: unknown): boolean;
  errors?: AjvIssue[] | null;
}

/** One problem with a value. */
export interface ValidationIssue {
  /** JSON pointer of the offending value; empty for the root. */
  path: string;
  message: string;
}

/** The outcome of a validation. */
export type Validation<T> = { ok: true; value: T } | { ok: false; message: string; issues: ValidationIssue[] };

const MAX_ISSUES = 5;
const clip = (text: string, max = 64) => (text.length > max ? text.slice(0, max) + "…" : text);
const where = (path: string) => (path === "" ? "root" : clip(path, 128));

function describe(issue: AjvIssue, siblings: AjvIssue[]): string | undefined {
  const p = issue.params;
  switch (issue.keyword) {
    case "additionalProperties":
      return `unexpected property '${clip(String(p.additionalProperty))}'`;
    case "required":
      return `missing property '${clip(String(p.missingProperty))}'`;
    case "enum":
      return `must be one of ${(p.allowedValues as unknown[])
        .slice(0, 12)
        .map((v) => JSON.stringify(v))
        .join(", ")}`;
    case "const":
      return `must be ${JSON.stringify(p.allowedValue)}`;
    case "anyOf": {
      const types = siblings.filter((s) => s.keyword === "type").map((s) => String(s.params.type));
      return types.length ? `must be ${[...new Set(types)].join(" or ")}` : "does not match any allowed shape";
    }
    default:
      return issue.message;
  }
}

/** Readable issues from ajv errors: one per problem, at most five, no values echoed. */
export function issuesOf(errors: readonly AjvIssue[] | null | undefined): ValidationIssue[] {
  const all = errors ?? [];
  const unionPaths = new Set(all.filter((e) => e.keyword === "anyOf").map((e) => e.instancePath));
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  for (const error of all) {
    const insideUnion = error.keyword !== "anyOf" && error.schemaPath.includes("/anyOf/") && [...unionPaths].some((p) => error.instancePath.startsWith(p));
    if (insideUnion) continue;
    const siblings = all.filter((e) => e.instancePath === error.instancePath && e.schemaPath.includes("/anyOf/"));
    const message = describe(error, siblings);
    if (!message) continue;
    const key = error.instancePath + "\u0000" + message;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ path: error.instancePath, message });
    if (issues.length === MAX_ISSUES) break;
  }
  return issues;
}

/** `at /client/id: must be string; at root: unexpected property 'x'` */
export function formatIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((issue) => `at ${where(issue.path)}: ${issue.message}`).join("; ");
}

/** Run a compiled validator and turn its errors into readable issues. */
export function runValidator<T>(validator: CompiledValidator, value: unknown): Validation<T> {
  if (validator(value)) return { ok: true, value: value as T };
  const issues = issuesOf(validator.errors);
  return { ok: false, issues, message: formatIssues(issues) };
}
