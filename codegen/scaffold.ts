/**
 * Handler stubs: one file per method family under `runtime/handlers/`,
 * written only when absent and never overwritten. Each stub answers
 * `UNAVAILABLE`/`NOT_IMPLEMENTED` until someone implements it.
 */
import type { ProtocolModel } from "./model.js";
import type { GeneratedFile } from "./emit/generated-file.js";

export const HANDLERS_DIR = "runtime/handlers";

/** `node.pair.approve` → `node`; `system-presence` → `system-presence`. */
export const familyOf = (method: string) => method.split(".")[0];

const camel = (text: string) => text.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** The stub for every family (callers write only the ones that do not exist). */
export function handlerStubs(model: ProtocolModel): GeneratedFile[] {
  const families = new Map<string, string[]>();
  for (const m of model.methods) families.set(familyOf(m.name), [...(families.get(familyOf(m.name)) ?? []), m.name]);
  return [...families.entries()].map(([family, names]) => ({
    path: `${HANDLERS_DIR}/${family}.ts`,
    contents: [
      `// Scaffolded by \`npm run protocol:gen\` because this file was missing. It is yours: codegen never overwrites it.`,
      'import type { MethodHandlers } from "../../generated/ts/handlers.js";',
      'import type { HandlerContext } from "./context.js";',
      'import { notImplemented } from "../errors.js";',
      "",
      `/** Handlers of \`${family}\` methods. */`,
      `export const ${camel(family)}Handlers: Pick<MethodHandlers<HandlerContext>, ${names.map((n) => JSON.stringify(n)).join(" | ")}> = {`,
      ...names.map((n) => `  ${JSON.stringify(n)}: () => notImplemented(${JSON.stringify(n)}),`),
      "};",
      "",
    ].join("\n"),
  }));
}
