/**
 * The wire surface of the protocol, as committed in `protocol.lock.json`:
 * every method (scope, idempotency, params and result types), every event
 * (audience, payload type), every named type's fields, enum values and union
 * members, and the protocol version. `protocol:check` compares the schema
 * against it to find breaking changes.
 */

import { GENERATED_NOTICE, type GeneratedFile } from "../emit/generated-file.js";
import { type JsonSchema, type ProtocolModel, refName } from "../model.js";

export const LOCK_PATH = "protocol.lock.json";

/** Validation limits of a field; narrowing them can refuse what old clients send. */
export interface Constraints {
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
}

export interface LockField {
  /** `string`, `integer`, `number`, `boolean`, `json`, a type name, `list<…>`, `map<…>` or a quoted constant. */
  type: string;
  required: boolean;
  nullable: boolean;
  constraints?: Constraints;
}

export type LockType = { kind: "object"; fields: Record<string, LockField> } | { kind: "enum"; values: string[] } | { kind: "union"; tag: string; members: Record<string, string> };

export interface ProtocolLock {
  $comment: string;
  version: number;
  /** Every scope a method requires (including `node`). */
  scopes: string[];
  methods: Record<string, { scope: string; idempotencyKey: boolean; params: string; result: string }>;
  events: Record<string, { audience: string; payload: string }>;
  types: Record<string, LockType>;
}

const CONSTRAINT_KEYS = ["minLength", "maxLength", "pattern", "minimum", "maximum", "minItems", "maxItems"] as const;

function typeText(schema: JsonSchema): { type: string; nullable: boolean; constraints?: Constraints } {
  const ref = refName(schema);
  if (ref) return { type: ref, nullable: false };
  if (Array.isArray(schema.anyOf)) {
    const members = schema.anyOf as JsonSchema[];
    const nonNull = members.filter((m) => m.type !== "null");
    const inner = nonNull.length === 1 ? typeText(nonNull[0]) : { type: nonNull.map((m) => typeText(m).type).join("|"), nullable: false };
    return { ...inner, nullable: nonNull.length < members.length };
  }
  const constraints: Constraints = {};
  for (const key of CONSTRAINT_KEYS) if (schema[key] !== undefined) (constraints as Record<string, unknown>)[key] = schema[key];
  const withConstraints = (type: string) => ({ type, nullable: false, ...(Object.keys(constraints).length ? { constraints } : {}) });
  if (typeof schema.const === "string") return withConstraints(JSON.stringify(schema.const));
  switch (schema.type) {
    case "array":
      return withConstraints(`list<${typeText(schema.items as JsonSchema).type}>`);
    case "object":
      return withConstraints(`map<${typeText(schema.additionalProperties as JsonSchema).type}>`);
    case undefined:
      return withConstraints("json");
    default:
      return withConstraints(String(schema.type));
  }
}

function lockType(def: JsonSchema, model: ProtocolModel): LockType {
  if (Array.isArray(def.enum)) return { kind: "enum", values: [...(def.enum as string[])] };
  if (Array.isArray(def.oneOf)) {
    const tag = (def.discriminator as { propertyName: string }).propertyName;
    const members: Record<string, string> = {};
    for (const member of def.oneOf as JsonSchema[]) {
      const name = refName(member)!;
      members[(model.defs.get(name)!.properties as Record<string, JsonSchema>)[tag].const as string] = name;
    }
    return { kind: "union", tag, members };
  }
  const required = new Set((def.required as string[] | undefined) ?? []);
  const fields: Record<string, LockField> = {};
  for (const [key, schema] of Object.entries((def.properties ?? {}) as Record<string, JsonSchema>)) {
    const { type, nullable, constraints } = typeText(schema);
    fields[key] = { type, required: required.has(key), nullable, ...(constraints ? { constraints } : {}) };
  }
  return { kind: "object", fields };
}

/** The lock of `model`'s wire surface. The `connect` handshake is listed as a method with scope `none`. */
export function protocolLock(model: ProtocolModel): ProtocolLock {
  const methods: ProtocolLock["methods"] = {
    connect: { scope: "none", idempotencyKey: false, params: model.handshake.params, result: model.handshake.result },
  };
  for (const m of model.methods) methods[m.name] = { scope: m.scope, idempotencyKey: m.idempotencyKey, params: m.params, result: m.result };
  const events: ProtocolLock["events"] = {};
  for (const e of model.events) events[e.name] = { audience: e.audience, payload: e.payload };
  const types: ProtocolLock["types"] = {};
  for (const [name, def] of model.defs) types[name] = lockType(def, model);
  return {
    $comment: `${GENERATED_NOTICE}. The committed wire surface: protocol:check refuses breaking changes against it unless PROTOCOL_VERSION goes up or schema/breaking-changes.ts acknowledges them.`,
    version: model.version,
    scopes: [...new Set(model.methods.map((m) => m.scope))].sort(),
    methods,
    events,
    types,
  };
}

/** Entries printed on one line each (scopes, a method, an event, a field, enum values, union members), so a change is a one-line diff. */
function oneLine([top, name, part, field]: string[], depth: number): boolean {
  if (top === "scopes") return depth === 1;
  if (top === "methods" || top === "events") return depth === 2;
  return top === "types" && ((depth === 3 && (part === "values" || part === "members")) || (depth === 4 && part === "fields" && name !== undefined && field !== undefined));
}

/** The lock as JSON text: nested objects indented, entries on one line. */
export function lockText(lock: ProtocolLock): string {
  const print = (value: unknown, path: string[], indent: string): string => {
    if (value === null || typeof value !== "object" || oneLine(path, path.length)) return JSON.stringify(value);
    const inner = indent + "  ";
    const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${print(v, [...path, k], inner)}`);
    return entries.length ? `{\n${entries.join(",\n")}\n${indent}}` : "{}";
  };
  return print(lock, [], "") + "\n";
}

export function emitLock(model: ProtocolModel): GeneratedFile[] {
  return [{ path: LOCK_PATH, contents: lockText(protocolLock(model)) }];
}
