/** JUnit tests of the Kotlin module: every example round-trips exactly; every forward-compatibility vector decodes as expected. */
import type { ProtocolModel } from "../model.js";
import { exampleVectors, type ExampleVector } from "../emit/examples.js";
import { compatVectors, type CompatVector, type PathSegment } from "./compat-vectors.js";
import type { NativeModel, NativeType } from "./ir.js";
import { kotlinIdent, kotlinString, pascalName } from "./names.js";
import { block, spaced, type Code } from "./printer.js";

const testName = (name: string) => name.replace(/[^A-Za-z0-9]+/g, "_");
const literal = (value: unknown) => kotlinString(JSON.stringify(value));

/** `decode(...)` of a vector: frames through the public entry point, anything else through its serializer. */
function decodeCall(native: NativeModel, model: ProtocolModel, v: ExampleVector): string {
  return v.type === model.frame ? `TidegateJson.decodeFrame(${literal(v.value)})` : `json.decodeFromString(${native.nativeName(v.type)}.serializer(), ${literal(v.value)})`;
}

function encodeCall(native: NativeModel, model: ProtocolModel, v: ExampleVector): string {
  return v.type === model.frame ? "json.parseToJsonElement(TidegateJson.encodeFrame(decoded))" : `json.encodeToJsonElement(${native.nativeName(v.type)}.serializer(), decoded)`;
}

const roundTrip = (native: NativeModel, model: ProtocolModel, v: ExampleVector, expected: unknown): Code[] => [
  `val decoded = ${decodeCall(native, model, v)}`,
  `assertEquals(json.parseToJsonElement(${literal(expected)}), ${encodeCall(native, model, v)})`,
];

export function kotlinRoundTripTest(native: NativeModel, model: ProtocolModel): Code[] {
  const vectors = exampleVectors(model);
  const frameMembers = new Set(native.frame.members.map((m) => m.type));
  const asFrame = vectors.filter((v) => frameMembers.has(v.type)).map((v) => ({ ...v, name: `as_frame/${v.name}`, type: model.frame }));
  return [
    "/** Every example vector decodes into its model type and re-encodes to exactly the same JSON. */",
    block("class ExamplesRoundTripTest", spaced([
      "private val json = TidegateJson.json",
      ...[...vectors, ...asFrame].map((v) => block(`@Test fun ${testName(v.name)}()`, roundTrip(native, model, v, v.value))),
    ])),
  ];
}

/** A Kotlin expression reaching `path` from `decoded` (of `type`). */
export function kotlinPath(native: NativeModel, type: string, path: PathSegment[]): string {
  let expr = "decoded";
  let current: NativeType = { kind: "named", name: type };
  path.forEach((segment, i) => {
    const last = i === path.length - 1;
    if (current.kind === "list") {
      expr += `[${segment}]`;
      current = current.item;
    } else if (current.kind === "map") {
      expr += `[${kotlinString(String(segment))}]${last ? "" : "!!"}`;
      current = current.value;
    } else if (current.kind === "named") {
      const decl = native.decls.get(current.name);
      if (decl?.kind !== "struct") throw new Error(`path ${path.join(".")} crosses ${current.name}`);
      const field = decl.fields.find((f) => f.wire === segment)!;
      expr += `.${kotlinIdent(field.wire)}`;
      if (!last && (field.presence === "optional" || field.presence === "requiredNullable")) expr += "!!";
      current = field.type;
    }
  });
  return expr;
}

function assertion(native: NativeModel, v: CompatVector): string {
  const at = () => kotlinPath(native, v.type, v.path);
  const frameCase = (type: string) => `GatewayFrame.${pascalName(native.frame.members.find((m) => m.type === type)!.caseWire)}`;
  switch (v.expect.state) {
    case "unknownEnum": return `assertEquals(${v.expect.enum}.Unknown(${kotlinString(v.expect.raw)}), ${at()})`;
    case "unknownMember": return `assertTrue(${at()} is ${v.expect.union}.Unknown)`;
    case "unknownEvent": return `assertEquals(GatewayEvent.Unknown(${kotlinString(v.expect.name)}, (decoded as ${frameCase(native.frame.event)}).frame.payload), decoded.event)`;
    case "unknownFrame": return "assertTrue(decoded is GatewayFrame.Unknown)";
    case "absent": return `assertEquals(Nullable.Absent, ${at()})`;
    case "null": return `assertEquals(Nullable.Null, ${at()})`;
    case "requiredNull": return `assertEquals(null, ${at()})`;
    case "ignoredField": return `assertTrue(decoded.toString().isNotEmpty())`;
  }
}

export function kotlinCompatTest(native: NativeModel, model: ProtocolModel): Code[] {
  return [
    "/**",
    " * What a newer gateway may send: unknown enum values, union members, fields, events and frame",
    " * types decode (into their `Unknown` cases) and re-encode unchanged; absent and null stay apart.",
    " */",
    block("class ForwardCompatTest", spaced([
      "private val json = TidegateJson.json",
      ...compatVectors(model).map((v) =>
        block(`@Test fun ${testName(v.name)}()`, [
          `val decoded = ${decodeCall(native, model, v)}`,
          assertion(native, v),
          `assertEquals(json.parseToJsonElement(${literal(v.encoded ?? v.value)}), ${encodeCall(native, model, v)})`,
        ]),
      ),
    ])),
  ];
}
