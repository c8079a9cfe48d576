/** TypeScript type expressions for model schemas. */

import { CodegenError } from "../codegen-error.js";
import { type JsonSchema, refName } from "../model.js";

const needsParens = (text: string) => /[|&]/.test(text);

/** The TS type of `schema`, referencing named types by name. */
export function tsTypeText(schema: JsonSchema, where: string): string {
  const name = refName(schema);
  if (name) return name;
  if (typeof schema.const === "string") return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.map((value) => JSON.stringify(value)).join(" | ");
  const members = (schema.oneOf ?? schema.anyOf) as JsonSchema[] | undefined;
  if (members) return members.map((member, i) => tsTypeText(member, `${where}/${i}`)).join(" | ");
  switch (schema.type) {
    case "string":
      return "string";
    case "integer":
    case "number":
      return "number";
    case "boolean":
      return "boolean";
    case "null":
      return "null";
    case "array": {
      const item = tsTypeText(schema.items as JsonSchema, `${where}/items`);
      return needsParens(item) ? `Array<${item}>` : `${item}[]`;
    }
    case "object":
      if (schema.additionalProperties && typeof schema.additionalProperties === "object") {
        return `{ [key: string]: ${tsTypeText(schema.additionalProperties as JsonSchema, `${where}/additionalProperties`)} }`;
      }
      throw new CodegenError(where, "inline object types must be named");
    case undefined:
      return "unknown";
    default:
      throw new CodegenError(where, `unsupported type ${String(schema.type)}`);
  }
}

/** A JSDoc comment text (without delimiters) safe to embed. */
export function docText(description: unknown): string | undefined {
  return typeof description === "string" ? description.replace(/\*\//g, "*\\/") : undefined;
}
