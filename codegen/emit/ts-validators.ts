/**
 * `generated/ts/validators.compiled.js` (standalone ajv code: no schema
 * compilation at start-up) and `generated/ts/validators.ts` (typed wrappers
 * with readable messages such as `at /client/id: must be string`).
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import standalone from "ajv/dist/standalone/index.js";
import type { ProtocolModel } from "../model.js";
import { protocolJsonSchema, SCHEMA_ID } from "./json-schema.js";
import { SLASH_PREAMBLE, type GeneratedFile } from "./generated-file.js";
import { tsFile, tsProject } from "./ts-project.js";

// ajv's standalone module is CommonJS with `module.exports = standaloneCode`.
const standaloneCode = standalone as unknown as typeof standalone.default;

/** Options shared by generated and test-time validators. */
export const AJV_OPTIONS = {
  strict: true,
  allErrors: true,
  discriminator: true,
  unicode: false,
  inlineRefs: false,
  logger: false,
  code: { source: true, esm: true, optimize: true, lines: true },
} as const;

/** The def names that get a compiled validator: everything on the wire. */
function validatedTypes(model: ProtocolModel): string[] {
  return [...model.defs.keys()];
}

export function emitTsValidators(model: ProtocolModel): GeneratedFile[] {
  // Descriptions do not affect validation; leaving them out keeps the compiled code small.
  const schema = JSON.parse(JSON.stringify(protocolJsonSchema(model), (key, value) => (key === "description" || key === "$comment" ? undefined : value)));
  const ajv = new Ajv2020({ ...AJV_OPTIONS, keywords: ["x-protocol-version", "x-handshake", "x-methods", "x-events"] });
  ajv.addSchema(schema);
  const names = validatedTypes(model);
  const code = standaloneCode(ajv, Object.fromEntries(names.map((name) => [name, `${SCHEMA_ID}#/$defs/${name}`])));

  const declarations = [
    SLASH_PREAMBLE,
    'import type { CompiledValidator } from "./validators.js";',
    ...names.map((name) => `export declare const ${name}: CompiledValidator;`),
    "",
  ].join("\n");

  const file = tsProject().createSourceFile("validators.ts");
  file.addImportDeclaration({ moduleSpecifier: "./validators.compiled.js", namespaceImport: "compiled" });
  file.addImportDeclaration({ moduleSpecifier: "./types.js", isTypeOnly: true, namedImports: ["EventName", "EventPayload", "MethodName", "MethodParams", "MethodResult", "TypeMap"] });
  file.addImportDeclaration({ moduleSpecifier: "./registry.js", namedImports: ["EVENTS", "METHODS"] });
  file.addStatements(VALIDATORS_TS);
  return [
    { path: "generated/ts/validators.compiled.js", contents: `${SLASH_PREAMBLE}/* eslint-disable */\n${code}\n` },
    { path: "generated/ts/validators.compiled.d.ts", contents: declarations },
    tsFile("generated/ts/validators.ts", file),
  ];
}

const VALIDATORS_TS = `
/** One ajv error, as produced by the compiled validators. */
export interface AjvIssue {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** A compiled validator: returns true when valid, else sets \`errors\`. */
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
      return \`unexpected property '\${clip(String(p.additionalProperty))}'\`;
    case "required":
      return \`missing property '\${clip(String(p.missingProperty))}'\`;
    case "enum":
      return \`must be one of \${(p.allowedValues as unknown[]).slice(0, 12).map((v) => JSON.stringify(v)).join(", ")}\`;
    case "const":
      return \`must be \${JSON.stringify(p.allowedValue)}\`;
    case "anyOf": {
      const types = siblings.filter((s) => s.keyword === "type").map((s) => String(s.params.type));
      return types.length ? \`must be \${[...new Set(types)].join(" or ")}\` : "does not match any allowed shape";
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
    const key = error.instancePath + "\\u0000" + message;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ path: error.instancePath, message });
    if (issues.length === MAX_ISSUES) break;
  }
  return issues;
}

/** \`at /client/id: must be string; at root: unexpected property 'x'\` */
export function formatIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((issue) => \`at \${where(issue.path)}: \${issue.message}\`).join("; ");
}

function run<T>(validator: CompiledValidator, value: unknown): Validation<T> {
  if (validator(value)) return { ok: true, value: value as T };
  const issues = issuesOf(validator.errors);
  return { ok: false, issues, message: formatIssues(issues) };
}

const byName = compiled as unknown as Record<string, CompiledValidator>;

/** Validate \`value\` as the named type. */
export function validate<K extends keyof TypeMap>(type: K, value: unknown): Validation<TypeMap[K]> {
  return run(byName[type], value);
}

/** Validate the params of \`method\`. */
export function validateParams<M extends MethodName>(method: M, value: unknown): Validation<MethodParams<M>> {
  return run(byName[METHODS[method].params], value);
}

/** Validate the result of \`method\`. */
export function validateResult<M extends MethodName>(method: M, value: unknown): Validation<MethodResult<M>> {
  return run(byName[METHODS[method].result], value);
}

/** Validate the payload of \`event\`. */
export function validateEventPayload<E extends EventName>(event: E, value: unknown): Validation<EventPayload<E>> {
  return run(byName[EVENTS[event].payload], value);
}
`;
