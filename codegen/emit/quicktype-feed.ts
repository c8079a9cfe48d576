/**
 * The one JSON Schema source fed to quicktype for Swift and Kotlin, and the
 * run itself. Every model def is a top-level type referenced through
 * `#/definitions/Name`, so quicktype names each type after the registry and
 * emits it once. Tagged unions become one type holding every member's
 * properties (the tag as an enum, the rest optional), since neither target's
 * quicktype renderer can express a discriminated union; their members are
 * emitted as types of their own too. String literals become one-value enums
 * named after their owner and property.
 */
import { FetchingJSONSchemaStore, InputData, JSONSchemaInput, quicktype } from "quicktype-core";
import { refName, type JsonSchema, type ProtocolModel } from "../model.js";
import { CodegenError } from "../codegen-error.js";
import { GENERATED_NOTICE } from "./generated-file.js";

const SOURCE = "protocol.json";
const pascal = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Definitions for quicktype: every def, tagged unions merged, literals hoisted. */
export function quicktypeDefinitions(model: ProtocolModel): Map<string, JsonSchema> {
  const out = new Map<string, JsonSchema>();
  const rewrite = (schema: JsonSchema, owner: string, key: string): JsonSchema => {
    const name = refName(schema);
    if (name) return { $ref: `#/definitions/${name}` };
    if (typeof schema.const === "string") {
      const enumName = owner + pascal(key);
      out.set(enumName, { type: "string", enum: [schema.const], description: schema.description });
      return { $ref: `#/definitions/${enumName}` };
    }
    const copy: JsonSchema = { ...schema };
    // Open objects tolerate unknown members on the wire; native decoders ignore unknown keys anyway.
    if (copy.additionalProperties === true) copy.additionalProperties = false;
    if (copy.properties) {
      copy.properties = Object.fromEntries(
        Object.entries(copy.properties as Record<string, JsonSchema>).map(([k, v]) => [k, rewrite(v, owner, k)]),
      );
    }
    if (copy.items) copy.items = rewrite(copy.items as JsonSchema, owner, key + "Item");
    if (copy.additionalProperties && typeof copy.additionalProperties === "object") {
      copy.additionalProperties = rewrite(copy.additionalProperties as JsonSchema, owner, key + "Value");
    }
    if (copy.anyOf) copy.anyOf = (copy.anyOf as JsonSchema[]).map((member, i) => rewrite(member, owner, `${key}Option${i + 1}`));
    return copy;
  };
  for (const [name, def] of model.defs) {
    out.set(name, def.oneOf ? mergeTagged(model, name, def, rewrite) : rewrite(def, name, ""));
  }
  return new Map([...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function mergeTagged(
  model: ProtocolModel,
  name: string,
  def: JsonSchema,
  rewrite: (schema: JsonSchema, owner: string, key: string) => JsonSchema,
): JsonSchema {
  const tag = (def.discriminator as { propertyName: string }).propertyName;
  const memberNames = (def.oneOf as JsonSchema[]).map((member) => refName(member)!);
  const properties: Record<string, JsonSchema> = {};
  const tagValues: string[] = [];
  for (const memberName of memberNames) {
    const member = model.defs.get(memberName)!;
    for (const [key, property] of Object.entries(member.properties as Record<string, JsonSchema>)) {
      if (key === tag) {
        tagValues.push(property.const as string);
        continue;
      }
      const converted = rewrite(property, memberName, key);
      const existing = properties[key];
      if (existing && nativeShape(existing) !== nativeShape(converted)) {
        throw new CodegenError(`${name}.${key}`, `tagged union members give property '${key}' different types; Swift/Kotlin need one type per property name`);
      }
      properties[key] = existing ?? converted;
    }
  }
  const tagEnum = name + pascal(tag);
  return {
    type: "object",
    description: `${def.description} One of ${memberNames.join(", ")}; \`${tag}\` tells which, and only that member's properties are set.`,
    properties: { [tag]: { $ref: `#/definitions/${tagEnum}` }, ...properties },
    required: [tag],
    additionalProperties: false,
    "x-tag-enum": { name: tagEnum, values: tagValues },
  };
}

const CONSTRAINTS = new Set(["description", "minLength", "maxLength", "pattern", "minimum", "maximum", "minItems", "maxItems"]);

/** What a schema looks like to a native target: its type structure without validation constraints. */
function nativeShape(schema: JsonSchema): string {
  return JSON.stringify(schema, (key, value) => (CONSTRAINTS.has(key) ? undefined : value));
}

/** Run quicktype over the feed for one target language. */
export async function runQuicktype(
  definitions: Map<string, JsonSchema>,
  lang: "swift" | "kotlin",
  rendererOptions: Record<string, string>,
): Promise<string> {
  const defs: Record<string, JsonSchema> = {};
  for (const [name, def] of definitions) {
    const { "x-tag-enum": tagEnum, ...rest } = def as JsonSchema & { "x-tag-enum"?: { name: string; values: string[] } };
    defs[name] = rest;
    if (tagEnum) defs[tagEnum.name] = { type: "string", enum: tagEnum.values, description: `Which member of ${name} this is.` };
  }
  const names = Object.keys(defs).sort();
  const input = new JSONSchemaInput(new FetchingJSONSchemaStore());
  // One source holds the schema; the others only point into it, so each type is emitted once.
  input.addSourceSync({ name: SOURCE, schema: JSON.stringify({ definitions: defs }), uris: [`#/definitions/${names[0]}`] });
  for (const name of names.slice(1)) input.addSourceSync({ name, uris: [`${SOURCE}#/definitions/${name}`] });
  const inputData = new InputData();
  inputData.addInput(input);
  const result = await quicktype({ inputData, lang, rendererOptions, leadingComments: [GENERATED_NOTICE], inferMaps: false });
  return result.lines.join("\n").trimEnd() + "\n";
}
