/** `generated/protocol.schema.json`: every named schema under `$defs`, plus the method and event tables. */
import type { ProtocolModel } from "../model.js";
import { GENERATED_NOTICE, jsonText, type GeneratedFile } from "./generated-file.js";

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
      model.events.map((e) => [
        e.name,
        { description: e.description, audience: e.audience, droppable: e.droppable, since: e.since, payload: { $ref: `#/$defs/${e.payload}` } },
      ]),
    ),
    $defs: Object.fromEntries(model.defs),
  };
}

export function emitJsonSchema(model: ProtocolModel): GeneratedFile[] {
  return [{ path: "generated/protocol.schema.json", contents: jsonText(protocolJsonSchema(model)) }];
}
