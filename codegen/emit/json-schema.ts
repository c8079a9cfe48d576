/** `generated/protocol.schema.json`: every named schema under `$defs`, plus the method and event tables. */
import type { ProtocolModel } from "../model.js";
import { GENERATED_NOTICE, type GeneratedFile, jsonText } from "./generated-file.js";

export const SCHEMA_ID = "https://tidegate.dev/schema/protocol-v3.json";

/** The JSON Schema document, as an object (also used to compile validators). */
export function protocolJsonSchema(model: ProtocolModel) {
  return {
    $comment: GENERATED_NOTICE,
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: SCHEMA_ID,
    title: "Tidegate gateway protocol",
    description: `WebSocket control-plane protocol, version ${model.version}. Frames are \`Frame\`; each method's params and result and each event's payload reference a definition below.`,
    "x-protocol-version": model.version,
    $ref: `#/$defs/${model.frame}`,
    "x-handshake": {
      method: "connect",
      challenge: { $ref: `#/$defs/${model.handshake.challenge}` },
      params: { $ref: `#/$defs/${model.handshake.params}` },
      result: { $ref: `#/$defs/${model.handshake.result}` },
      description: model.handshake.description,
    },
    "x-methods": Object.fromEntries(
      model.methods.map((m) => [
        m.name,
        {
          description: m.description,
          scope: m.scope,
          idempotencyKey: m.idempotencyKey,
          since: m.since,
          errors: m.errors,
          params: { $ref: `#/$defs/${m.params}` },
          result: { $ref: `#/$defs/${m.result}` },
        },
      ]),
    ),
    "x-events": Object.fromEntries(
      model.events.map((e) => [e.name, { description: e.description, audience: e.audience, droppable: e.droppable, since: e.since, payload: { $ref: `#/$defs/${e.payload}` } }]),
    ),
    $defs: Object.fromEntries(model.defs),
  };
}

/** The config file's schema: its root type and every def it reaches. */
function configJsonSchema(model: ProtocolModel, root: string) {
  const reached = new Set<string>();
  const visit = (name: string) => {
    if (reached.has(name)) return;
    reached.add(name);
    for (const match of JSON.stringify(model.defs.get(name)).matchAll(/"#\/\$defs\/(\w+)"/g)) visit(match[1]);
  };
  visit(root);
  return {
    $comment: GENERATED_NOTICE,
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://tidegate.dev/schema/config.json",
    title: "tidegate gateway config",
    $ref: `#/$defs/${root}`,
    ...model.configAnnotations,
    $defs: Object.fromEntries([...model.defs].filter(([name]) => reached.has(name))),
  };
}

export function emitJsonSchema(model: ProtocolModel): GeneratedFile[] {
  const files = [{ path: "generated/protocol.schema.json", contents: jsonText(protocolJsonSchema(model)) }];
  if (model.configFile) files.push({ path: "generated/config.schema.json", contents: jsonText(configJsonSchema(model, model.configFile)) });
  return files;
}
