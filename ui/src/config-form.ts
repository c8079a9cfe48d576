/**
 * The schema-driven config form, pure: the editable leaf fields of the config's
 * JSON Schema (strings, numbers, booleans, enums, lists of strings), labelled by
 * the editor hints, and the RFC 7396 merge patch of what the user changed
 * (sent with `config.patch` and the snapshot's `baseHash`). Unit-tested in ui/config-form.test.ts.
 */
export type FieldKind = "string" | "number" | "boolean" | "enum" | "list";

export interface Field {
  path: string;
  kind: FieldKind;
  label: string;
  help?: string;
  options?: string[];
  sensitive?: boolean;
  order: number;
}

export interface Hint {
  label?: string;
  help?: string;
  order?: number;
  sensitive?: boolean;
}

type Schema = { $ref?: string; type?: string | string[]; properties?: Record<string, Schema>; enum?: unknown[]; items?: Schema; description?: string; anyOf?: Schema[] };

const FORBIDDEN = new Set(["__proto__", "constructor", "prototype"]);

function resolve(root: Schema & { $defs?: Record<string, Schema>; definitions?: Record<string, Schema> }, node: Schema | undefined, depth = 0): Schema | undefined {
  if (!node?.$ref || depth > 32) return node;
  const name = node.$ref.replace(/^#\/(\$defs|definitions)\//, "");
  return resolve(root, root.$defs?.[name] ?? root.definitions?.[name], depth + 1);
}

function kindOf(node: Schema): FieldKind | undefined {
  const type = Array.isArray(node.type) ? node.type.find((t) => t !== "null") : node.type;
  if (Array.isArray(node.enum) && node.enum.every((v) => typeof v === "string")) return "enum";
  if (type === "string") return "string";
  if (type === "integer" || type === "number") return "number";
  if (type === "boolean") return "boolean";
  if (type === "array" && node.items?.type === "string") return "list";
  return undefined;
}

/** Every editable leaf of `schema`, ordered by the hints (then schema order). */
export function leafFields(schema: unknown, hints: Record<string, Hint> = {}): Field[] {
  const root = schema as Schema;
  const fields: Field[] = [];
  const walk = (node: Schema | undefined, path: string[], depth: number) => {
    const resolved = resolve(root, node);
    if (!resolved || depth > 8) return;
    if (resolved.properties) {
      for (const [key, child] of Object.entries(resolved.properties)) if (!FORBIDDEN.has(key)) walk(child, [...path, key], depth + 1);
      return;
    }
    const kind = kindOf(resolved);
    if (!kind || path.length === 0) return;
    const key = path.join(".");
    const hint = hints[key] ?? {};
    fields.push({
      path: key,
      kind,
      label: hint.label ?? path[path.length - 1],
      help: hint.help ?? resolved.description,
      options: kind === "enum" ? (resolved.enum as string[]) : undefined,
      sensitive: hint.sensitive || /token|password|secret|apikey/i.test(path[path.length - 1]),
      order: hint.order ?? 1e6 + fields.length,
    });
  };
  walk(root, [], 0);
  return fields.sort((a, b) => a.order - b.order);
}

/** The value at a dotted path, or undefined. */
export function getPath(value: unknown, path: string): unknown {
  let node = value;
  for (const key of path.split(".")) {
    if (!node || typeof node !== "object" || FORBIDDEN.has(key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** The merge patch that sets each changed path (`null` deletes, RFC 7396). */
export function mergePatch(changes: Record<string, unknown>): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(changes)) {
    const keys = path.split(".");
    if (keys.some((k) => FORBIDDEN.has(k))) throw new Error(`refusing the key path ${path}`);
    let node = patch;
    for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    node[keys[keys.length - 1]] = value === undefined ? null : value;
  }
  return patch;
}

/** The typed value of a form input (`undefined`: cleared, i.e. back to the default). */
export function parseInput(kind: FieldKind, text: string | boolean): unknown {
  if (kind === "boolean") return text === "" ? undefined : text === true || text === "true";
  const raw = String(text).trim();
  if (raw === "") return undefined;
  if (kind === "number") {
    const n = Number(raw);
    if (!Number.isFinite(n)) throw new Error(`not a number: ${raw}`);
    return n;
  }
  if (kind === "list")
    return raw
      .split(/[\n,]/)
      .map((s) => s.trim())
      .filter(Boolean);
  return raw;
}
