/**
 * `generated/examples.json`: test vectors taken from the registry's examples —
 * every method's params and result, every event payload, and whole frames
 * built from them. Every target's tests decode and re-encode these. `compat`
 * holds the forward-compatibility vectors (codegen/native/compat-vectors.ts).
 */
import type { ProtocolModel } from "../model.js";
import { compatVectors } from "../native/compat-vectors.js";
import { exampleVectors } from "./example-vectors.js";
import { GENERATED_NOTICE, type GeneratedFile, jsonText } from "./generated-file.js";

export function emitExamples(model: ProtocolModel): GeneratedFile[] {
  return [{ path: "generated/examples.json", contents: jsonText({ $comment: GENERATED_NOTICE, vectors: exampleVectors(model), compat: compatVectors(model) }) }];
}
