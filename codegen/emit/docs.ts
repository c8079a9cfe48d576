/** `generated/docs/protocol.md`: the protocol reference, one section per method, event and type. */
import type { JsonSchema, ProtocolModel } from "../model.js";
import { GENERATED_NOTICE, type GeneratedFile } from "./generated-file.js";
import { tsTypeText } from "./ts-type-text.js";

const GENERIC_ERRORS = "`INVALID_REQUEST` (`INVALID_PARAMS`, `UNKNOWN_METHOD`), `FORBIDDEN` (`MISSING_SCOPE`, `ROLE_NOT_ALLOWED`), `UNAVAILABLE` (`NOT_IMPLEMENTED`, `INTERNAL`)";

const cell = (text: unknown) =>
  String(text ?? "")
    .replace(/\|/g, "\\|")
    .replace(/\n/g, " ");
const anchor = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, "")
    .replace(/ /g, "-");
const code = (text: string) => "`" + text + "`";
const json = (value: unknown) => "```json\n" + JSON.stringify(value, null, 2) + "\n```";

function propertyTable(model: ProtocolModel, typeName: string): string {
  const def = model.defs.get(typeName)!;
  const properties = def.properties as Record<string, JsonSchema> | undefined;
  if (!properties) return `${code(typeName)}: ${code(tsTypeText(def, typeName))} — ${cell(def.description)}`;
  if (Object.keys(properties).length === 0) return `${code(typeName)}: no properties.`;
  const required = new Set((def.required as string[] | undefined) ?? []);
  const rows = Object.entries(properties).map(([key, property]) => {
    const type = tsTypeText(property, `${typeName}/${key}`);
    const referenced = typeof property.$ref === "string" ? model.defs.get(type)?.description : undefined;
    return `| ${code(key)} | ${code(cell(type))} | ${required.has(key) ? "yes" : "no"} | ${cell(property.description ?? referenced)} |`;
  });
  return [`${code(typeName)} — ${cell(def.description)}`, "", "| property | type | required | description |", "|---|---|---|---|", ...rows].join("\n");
}

export function emitDocs(model: ProtocolModel): GeneratedFile[] {
  const out: string[] = [
    `<!-- ${GENERATED_NOTICE} -->`,
    "",
    `# Gateway protocol v${model.version} reference`,
    "",
    "One WebSocket per client; text frames holding one JSON object each (`RequestFrame`, `ResponseFrame`, `EventFrame`). " +
      "The gateway sends `connect.challenge` first; the client's first request must be `connect`.",
    "",
    `Every method may also fail with ${GENERIC_ERRORS}; error codes are listed under [Types](#types) (\`ErrorCode\`, \`ErrorDetailCode\`).`,
    "",
    "## Contents",
    "",
    "- [connect](#connect)",
    ...model.methods.map((m) => `- [${m.name}](#${anchor(m.name)})${m.unavailable === undefined ? "" : " (not served yet)"}`),
    "- [Events](#events)",
    "- [Types](#types)",
    "",
    "## connect",
    "",
    model.handshake.description,
    "",
    "**Challenge** (event `connect.challenge`): " + propertyTable(model, model.handshake.challenge),
    "",
    "**Params**: " + propertyTable(model, model.handshake.params),
    "",
    "**Result**: " + propertyTable(model, model.handshake.result),
    "",
  ];
  for (const m of model.methods) {
    out.push(
      `## ${m.name}`,
      "",
      m.description,
      "",
      ...(m.unavailable === undefined ? [] : [`> **Not served by this gateway yet:** ${m.unavailable} Calls answer \`UNAVAILABLE\` with \`details.code: NOT_IMPLEMENTED\`.`, ""]),
      `- Scope: ${m.scope === "node" ? "node role only" : code(m.scope)}`,
      `- Idempotency key: ${m.idempotencyKey ? "required (`params.idempotencyKey`); repeats within 5 minutes return the first result" : "not needed"}`,
      `- Since: protocol ${m.since}`,
      ...(m.twoPhase ? ['- Answers twice on the same id: first `{"status": "accepted"}`, then the final result'] : []),
      ...(m.nodes ? ["- Nodes may call it too, on their own behalf"] : []),
      `- Errors: ${m.errors.length ? m.errors.map(code).join(", ") + " (as `details.code`), plus the generic ones" : "the generic ones"}`,
      "",
      "**Params**: " + propertyTable(model, m.params),
      "",
      "**Result**: " + propertyTable(model, m.result),
      "",
      "**Example**",
      "",
      json({ type: "req", id: "1", method: m.name, params: m.example.params }),
      "",
      json({ type: "res", id: "1", ok: true, payload: m.example.result }),
      "",
    );
  }
  out.push("## Events", "");
  for (const e of model.events) {
    out.push(
      `### ${e.name}`,
      "",
      e.description,
      "",
      `- Sent to: ${e.audience === "all" ? "every connection" : e.audience === "node" ? "the targeted node only" : `holders of ${code(e.audience)} (and admins)`}`,
      `- Slow consumers: ${e.droppable ? "may miss it (its `seq` is still used)" : "are disconnected rather than miss it"}`,
      `- Since: protocol ${e.since}`,
      "",
      "**Payload**: " + propertyTable(model, e.payload),
      "",
      json({ type: "event", event: e.name, payload: e.example, seq: 1 }),
      "",
    );
  }
  if (model.nodeCommands.length) {
    out.push("## Node commands", "", "Sent through `node.invoke` (params as `paramsJSON`, results as `payloadJSON`).", "");
    for (const c of model.nodeCommands) {
      out.push(`### ${c.name}`, "", c.description, "", "**Params**: " + propertyTable(model, c.params), "", "**Result**: " + propertyTable(model, c.result), "");
    }
  }
  if (model.constants.length) {
    out.push("## Constants", "");
    for (const c of model.constants) out.push(`### ${c.name}`, "", c.description, "", json(c.value), "");
  }
  if (Object.keys(model.errorDetails).length) {
    out.push("## Error reasons", "", "Each `details.code` travels with one top-level `code`.", "", "| `details.code` | `code` |", "|---|---|");
    for (const [detail, code] of Object.entries(model.errorDetails)) out.push(`| \`${detail}\` | \`${code}\` |`);
    out.push("");
  }
  out.push("## Types", "");
  for (const name of model.defs.keys()) out.push(`### ${name}`, "", propertyTable(model, name), "");
  return [{ path: "generated/docs/protocol.md", contents: out.join("\n").trimEnd() + "\n" }];
}
