/** `generated/ts/handlers.ts`: one typed handler per method, so a missing or mistyped handler is a compile error. */
import type { ProtocolModel } from "../model.js";
import type { GeneratedFile } from "./generated-file.js";
import { tsFile, tsProject } from "./ts-project.js";
import { docText } from "./ts-type-text.js";

export function emitTsHandlers(model: ProtocolModel): GeneratedFile[] {
  const file = tsProject().createSourceFile("handlers.ts");
  const served = model.methods.filter((m) => m.unavailable === undefined);
  const types = [...new Set(served.flatMap((m) => [m.params, m.result]))].sort();
  file.addImportDeclaration({ moduleSpecifier: "./types.js", isTypeOnly: true, namedImports: types });
  file.addInterface({
    name: "MethodHandlers",
    isExported: true,
    typeParameters: ["Context"],
    docs: ["The gateway implements one handler per served method (those marked `unavailable` in the registry need none); `Context` is the runtime's per-call context."],
    methods: served.map((m) => ({
      name: JSON.stringify(m.name),
      docs: [`${docText(m.description)}\n\nScope: \`${m.scope}\`${m.idempotencyKey ? "; requires `idempotencyKey`" : ""}.`],
      parameters: [
        { name: "params", type: m.params },
        { name: "context", type: "Context" },
      ],
      returnType: `${m.result} | Promise<${m.result}>`,
    })),
  });
  file.addStatements(["/** The handler of method `M`. */", "export type MethodHandler<Context, M extends keyof MethodHandlers<Context>> = MethodHandlers<Context>[M];"]);
  return [tsFile("generated/ts/handlers.ts", file)];
}
