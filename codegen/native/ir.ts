/**
 * The native model: the protocol model reduced to what Swift and Kotlin
 * declare — structs with fields in declaration order, open enums, tagged
 * unions with an unknown branch, and the frame envelope. Both native emitters
 * read this and nothing else, so they agree on every type, field and case.
 */

import { CodegenError } from "../codegen-error.js";
import { type EventEntry, type JsonSchema, type MethodEntry, type ProtocolModel, refName } from "../model.js";

export type NativeType =
  | { kind: "string" | "integer" | "number" | "boolean" | "json" }
  | { kind: "named"; name: string }
  | { kind: "list"; item: NativeType }
  | { kind: "map"; value: NativeType }
  | { kind: "nullable"; inner: NativeType };

/**
 * How a field is present on the wire:
 * `required` always there; `requiredNullable` always there, maybe `null` (always encoded);
 * `optional` may be absent; `optionalJson` may be absent, and `null` is a value;
 * `tristate` absent, `null` or a value, three states kept apart; `constant` a fixed string (tags).
 */
export type Presence = "required" | "requiredNullable" | "optional" | "optionalJson" | "tristate" | "constant";

export interface NativeField {
  wire: string;
  description: string;
  presence: Presence;
  /** The value's type, without the nullability that `presence` already says. */
  type: NativeType;
  /** For `constant` fields: the fixed value. */
  constant?: string;
}

export interface NativeStruct {
  kind: "struct";
  name: string;
  description: string;
  fields: NativeField[];
}
export interface NativeEnum {
  kind: "enum";
  name: string;
  description: string;
  values: string[];
}
export interface NativeUnionMember {
  tag: string;
  type: string /** Case name source, such as `agentTurn` for CronPayloadAgentTurn. */;
  caseWire: string;
}
export interface NativeUnion {
  kind: "union";
  name: string;
  description: string;
  tag: string;
  members: NativeUnionMember[];
}
/** A named list, map, primitive or free JSON value (a result such as `system-presence`'s bare list): a type alias. */
export interface NativeAlias {
  kind: "alias";
  name: string;
  description: string;
  type: NativeType;
}
export type NativeDecl = NativeStruct | NativeEnum | NativeUnion | NativeAlias;

/** The envelope every message is: which structs are the request, response and event frames. */
export interface FrameEnvelope {
  /** The model's frame union (native name `GatewayFrame`). */
  union: string;
  tag: string;
  members: NativeUnionMember[];
  request: string;
  response: string;
  event: string;
  /** The error type of failed responses. */
  error: string;
}

export interface NativeModel {
  version: number;
  decls: ReadonlyMap<string, NativeDecl>;
  frame: FrameEnvelope;
  methods: readonly MethodEntry[];
  events: readonly EventEntry[];
  handshake: ProtocolModel["handshake"];
  /** Native name of each model type name (the frame union becomes `GatewayFrame`). */
  nativeName(name: string): string;
}

export const GATEWAY_FRAME = "GatewayFrame";

/** Names the native support code declares; no registry type may take one. */
export const NATIVE_SUPPORT_TYPES = [
  "JSONValue",
  "Nullable",
  "NullableSerializer",
  "OptionalJsonSerializer",
  "OpenEnumSerializer",
  "GatewayFrame",
  "GatewayEvent",
  "MethodDescriptor",
  "Methods",
  "AnyCodingKey",
  "MethodName",
  "EventName",
  "ProtocolInfo",
  "TidegateJson",
  "GatewayCallError",
  "RequestSending",
  "UnknownMember",
  "UnionMember",
  "TaggedUnionSerializer",
  "GatewayCallException",
  "RequestSender",
  "Support",
] as const;

function nativeType(schema: JsonSchema, where: string): NativeType {
  const ref = refName(schema);
  if (ref) return { kind: "named", name: ref };
  if (Array.isArray(schema.anyOf)) {
    const members = schema.anyOf as JsonSchema[];
    const nonNull = members.filter((m) => m.type !== "null");
    if (members.length === 2 && nonNull.length === 1) {
      const inner = nativeType(nonNull[0], where);
      return inner.kind === "json" ? inner : { kind: "nullable", inner };
    }
    throw new CodegenError(where, "only `T | null` unions can be expressed natively; use Tagged for unions of objects");
  }
  switch (schema.type) {
    case "string":
      return { kind: "string" };
    case "integer":
      return { kind: "integer" };
    case "number":
      return { kind: "number" };
    case "boolean":
      return { kind: "boolean" };
    case "array":
      return { kind: "list", item: nativeType(schema.items as JsonSchema, `${where}[]`) };
    case "object":
      if (schema.additionalProperties && typeof schema.additionalProperties === "object") {
        return { kind: "map", value: nativeType(schema.additionalProperties as JsonSchema, `${where}{}`) };
      }
      throw new CodegenError(where, "inline objects must be hoisted into $defs");
    case undefined:
      return { kind: "json" };
    default:
      throw new CodegenError(where, `type ${String(schema.type)} has no native equivalent`);
  }
}

function field(wire: string, schema: JsonSchema, required: boolean, where: string): NativeField {
  const description = (schema.description as string | undefined) ?? "";
  if (typeof schema.const === "string") {
    if (!required) throw new CodegenError(where, "constant properties must be required");
    return { wire, description, presence: "constant", type: { kind: "string" }, constant: schema.const };
  }
  const type = nativeType(schema, where);
  if (type.kind === "nullable") return { wire, description, presence: required ? "requiredNullable" : "tristate", type: type.inner };
  if (type.kind === "json") return { wire, description, presence: required ? "required" : "optionalJson", type };
  return { wire, description, presence: required ? "required" : "optional", type };
}

/** The case name of a member: without the union's name (CronScheduleAt → At, RequestFrame → Request) or their shared leading words. */
function caseWire(union: string, member: string): string {
  if (member !== union && member.startsWith(union)) return member.slice(union.length);
  if (member !== union && member.endsWith(union)) return member.slice(0, -union.length);
  let shared = 0;
  while (shared < union.length && union[shared] === member[shared]) shared++;
  while (shared > 0 && !/[A-Z]/.test(member[shared] ?? "")) shared--;
  return shared > 0 ? member.slice(shared) : member;
}

function decl(model: ProtocolModel, name: string, def: JsonSchema): NativeDecl {
  const description = (def.description as string | undefined) ?? "";
  if (Array.isArray(def.enum)) return { kind: "enum", name, description, values: def.enum as string[] };
  if (Array.isArray(def.oneOf)) {
    const tag = (def.discriminator as { propertyName: string }).propertyName;
    const members = (def.oneOf as JsonSchema[]).map((member) => {
      const type = refName(member)!;
      const tagValue = (model.defs.get(type)!.properties as Record<string, JsonSchema>)[tag].const as string;
      return { tag: tagValue, type, caseWire: caseWire(name, type) };
    });
    return { kind: "union", name, description, tag, members };
  }
  if (def.type === "object" && def.properties) {
    const required = new Set((def.required as string[] | undefined) ?? []);
    const fields = Object.entries(def.properties as Record<string, JsonSchema>).map(([key, schema]) => {
      const described = schema.description === undefined && refName(schema) ? { ...schema, description: model.defs.get(refName(schema)!)?.description } : schema;
      return field(key, described, required.has(key), `${name}.${key}`);
    });
    return { kind: "struct", name, description, fields };
  }
  return { kind: "alias", name, description, type: nativeType(def, name) };
}

function envelope(model: ProtocolModel, decls: Map<string, NativeDecl>): FrameEnvelope {
  const union = decls.get(model.frame);
  if (union?.kind !== "union") throw new CodegenError(model.frame, "the frame type must be a tagged union");
  const has = (type: string, ...keys: string[]) => {
    const d = decls.get(type);
    return d?.kind === "struct" && keys.every((k) => d.fields.some((f) => f.wire === k));
  };
  const find = (keys: string[], what: string) => {
    const member = union.members.find((m) => has(m.type, ...keys));
    if (!member) throw new CodegenError(model.frame, `no member has ${keys.join(", ")} (the ${what} frame)`);
    return member.type;
  };
  const response = find(["id", "ok", "payload", "error"], "response");
  const errorField = (decls.get(response) as NativeStruct).fields.find((f) => f.wire === "error")!;
  if (errorField.type.kind !== "named") throw new CodegenError(`${response}.error`, "must be a named type");
  return {
    union: union.name,
    tag: union.tag,
    members: union.members,
    request: find(["id", "method", "params"], "request"),
    response,
    event: find(["event", "payload"], "event"),
    error: errorField.type.name,
  };
}

/** Reduce the protocol model to native declarations. */
export function nativeModel(model: ProtocolModel): NativeModel {
  const decls = new Map<string, NativeDecl>();
  for (const [name, def] of model.defs) {
    if ((NATIVE_SUPPORT_TYPES as readonly string[]).includes(name)) throw new CodegenError(name, "this name is taken by the native support code; rename the schema");
    decls.set(name, decl(model, name, def));
  }
  const frame = envelope(model, decls);
  return {
    version: model.version,
    decls,
    frame,
    methods: model.methods,
    events: model.events,
    handshake: model.handshake,
    nativeName: (name) => (name === frame.union ? GATEWAY_FRAME : name),
  };
}
