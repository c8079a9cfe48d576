/** Model → files, with the cross-target contract checked. Pure apart from loading the schema modules. */

import { CodegenError } from "./codegen-error.js";
import { contractProblems } from "./contract.js";
import { emitAll, type GeneratedFile } from "./emit/index.js";
import type { ProtocolModel } from "./model.js";
import { protocolModel } from "./protocol-model.js";

export async function generateFiles(model: ProtocolModel = protocolModel()): Promise<GeneratedFile[]> {
  const files = await emitAll(model);
  const problems = contractProblems(model, files);
  if (problems.length) throw new CodegenError("cross-target contract", problems.join("; "));
  return files;
}
