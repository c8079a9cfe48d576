/** Every emitter, run over one model. Pure: returns files, writes nothing. */

import { emitLock } from "../lock/surface.js";
import type { ProtocolModel } from "../model.js";
import { emitDocs } from "./docs.js";
import { emitExamples } from "./examples.js";
import type { GeneratedFile } from "./generated-file.js";
import { SLASH_PREAMBLE } from "./generated-file.js";
import { emitJsonSchema } from "./json-schema.js";
import { emitKotlin } from "./kotlin.js";
import { emitSwift } from "./swift.js";
import { emitTsClient } from "./ts-client.js";
import { emitTsHandlers } from "./ts-handlers.js";
import { emitTsRegistry } from "./ts-registry.js";
import { emitTsTypes } from "./ts-types.js";
import { emitTsValidators } from "./ts-validators.js";

export type { GeneratedFile } from "./generated-file.js";

function tsIndex(): GeneratedFile {
  const modules = ["types", "registry", "validators", "handlers", "client"];
  return {
    path: "generated/ts/index.ts",
    contents: SLASH_PREAMBLE + "\n" + modules.map((m) => `export * from "./${m}.js";`).join("\n") + "\n",
  };
}

/** All generated files, sorted by path. */
export async function emitAll(model: ProtocolModel): Promise<GeneratedFile[]> {
  const [swift, kotlin] = await Promise.all([emitSwift(model), emitKotlin(model)]);
  const files = [
    ...emitJsonSchema(model),
    ...emitTsTypes(model),
    ...emitTsRegistry(model),
    ...emitTsValidators(model),
    ...emitTsHandlers(model),
    ...emitTsClient(model),
    tsIndex(),
    ...emitExamples(model),
    ...swift,
    ...kotlin,
    ...emitDocs(model),
    ...emitLock(model),
  ];
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
