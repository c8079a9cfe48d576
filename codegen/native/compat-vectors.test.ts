/**
 * The forward-compatibility vectors, checked from three sides:
 * TypeScript — today's strict validators see exactly the change each vector
 * makes (an unknown value or field is refused, absent and null are valid);
 * Swift — without a compiler, every decode path the XCTests walk exists in the
 * generated declarations (tree-sitter) with the type that keeps the state;
 * Kotlin — the JUnit ForwardCompatTest runs them in `make kotlin`.
 */

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EVENT_NAMES } from "../../generated/ts/registry.js";
import type { TypeMap } from "../../generated/ts/types.js";
import { validate } from "../../generated/ts/validators.js";
import { protocolModel } from "../protocol-model.js";
import { swiftSyntaxErrors } from "../swift-syntax.js";
import { type CompatVector, UNKNOWN_FIELD, UNKNOWN_VALUE } from "./compat-vectors.js";
import { type NativeDecl, type NativeField, type NativeType, nativeModel } from "./ir.js";
import { swiftIdent } from "./names.js";
import { swiftDeclarations } from "./swift-declarations.js";
import { swiftCaseNames, swiftFieldNames, swiftFieldType, swiftType } from "./swift-models.js";

const examples = JSON.parse(readFileSync("generated/examples.json", "utf8"));
const compat = examples.compat as CompatVector[];
const model = protocolModel();
const native = nativeModel(model);
const check = (v: CompatVector) => validate(v.type as keyof TypeMap, v.value);
const pointer = (path: (string | number)[]) => "/" + path.join("/");

describe("forward-compatibility vectors", () => {
  it("cover every enum and union found in an example, unknown fields, events and frame types, absent and null", () => {
    const states = new Set(compat.map((v) => v.expect.state));
    for (const state of ["unknownEnum", "unknownMember", "unknownEvent", "unknownFrame", "absent", "null", "requiredNull", "ignoredField"]) expect(states).toContain(state);
    expect(compat.filter((v) => v.expect.state === "unknownEnum").length).toBeGreaterThanOrEqual(15);
    expect(compat.map((v) => v.name)).toContain("compat/unknown-enum/ErrorCode");
  });

  it.each(compat.map((v) => [v.name, v] as const))("%s is exactly the change it names (TS validators)", (_, v) => {
    const result = check(v);
    const message = result.ok ? "" : result.message;
    switch (v.expect.state) {
      case "unknownEnum":
        expect(message).toContain(`at ${pointer(v.path)}: must be one of`);
        break;
      case "unknownMember":
      case "unknownFrame":
        expect(result.ok).toBe(false);
        break;
      case "ignoredField":
        expect(message).toContain(`unexpected property '${UNKNOWN_FIELD}'`);
        expect(validate(v.type as keyof TypeMap, v.encoded).ok).toBe(true);
        break;
      case "unknownEvent":
        expect(message).toBe("");
        expect(EVENT_NAMES).not.toContain(v.expect.name);
        break;
      default:
        expect(message).toBe("");
    }
  });
});

describe("Swift decode paths (tree-sitter, no compiler here)", () => {
  const sources = ["Models", "Protocol", "Support"].map((f) => readFileSync(`generated/swift/Sources/TidegateProtocol/${f}.swift`, "utf8")).join("\n");
  const declarations = swiftDeclarations(sources);
  const tests = readFileSync("generated/swift/Tests/TidegateProtocolTests/ForwardCompatTests.swift", "utf8");

  it("the XCTests parse and have one test per vector", () => {
    expect(swiftSyntaxErrors(tests)).toEqual([]);
    for (const v of compat) expect(tests).toContain(`func test_${v.name.replace(/[^A-Za-z0-9]+/g, "_")}() throws`);
  });

  it.each(compat.map((v) => [v.name, v] as const))("%s walks declared properties to a state-keeping type", (_, v) => {
    let current: NativeType = { kind: "named", name: v.type };
    for (const segment of v.path) {
      if (current.kind === "list") current = current.item;
      else if (current.kind === "map") current = current.value;
      else if (current.kind === "named") {
        const decl: NativeDecl = native.decls.get(current.name)!;
        if (decl.kind !== "struct") throw new Error(`${current.name} is not a struct`);
        const index = decl.fields.findIndex((f) => f.wire === segment);
        const field: NativeField = decl.fields[index];
        const swift = declarations.get(current.name)!;
        const property = swiftFieldNames(decl)[index];
        expect(swift.properties.get(property), `${current.name}.${property}`).toBe(swiftFieldType(field, native));
        if (field.presence === "tristate") expect(swift.decoder).toContain(`self.${swiftIdent(property)} = try container.decodeNullable(`);
        if (field.presence === "requiredNullable") expect(swift.decoder).toContain(`decode(${swiftType(field.type, native)}?.self, forKey: .${swiftIdent(property)})`);
        current = field.type;
      }
    }
    if (v.expect.state === "unknownEnum") {
      const decl = declarations.get(v.expect.enum)!;
      expect(decl.cases.get("unknown")).toBe("(String)");
      const known = native.decls.get(v.expect.enum)!;
      if (known.kind === "enum") for (const name of swiftCaseNames(known.values, known.name)) expect(decl.cases.has(name)).toBe(true);
      expect(UNKNOWN_VALUE).not.toBe("");
    }
    if (v.expect.state === "unknownMember") expect(declarations.get(v.expect.union)!.cases.get("unknown")).toBe("(JSONValue)");
    if (v.expect.state === "unknownFrame" || v.expect.state === "unknownEvent") {
      expect(declarations.get("GatewayFrame")!.cases.get("unknown")).toBe("(JSONValue)");
      expect(declarations.get("GatewayEvent")!.cases.get("unknown")).toBe("(name: String, payload: JSONValue?)");
    }
  });
});
