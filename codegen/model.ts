/**
 * Builds the protocol model from the registry: every named schema hoisted into
 * `defs` (plain JSON Schema 2020-12 referencing each other through
 * `#/$defs/Name`), plus the method and event tables. Every emitter reads this
 * model and nothing else, so all targets agree on names and shapes.
 *
 * Only constructs that every target can express are accepted; anything else
 * fails here with a `CodegenError` naming the schema and the construct.
 */
import { Kind, type TSchema } from "@sinclair/typebox";
import { TypeDescription } from "../schema/primitives.js";
import type { EventSpec, MethodSpec } from "../schema/registry.js";
import { CodegenError } from "./codegen-error.js";

export type JsonSchema = { [key: string]: unknown };

export interface MethodEntry {
  name: string;
  params: string;
  result: string;
  scope: MethodSpec["scope"];
  idempotencyKey: boolean;
  since: number;
  description: string;
  errors: readonly string[];
  example: { params: unknown; result: unknown };
  /** Why the gateway does not serve it (absent when it does). */
  unavailable?: string;
  /** Answers `{status: "accepted"}` first, then the final result, on the same id. */
  twoPhase: boolean;
  /** Node-role connections may call it too. */
  nodes: boolean;
}

export interface EventEntry {
  name: string;
  payload: string;
  audience: EventSpec["audience"];
  droppable: boolean;
  since: number;
  description: string;
  example: unknown;
}

export interface ProtocolModel {
  version: number;
  /** Named schemas, sorted by name. */
  defs: ReadonlyMap<string, JsonSchema>;
  methods: readonly MethodEntry[];
  events: readonly EventEntry[];
  handshake: { challenge: string; params: string; result: string; description: string };
  /** The type of every frame on the wire (the JSON Schema document's root). */
  frame: string;
  /** The gateway config file's type, when the registry has one. */
  configFile?: string;
  /** Extra top-level keys of the config file's JSON Schema (`x-reload`, `x-ui-hints`). */
  configAnnotations?: Readonly<Record<string, unknown>>;
  /** Schemas that must exist in every target even when nothing references them. */
  roots: readonly string[];
  errorCodes: readonly string[];
  errorDetailCodes: readonly string[];
  /** The top-level code each `details.code` travels with (empty when the registry does not say). */
  errorDetails: Readonly<Record<string, string>>;
  /** Named protocol constants (values, not shapes), in registry order. */
  constants: readonly ConstantEntry[];
  /** Commands nodes serve through `node.invoke`, with their params and result types. */
  nodeCommands: readonly NodeCommandEntry[];
  /** The project's release (package.json): version, licence, description; published artifacts carry it. */
  project: ProjectInfo;
  /** Breaking changes accepted without a protocol version bump (ids from the protocol lock report). */
  acknowledgedBreakingChanges: readonly string[];
}

export interface ProjectInfo {
  version: string;
  license: string;
  description: string;
}

export interface NodeCommandEntry {
  name: string;
  params: string;
  result: string;
  description: string;
}

export interface ConstantEntry {
  name: string;
  description: string;
  value: unknown;
}

export interface RegistryInput {
  version: number;
  methods: Record<string, MethodSpec>;
  events: Record<string, EventSpec>;
  handshake: { challenge: TSchema; params: TSchema; result: TSchema; description: string };
  /** The type of every frame on the wire. */
  frame: TSchema;
  /** The gateway config file. */
  configFile?: TSchema;
  /** Extra top-level keys of the config file's JSON Schema (`x-reload`, `x-ui-hints`). */
  configAnnotations?: Readonly<Record<string, unknown>>;
  /** Extra named schemas to include (frames, error shape, error codes). */
  extra: TSchema[];
  errorCodes: readonly string[];
  errorDetailCodes: readonly string[];
  errorDetails?: Readonly<Record<string, string>>;
  constants?: Readonly<Record<string, { description: string; value: unknown }>>;
  nodeCommands?: Readonly<Record<string, { params: TSchema; result: TSchema; description: string }>>;
  project?: ProjectInfo;
  acknowledgedBreakingChanges?: readonly string[];
}

export const REF_PREFIX = "#/$defs/";

/** The def name a `{ $ref }` points to. */
export function refName(schema: JsonSchema): string | undefined {
  const ref = schema.$ref;
  return typeof ref === "string" && ref.startsWith(REF_PREFIX) ? ref.slice(REF_PREFIX.length) : undefined;
}

const pascal = (text: string) =>
  text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join("");

const RECORD_KEY_PATTERNS = new Set(["^(.*)$", "^.*$"]);

class ModelBuilder {
  private readonly defs = new Map<string, JsonSchema>();
  /** The source of each name, to tell a second use of a schema from a different schema with the same name. */
  private readonly sources = new Map<string, string>();

  /** Convert `schema` as found at `where`; `hint` names it if it is an anonymous object. */
  convert(schema: TSchema, hint: string, where: string): JsonSchema {
    const id = (schema as { $id?: unknown }).$id;
    if (typeof id === "string") return this.reference(schema, id, id);
    if (schema[Kind] === "Object") {
      // Anonymous objects become named types too, so no target invents a name.
      return this.reference(schema, hint, where);
    }
    return this.body(schema, hint, where);
  }

  private reference(schema: TSchema, name: string, where: string): JsonSchema {
    if (!/^[A-Z][A-Za-z0-9]*$/.test(name)) throw new CodegenError(where, "named schemas need a PascalCase `$id`");
    const typeDescription = ((schema as unknown as Record<symbol, unknown>)[TypeDescription] as string | undefined) ?? schema.description;
    const canonical = { ...schema, description: typeDescription } as TSchema;
    delete (canonical as Record<string, unknown>).$id;
    const source = JSON.stringify(canonical);
    const seen = this.sources.get(name);
    if (seen === undefined) {
      this.sources.set(name, source);
      this.defs.set(name, this.body(canonical, name, where));
    } else if (seen !== source) {
      throw new CodegenError(name, "two different schemas share this name");
    }
    const ref: JsonSchema = { $ref: REF_PREFIX + name };
    if (schema.description !== undefined && schema.description !== typeDescription) ref.description = schema.description;
    return ref;
  }

  private body(schema: TSchema, hint: string, where: string): JsonSchema {
    const out: JsonSchema = {};
    const kind = schema[Kind];
    const copy = (...keys: string[]) => {
      for (const key of keys) if ((schema as Record<string, unknown>)[key] !== undefined) out[key] = (schema as Record<string, unknown>)[key];
    };
    switch (kind) {
      case "Object": {
        out.type = "object";
        copy("description");
        // Open objects (additionalProperties: true) tolerate unknown members, as the v3 reference does for the
        // params of some methods; typed members still validate. Anything else must be closed or a Dict.
        const open = schema.additionalProperties === true;
        if (schema.additionalProperties !== false && !open) throw new CodegenError(where, "objects must be closed (additionalProperties: false) or open (true, via Open); use Dict for maps");
        const properties: JsonSchema = {};
        for (const [key, value] of Object.entries(schema.properties as Record<string, TSchema>)) {
          if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new CodegenError(`${where}/properties/${key}`, "property names must be identifiers in every target");
          properties[key] = this.convert(value, hint + pascal(key), `${where}/properties/${key}`);
        }
        out.properties = properties;
        if (schema.required?.length) out.required = [...schema.required];
        out.additionalProperties = open;
        return out;
      }
      case "Record": {
        const patterns = Object.keys(schema.patternProperties ?? {});
        if (patterns.length !== 1 || !RECORD_KEY_PATTERNS.has(patterns[0])) {
          throw new CodegenError(where, "maps must have string keys (Type.Record(Type.String(), …))");
        }
        out.type = "object";
        copy("description");
        out.additionalProperties = this.convert(schema.patternProperties[patterns[0]], hint + "Value", `${where}/additionalProperties`);
        return out;
      }
      case "Array": {
        if (Array.isArray(schema.items) || schema.items === undefined) throw new CodegenError(where, "tuples cannot be expressed in Swift/Kotlin models");
        out.type = "array";
        copy("description");
        out.items = this.convert(schema.items, hint + "Item", `${where}/items`);
        copy("minItems", "maxItems");
        return out;
      }
      case "String":
        if (schema.format !== undefined) throw new CodegenError(where, "string formats are not supported; use `pattern`");
        out.type = "string";
        copy("description", "minLength", "maxLength", "pattern");
        return out;
      case "Integer":
      case "Number":
        out.type = kind === "Integer" ? "integer" : "number";
        copy("description", "minimum", "maximum");
        return out;
      case "Boolean":
      case "Null":
        out.type = kind.toLowerCase();
        copy("description");
        return out;
      case "Literal":
        if (typeof schema.const !== "string") throw new CodegenError(where, "only string literals are supported");
        out.type = "string";
        copy("description");
        out.const = schema.const;
        return out;
      case "Unknown":
      case "Any":
        copy("description");
        return out;
      case "Unsafe":
        if (schema.type === "string" && Array.isArray(schema.enum) && schema.enum.every((v: unknown) => typeof v === "string")) {
          out.type = "string";
          copy("description");
          out.enum = [...schema.enum];
          return out;
        }
        throw new CodegenError(where, "Type.Unsafe is only supported for string enums");
      case "Union":
        return this.union(schema, hint, where);
      case "Tuple":
        throw new CodegenError(where, "tuples cannot be expressed in Swift/Kotlin models; use an object");
      default:
        throw new CodegenError(
          where,
          `${String(kind)} schemas cannot be expressed in every target (supported: object, map, array, string, integer, number, boolean, null, string literal, string enum, nullable, tagged union)`,
        );
    }
  }

  private union(schema: TSchema, hint: string, where: string): JsonSchema {
    const members = schema.anyOf as TSchema[];
    const tag = (schema.discriminator as { propertyName?: string } | undefined)?.propertyName;
    if (tag !== undefined) {
      const seen = new Set<string>();
      const oneOf = members.map((member, index) => {
        const value = (member.properties as Record<string, TSchema> | undefined)?.[tag]?.const;
        if (member[Kind] !== "Object" || typeof value !== "string") {
          throw new CodegenError(`${where}/oneOf/${index}`, `every member of a tagged union needs a string literal \`${tag}\``);
        }
        if (seen.has(value)) throw new CodegenError(`${where}/oneOf/${index}`, `tag value '${value}' is used twice`);
        seen.add(value);
        return this.convert(member, hint + pascal(value), `${where}/oneOf/${index}`);
      });
      const out: JsonSchema = { type: "object" };
      if (schema.description !== undefined) out.description = schema.description;
      out.oneOf = oneOf;
      out.discriminator = { propertyName: tag };
      return out;
    }
    const anyOf = members.map((member, index) => this.convert(member, `${hint}Option${index + 1}`, `${where}/anyOf/${index}`));
    const objects = anyOf.filter((member) => member.$ref !== undefined && this.defs.get(refName(member)!)?.type === "object" && this.defs.get(refName(member)!)?.properties);
    if (objects.length > 1) {
      throw new CodegenError(where, "a union of several object types needs a discriminator (use Tagged); Swift and Kotlin cannot tell them apart");
    }
    const out: JsonSchema = {};
    if (schema.description !== undefined) out.description = schema.description;
    out.anyOf = anyOf;
    return out;
  }

  /** Every def must describe itself and each of its properties. */
  checkDescriptions(): void {
    const missing: string[] = [];
    for (const [name, def] of this.defs) {
      if (typeof def.description !== "string" || def.description === "") missing.push(name);
      for (const [key, property] of Object.entries((def.properties ?? {}) as Record<string, JsonSchema>)) {
        const referenced = refName(property);
        const described = property.description ?? (referenced ? this.defs.get(referenced)?.description : undefined);
        if (!described) missing.push(`${name}.${key}`);
      }
    }
    if (missing.length) throw new CodegenError(missing.join(", "), "missing `description`");
  }

  sortedDefs(): Map<string, JsonSchema> {
    return new Map([...this.defs.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}

/** Build the model every emitter works from. */
export function buildModel(input: RegistryInput): ProtocolModel {
  const builder = new ModelBuilder();
  const named = (schema: TSchema, hint: string): string => {
    const ref = builder.convert(schema, hint, hint);
    const name = refName(ref);
    if (!name) throw new CodegenError(hint, "must be an object type or a named schema");
    return name;
  };
  const methods: MethodEntry[] = Object.entries(input.methods).map(([name, spec]) => {
    const params = named(spec.params, `${pascal(name)}Params`);
    const result = named(spec.result, `${pascal(name)}Result`);
    if (spec.idempotencyKey) {
      const def = builder.sortedDefs().get(params)!;
      if (!(def.required as string[] | undefined)?.includes("idempotencyKey")) {
        throw new CodegenError(`${name} (${params})`, "methods marked idempotencyKey must require `idempotencyKey` in their params");
      }
    }
    return {
      name,
      params,
      result,
      scope: spec.scope,
      idempotencyKey: spec.idempotencyKey,
      since: spec.since,
      description: spec.description,
      errors: spec.errors,
      example: spec.example,
      twoPhase: spec.twoPhase ?? false,
      nodes: spec.nodes ?? false,
      ...(spec.unavailable === undefined ? {} : { unavailable: spec.unavailable }),
    };
  });
  const events: EventEntry[] = Object.entries(input.events).map(([name, spec]) => ({
    name,
    payload: named(spec.payload, `${pascal(name)}Event`),
    audience: spec.audience,
    droppable: spec.droppable,
    since: spec.since,
    description: spec.description,
    example: spec.example,
  }));
  const nodeCommands: NodeCommandEntry[] = Object.entries(input.nodeCommands ?? {}).map(([name, c]) => ({
    name,
    params: named(c.params, `${pascal(name)}Params`),
    result: named(c.result, `${pascal(name)}Result`),
    description: c.description,
  }));
  const handshake = {
    challenge: named(input.handshake.challenge, "ConnectChallenge"),
    params: named(input.handshake.params, "ConnectParams"),
    result: named(input.handshake.result, "HelloOk"),
    description: input.handshake.description,
  };
  const frame = named(input.frame, "Frame");
  const configFile = input.configFile ? named(input.configFile, "ConfigFile") : undefined;
  const roots = input.extra.map((schema) => named(schema, "Extra"));
  builder.checkDescriptions();
  return {
    version: input.version,
    defs: builder.sortedDefs(),
    methods,
    events,
    handshake,
    frame,
    configFile,
    roots,
    ...(input.configAnnotations ? { configAnnotations: input.configAnnotations } : {}),
    errorCodes: input.errorCodes,
    errorDetailCodes: input.errorDetailCodes,
    errorDetails: input.errorDetails ?? {},
    constants: Object.entries(input.constants ?? {}).map(([name, c]) => ({ name, description: c.description, value: c.value })),
    nodeCommands,
    project: input.project ?? { version: "0.0.0", license: "MIT", description: "Protocol models." },
    acknowledgedBreakingChanges: input.acknowledgedBreakingChanges ?? [],
  };
}
