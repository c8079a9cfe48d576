/**
 * XCTest sources of the Swift package: every example round-trips; every
 * forward-compatibility vector decodes into the expected state. No Swift
 * compiler exists where tidegate is built: these are parsed by tree-sitter and
 * their decode paths are checked against the generated declarations
 * (codegen/native/swift-compat.test.ts); run them with `swift test` on macOS.
 */

import { type ExampleVector, exampleVectors } from "../emit/example-vectors.js";
import type { ProtocolModel } from "../model.js";
import { type CompatVector, compatVectors, type PathSegment } from "./compat-vectors.js";
import type { NativeModel, NativeStruct, NativeType } from "./ir.js";
import { swiftIdent, swiftString } from "./names.js";
import { block, type Code, spaced } from "./printer.js";
import { swiftCaseNames, swiftFieldNames } from "./swift-models.js";

const testName = (name: string) => "test_" + name.replace(/[^A-Za-z0-9]+/g, "_");
const literal = (value: unknown) => swiftString(JSON.stringify(value));

const HELPERS: Code[] = [
  block("private func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T", ["try JSONDecoder().decode(type, from: Data(text.utf8))"]),
  "",
  block("private func assertEncodes<T: Encodable>(_ value: T, _ expected: String, file: StaticString = #filePath, line: UInt = #line) throws", [
    "let encoded = try JSONValue(encoding: value)",
    "XCTAssertEqual(encoded, try decode(JSONValue.self, expected), file: file, line: line)",
  ]),
];

const typeName = (native: NativeModel, v: ExampleVector) => native.nativeName(v.type);

/** A Swift expression reaching `path` from `decoded` (of `type`). */
export function swiftPath(native: NativeModel, type: string, path: PathSegment[]): string {
  let expr = "decoded";
  let current: NativeType = { kind: "named", name: type };
  path.forEach((segment, i) => {
    const last = i === path.length - 1;
    if (current.kind === "list") {
      expr += `[${segment}]`;
      current = current.item;
    } else if (current.kind === "map") {
      expr += `[${swiftString(String(segment))}]${last ? "" : "!"}`;
      current = current.value;
    } else if (current.kind === "named") {
      const decl = native.decls.get(current.name);
      if (decl?.kind !== "struct") throw new Error(`path ${path.join(".")} crosses ${current.name}`);
      const index = decl.fields.findIndex((f) => f.wire === segment);
      const field = decl.fields[index];
      expr += `.${swiftIdent(swiftFieldNames(decl)[index])}`;
      if (!last && (field.presence === "optional" || field.presence === "requiredNullable")) expr += "!";
      current = field.type;
    }
  });
  return expr;
}

function assertion(native: NativeModel, v: CompatVector): Code[] {
  const at = () => swiftPath(native, v.type, v.path);
  const frameCase = (type: string) => {
    const names = swiftCaseNames(
      native.frame.members.map((m) => m.caseWire),
      "GatewayFrame",
    ).map(swiftIdent);
    return names[native.frame.members.findIndex((m) => m.type === type)];
  };
  switch (v.expect.state) {
    case "unknownEnum":
      return [`XCTAssertEqual(${at()}, .unknown(${swiftString(v.expect.raw)}))`];
    case "unknownMember":
      return [`guard case .unknown = ${at()} else { return XCTFail("expected an unknown ${v.expect.union}") }`];
    case "unknownEvent":
      return [
        `guard case .${frameCase(native.frame.event)}(_, .unknown(let name, _)) = decoded else { return XCTFail("expected an unknown event") }`,
        `XCTAssertEqual(name, ${swiftString(v.expect.name)})`,
      ];
    case "unknownFrame":
      return [`guard case .unknown = decoded else { return XCTFail("expected an unknown frame") }`];
    case "absent":
      return [`XCTAssertEqual(${at()}, .absent)`];
    case "null":
      return [`XCTAssertEqual(${at()}, .null)`];
    case "requiredNull":
      return [`XCTAssertNil(${at()})`];
    case "ignoredField":
      return [];
  }
}

function testClass(name: string, doc: string, tests: Code[]): Code[] {
  return ["import Foundation", "import TidegateProtocol", "import XCTest", "", `/// ${doc}`, block(`final class ${name}: XCTestCase`, spaced([HELPERS, ...tests]))];
}

export function swiftRoundTripTests(native: NativeModel, model: ProtocolModel): Code[] {
  return testClass(
    "ExamplesRoundTripTests",
    "Every example vector decodes into its model type and re-encodes to the same JSON.",
    exampleVectors(model).map((v) =>
      block(`func ${testName(v.name)}() throws`, [`let decoded = try decode(${typeName(native, v)}.self, ${literal(v.value)})`, `try assertEncodes(decoded, ${literal(v.value)})`]),
    ),
  );
}

export function swiftCompatTests(native: NativeModel, model: ProtocolModel): Code[] {
  return testClass(
    "ForwardCompatTests",
    "What a newer gateway may send decodes into `unknown` cases and re-encodes unchanged; absent and null stay apart.",
    compatVectors(model).map((v) =>
      block(`func ${testName(v.name)}() throws`, [
        `let decoded = try decode(${typeName(native, v)}.self, ${literal(v.value)})`,
        ...assertion(native, v),
        `try assertEncodes(decoded, ${literal(v.encoded ?? v.value)})`,
      ]),
    ),
  );
}

/** `ResponseFrame(id: …, ok: true, payload: …)` with the labels in declaration order. */
function responseCall(native: NativeModel, values: Record<string, string>): string {
  const decl = native.decls.get(native.frame.response) as NativeStruct;
  const names = swiftFieldNames(decl);
  const args = decl.fields.flatMap((f, i) => (values[f.wire] !== undefined ? [`${swiftIdent(names[i])}: ${values[f.wire]}`] : []));
  return `${decl.name}(${args.join(", ")})`;
}

export function swiftMethodTests(native: NativeModel, model: ProtocolModel): Code[] {
  const methodNames = swiftCaseNames(["connect", ...model.methods.map((m) => m.name)], "methods")
    .map(swiftIdent)
    .slice(1);
  const sender: Code[] = [
    "/// Answers each request with `result`, after checking that it calls `method`.",
    block("private struct Answering: RequestSending", [
      "let method: String",
      "let result: String",
      "",
      block(`func send(_ request: ${native.frame.request}) async throws -> ${native.frame.response}`, [
        "XCTAssertEqual(request.method, method)",
        `return ${responseCall(native, { id: "request.id", ok: "true", payload: "try JSONDecoder().decode(JSONValue.self, from: Data(result.utf8))" })}`,
      ]),
    ]),
  ];
  return testClass("MethodDescriptorTests", "Every method descriptor types its call: params and result of each example pass through `call` and a fake sender.", [
    sender,
    ...model.methods.map((m, i) =>
      block(`func ${testName(m.name)}() async throws`, [
        `let params = try decode(${native.nativeName(m.params)}.self, ${literal(m.example.params)})`,
        `let result: ${native.nativeName(m.result)} = try await Answering(method: ${swiftString(m.name)}, result: ${literal(m.example.result)}).call(Methods.${methodNames[i]}, params)`,
        `try assertEncodes(result, ${literal(m.example.result)})`,
      ]),
    ),
  ]);
}
