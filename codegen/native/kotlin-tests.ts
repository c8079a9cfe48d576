/** JUnit tests of the Kotlin module: every example round-trips exactly; every forward-compatibility vector decodes as expected. */

import { type ExampleVector, exampleVectors } from "../emit/example-vectors.js";
import type { ProtocolModel } from "../model.js";
import { type CompatVector, compatVectors, type PathSegment } from "./compat-vectors.js";
import type { NativeModel, NativeStruct, NativeType } from "./ir.js";
import { kotlinSerializer } from "./kotlin-models.js";
import { kotlinIdent, kotlinString, pascalName } from "./names.js";
import { block, type Code, spaced } from "./printer.js";

const testName = (name: string) => name.replace(/[^A-Za-z0-9]+/g, "_");
const literal = (value: unknown) => kotlinString(JSON.stringify(value));

/** `decode(...)` of a vector: frames through the public entry point, anything else through its serializer. */
function decodeCall(native: NativeModel, model: ProtocolModel, v: ExampleVector): string {
  return v.type === model.frame ? `TidegateJson.decodeFrame(${literal(v.value)})` : `json.decodeFromString(${kotlinSerializer(native, v.type, false)}, ${literal(v.value)})`;
}

function encodeCall(native: NativeModel, model: ProtocolModel, v: ExampleVector): string {
  return v.type === model.frame ? "json.parseToJsonElement(TidegateJson.encodeFrame(decoded))" : `json.encodeToJsonElement(${kotlinSerializer(native, v.type, false)}, decoded)`;
}

const roundTrip = (native: NativeModel, model: ProtocolModel, v: ExampleVector, expected: unknown): Code[] => [
  `val decoded = ${decodeCall(native, model, v)}`,
  `assertSameJson(${literal(expected)}, ${encodeCall(native, model, v)})`,
];

export function kotlinRoundTripTest(native: NativeModel, model: ProtocolModel): Code[] {
  const vectors = exampleVectors(model);
  const frameMembers = new Set(native.frame.members.map((m) => m.type));
  const asFrame = vectors.filter((v) => frameMembers.has(v.type)).map((v) => ({ ...v, name: `as_frame/${v.name}`, type: model.frame }));
  return [
    "/** Every example vector decodes into its model type and re-encodes to exactly the same JSON. */",
    block(
      "class ExamplesRoundTripTest",
      spaced(["private val json = TidegateJson.json", ...[...vectors, ...asFrame].map((v) => block(`@Test fun ${testName(v.name)}()`, roundTrip(native, model, v, v.value)))]),
    ),
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
    case "unknownEnum":
      return `assertEquals(${v.expect.enum}.Unknown(${kotlinString(v.expect.raw)}), ${at()})`;
    case "unknownMember":
      return `assertTrue(${at()} is ${v.expect.union}.Unknown)`;
    case "unknownEvent":
      return `assertEquals(GatewayEvent.Unknown(${kotlinString(v.expect.name)}, (decoded as ${frameCase(native.frame.event)}).frame.payload), decoded.event)`;
    case "unknownFrame":
      return "assertTrue(decoded is GatewayFrame.Unknown)";
    case "absent":
      return `assertEquals(Nullable.Absent, ${at()})`;
    case "null":
      return `assertEquals(Nullable.Null, ${at()})`;
    case "requiredNull":
      return `assertEquals(null, ${at()})`;
    case "ignoredField":
      return `assertTrue(decoded.toString().isNotEmpty())`;
  }
}

export function kotlinCompatTest(native: NativeModel, model: ProtocolModel): Code[] {
  return [
    "/**",
    " * What a newer gateway may send: unknown enum values, union members, fields, events and frame",
    " * types decode (into their `Unknown` cases) and re-encode unchanged; absent and null stay apart.",
    " */",
    block(
      "class ForwardCompatTest",
      spaced([
        "private val json = TidegateJson.json",
        ...compatVectors(model).map((v) =>
          block(`@Test fun ${testName(v.name)}()`, [
            `val decoded = ${decodeCall(native, model, v)}`,
            assertion(native, v),
            `assertSameJson(${literal(v.encoded ?? v.value)}, ${encodeCall(native, model, v)})`,
          ]),
        ),
      ]),
    ),
  ];
}

/** `ResponseFrame(id = …, ok = true, payload = …)`, from the response frame's fields. */
function responseCall(native: NativeModel, values: Record<string, string>): string {
  const decl = native.decls.get(native.frame.response) as NativeStruct;
  const args = decl.fields.filter((f) => values[f.wire] !== undefined).map((f) => `${kotlinIdent(f.wire)} = ${values[f.wire]}`);
  return `${decl.name}(${args.join(", ")})`;
}

/** Every method descriptor types its call: the registry's example goes through `call` and a fake sender. */
export function kotlinMethodTest(native: NativeModel, model: ProtocolModel): Code[] {
  const error = exampleVectors(model).find((v) => v.type === native.frame.response && (v.value as { ok?: boolean }).ok === false);
  return [
    "/** Every method descriptor types its call: params and result of each example pass through [call] and a fake sender. */",
    block(
      "class MethodDescriptorTest",
      spaced([
        "private val json = TidegateJson.json",
        [
          "/** Answers each request with `result`, after checking that it calls `method`. */",
          block("private fun answering(method: String, result: String) = RequestSender", [
            "assertEquals(method, it.method)",
            `CompletableFuture.completedFuture(${responseCall(native, { id: "it.id", ok: "true", payload: "json.parseToJsonElement(result)" })})`,
          ]),
        ],
        ...model.methods.map((m) =>
          block(`@Test fun ${testName(m.name)}()`, [
            `val params: ${native.nativeName(m.params)} = json.decodeFromString(${kotlinSerializer(native, m.params, false)}, ${literal(m.example.params)})`,
            `val result: ${native.nativeName(m.result)} = answering(${kotlinString(m.name)}, ${literal(m.example.result)}).call(Methods.${pascalName(m.name)}, params).get()`,
            `assertSameJson(${literal(m.example.result)}, json.encodeToJsonElement(${kotlinSerializer(native, m.result, false)}, result))`,
          ]),
        ),
        error &&
          block("@Test fun a_failed_response_throws_GatewayCallException()", [
            `val response = json.decodeFromString(${native.frame.response}.serializer(), ${literal(error.value)})`,
            `val thrown = assertThrows(GatewayCallException::class.java) { Methods.${pascalName(model.methods[0].name)}.result(response) }`,
            `assertEquals(response.error, thrown.error)`,
          ]),
      ]),
    ),
  ];
}

/** `TestJson.kt`: JSON comparison for the tests, numbers by value (Kotlin writes the Double 3 as `3.0`). */
export const KOTLIN_TEST_JSON = `/** The same JSON as [expected], object keys in any order and numbers compared by value. */
fun assertSameJson(expected: String, actual: JsonElement) =
    assertEquals(normalized(TidegateJson.json.parseToJsonElement(expected)), normalized(actual), expected)

private fun normalized(element: JsonElement): JsonElement = when (element) {
    is JsonObject -> JsonObject(element.mapValues { normalized(it.value) })
    is JsonArray -> JsonArray(element.map { normalized(it) })
    is JsonPrimitive ->
        if (element.isString || element is JsonNull || element.booleanOrNull != null) element
        else JsonPrimitive(element.content.toBigDecimal().stripTrailingZeros().toPlainString())
}
`;
