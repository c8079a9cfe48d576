/** `generated/ts/types.ts`: a TS type per named schema, and the method and event maps. */
import type { JsonSchema, ProtocolModel } from "../model.js";
import type { GeneratedFile } from "./generated-file.js";
import { tsFile, tsProject } from "./ts-project.js";
import { docText, tsTypeText } from "./ts-type-text.js";

const docs = (description: unknown) => {
  const text = docText(description);
  return text ? [text] : [];
};

export function emitTsTypes(model: ProtocolModel): GeneratedFile[] {
  const file = tsProject().createSourceFile("types.ts");
  for (const [name, def] of model.defs) {
    const properties = def.properties as Record<string, JsonSchema> | undefined;
    if (def.type === "object" && properties) {
      const required = new Set((def.required as string[] | undefined) ?? []);
      file.addInterface({
        name,
        isExported: true,
        docs: docs(def.description),
        // Open objects: unknown members are tolerated on the wire.
        indexSignatures: def.additionalProperties === true ? [{ keyName: "key", keyType: "string", returnType: "unknown" }] : [],
        properties: Object.entries(properties).map(([key, property]) => ({
          name: key,
          hasQuestionToken: !required.has(key),
          type: tsTypeText(property, `${name}/properties/${key}`),
          docs: docs(property.description),
        })),
      });
    } else {
      file.addTypeAlias({ name, isExported: true, docs: docs(def.description), type: tsTypeText(def, name) });
    }
  }
  file.addInterface({
    name: "TypeMap",
    isExported: true,
    docs: ["Every named type, by name."],
    properties: [...model.defs.keys()].map((name) => ({ name, type: name })),
  });
  file.addInterface({
    name: "MethodMap",
    isExported: true,
    docs: ["Params and result of every method, by method name."],
    properties: model.methods.map((m) => ({
      name: JSON.stringify(m.name),
      type: `{ params: ${m.params}; result: ${m.result} }`,
      docs: docs(m.description),
    })),
  });
  file.addInterface({
    name: "EventMap",
    isExported: true,
    docs: ["Payload of every event, by event name."],
    properties: model.events.map((e) => ({ name: JSON.stringify(e.name), type: e.payload, docs: docs(e.description) })),
  });
  file.addStatements([
    "/** A method name. */",
    "export type MethodName = keyof MethodMap;",
    "/** An event name. */",
    "export type EventName = keyof EventMap;",
    "/** Params of method `M`. */",
    'export type MethodParams<M extends MethodName> = MethodMap[M]["params"];',
    "/** Result of method `M`. */",
    'export type MethodResult<M extends MethodName> = MethodMap[M]["result"];',
    "/** Payload of event `E`. */",
    "export type EventPayload<E extends EventName> = EventMap[E];",
  ]);
  return [tsFile("generated/ts/types.ts", file)];
}
