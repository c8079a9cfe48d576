/** `generated/ts/registry.ts`: the method and event tables the runtime and clients dispatch on. */
import { VariableDeclarationKind } from "ts-morph";
import type { ProtocolModel } from "../model.js";
import type { GeneratedFile } from "./generated-file.js";
import { tsFile, tsProject } from "./ts-project.js";

const literal = (value: unknown) => JSON.stringify(value);

export function emitTsRegistry(model: ProtocolModel): GeneratedFile[] {
  const file = tsProject().createSourceFile("registry.ts");
  const constant = (name: string, doc: string, initializer: string) =>
    file.addVariableStatement({ isExported: true, declarationKind: VariableDeclarationKind.Const, docs: [doc], declarations: [{ name, initializer }] });

  constant("PROTOCOL_VERSION", "The protocol version.", `${model.version}`);
  constant(
    "METHODS",
    "Every method: the scope it needs (or `node`), whether it needs an `idempotencyKey`, the version it appeared in, and its params/result type names.",
    `{\n${model.methods
      .map(
        (m) =>
          `  ${literal(m.name)}: { scope: ${literal(m.scope)}, idempotencyKey: ${m.idempotencyKey}, since: ${m.since}, params: ${literal(m.params)}, result: ${literal(m.result)}${m.twoPhase ? ", twoPhase: true" : ""}${m.nodes ? ", nodes: true" : ""}${m.unavailable === undefined ? "" : `, unavailable: ${literal(m.unavailable)}`} },`,
      )
      .join("\n")}\n} as const`,
  );
  constant(
    "EVENTS",
    "Every event: who receives it, whether a slow consumer may miss it, the version it appeared in, and its payload type name.",
    `{\n${model.events.map((e) => `  ${literal(e.name)}: { audience: ${literal(e.audience)}, droppable: ${e.droppable}, since: ${e.since}, payload: ${literal(e.payload)} },`).join("\n")}\n} as const`,
  );
  constant("METHOD_NAMES", "Every method name, in registry order.", `Object.keys(METHODS) as (keyof typeof METHODS)[]`);
  constant("EVENT_NAMES", "Every event name, in registry order.", `Object.keys(EVENTS) as (keyof typeof EVENTS)[]`);
  constant("ERROR_CODES", "Top-level error codes.", `${literal(model.errorCodes)} as const`);
  constant("ERROR_DETAIL_CODES", "Values of `details.code`.", `${literal(model.errorDetailCodes)} as const`);
  if (Object.keys(model.errorDetails).length) {
    constant("ERROR_DETAILS", "The top-level error code each `details.code` travels with.", `${JSON.stringify(model.errorDetails, null, 2)} as const`);
  }
  if (model.nodeCommands.length) {
    constant(
      "NODE_COMMANDS",
      "Commands nodes serve through `node.invoke`: their params and result type names.",
      `{\n${model.nodeCommands.map((c) => `  ${literal(c.name)}: { params: ${literal(c.params)}, result: ${literal(c.result)} },`).join("\n")}\n} as const`,
    );
  }
  for (const c of model.constants) constant(c.name, c.description, `${JSON.stringify(c.value, null, 2)} as const`);
  file.addStatements([
    "/** Who may call a method. */",
    'export type MethodAccess = (typeof METHODS)[keyof typeof METHODS]["scope"];',
    "/** Who receives an event. */",
    'export type EventAudience = (typeof EVENTS)[keyof typeof EVENTS]["audience"];',
    "/** A top-level error code. */",
    "export type ErrorCodeName = (typeof ERROR_CODES)[number];",
    "/** A `details.code` value. */",
    "export type ErrorDetailCodeName = (typeof ERROR_DETAIL_CODES)[number];",
  ]);
  return [tsFile("generated/ts/registry.ts", file)];
}
