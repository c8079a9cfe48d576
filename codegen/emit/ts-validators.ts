/**
 * `generated/ts/validators.compiled.js` (standalone ajv code: no schema
 * compilation at start-up) and `generated/ts/validators.ts` (typed wrappers
 * with readable messages such as `at /client/id: must be string`).
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import standalone from "ajv/dist/standalone/index.js";
import type { ProtocolModel } from "../model.js";
import { type GeneratedFile, SLASH_PREAMBLE } from "./generated-file.js";
import { protocolJsonSchema, SCHEMA_ID } from "./json-schema.js";
import { tsFile, tsProject } from "./ts-project.js";

/** The hand-written module the generated validators import (relative to generated/ts/). */
const SUPPORT_MODULE = "../../codegen/support/validation.js";

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
  // Only the keyword is dropped: a property that happens to be named `description` (inside `properties`) stays.
  const schema = JSON.parse(
    JSON.stringify(protocolJsonSchema(model), function (this: Record<string, unknown>, key, value) {
      const keyword = (key === "description" && typeof value === "string") || key === "$comment";
      return keyword ? undefined : value;
    }),
  );
  const ajv = new Ajv2020({ ...AJV_OPTIONS, keywords: ["x-protocol-version", "x-handshake", "x-methods", "x-events"] });
  ajv.addSchema(schema);
  const names = validatedTypes(model);
  const code = standaloneCode(ajv, Object.fromEntries(names.map((name) => [name, `${SCHEMA_ID}#/$defs/${name}`])));

  const declarations = [SLASH_PREAMBLE, `import type { CompiledValidator } from "${SUPPORT_MODULE}";`, ...names.map((name) => `export declare const ${name}: CompiledValidator;`), ""].join("\n");

  const file = tsProject().createSourceFile("validators.ts");
  file.addImportDeclaration({ moduleSpecifier: "./validators.compiled.js", namespaceImport: "compiled" });
  file.addImportDeclaration({ moduleSpecifier: "./types.js", isTypeOnly: true, namedImports: ["EventName", "EventPayload", "MethodName", "MethodParams", "MethodResult", "TypeMap"] });
  file.addImportDeclaration({ moduleSpecifier: "./registry.js", namedImports: ["EVENTS", "METHODS"] });
  file.addImportDeclaration({ moduleSpecifier: SUPPORT_MODULE, namedImports: ["runValidator", "type CompiledValidator", "type Validation"] });
  file.addExportDeclaration({ moduleSpecifier: SUPPORT_MODULE, namedExports: ["formatIssues", "issuesOf", "type AjvIssue", "type CompiledValidator", "type Validation", "type ValidationIssue"] });
  file.addStatements("const byName = compiled as unknown as Record<string, CompiledValidator>;");
  const wrapper = (name: string, doc: string, typeParameter: { name: string; constraint: string }, parameter: string, result: string, lookup: string) =>
    file.addFunction({
      name,
      isExported: true,
      docs: [doc],
      typeParameters: [typeParameter],
      parameters: [
        { name: parameter, type: typeParameter.name },
        { name: "value", type: "unknown" },
      ],
      returnType: `Validation<${result}>`,
      statements: [`return runValidator(byName[${lookup}], value);`],
    });
  wrapper("validate", "Validate `value` as the named type.", { name: "K", constraint: "keyof TypeMap" }, "type", "TypeMap[K]", "type");
  wrapper("validateParams", "Validate the params of `method`.", { name: "M", constraint: "MethodName" }, "method", "MethodParams<M>", "METHODS[method].params");
  wrapper("validateResult", "Validate the result of `method`.", { name: "M", constraint: "MethodName" }, "method", "MethodResult<M>", "METHODS[method].result");
  wrapper("validateEventPayload", "Validate the payload of `event`.", { name: "E", constraint: "EventName" }, "event", "EventPayload<E>", "EVENTS[event].payload");
  return [
    { path: "generated/ts/validators.compiled.js", contents: `${SLASH_PREAMBLE}/* eslint-disable */\n${code}\n` },
    { path: "generated/ts/validators.compiled.d.ts", contents: declarations },
    tsFile("generated/ts/validators.ts", file),
  ];
}
