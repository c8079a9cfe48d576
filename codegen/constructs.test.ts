/** One small test per schema construct, across JSON Schema, TypeScript, Swift and Kotlin; and the constructs codegen refuses. */
import { describe, expect, it, beforeAll } from "vitest";
import { Type } from "@sinclair/typebox";
import { buildModel, type ProtocolModel } from "./model.js";
import { CodegenError } from "./codegen-error.js";
import { emitTsTypes } from "./emit/ts-types.js";
import { quicktypeDefinitions, runQuicktype } from "./emit/quicktype-feed.js";
import { SWIFT_OPTIONS } from "./emit/swift.js";
import { KOTLIN_OPTIONS } from "./emit/kotlin.js";
import { fixtureInput, singleMethod } from "./testdata/fixture.js";
import { Obj, Str, Int, Opt } from "../schema/primitives.js";

let model: ProtocolModel;
let ts: string;
let swift: string;
let kotlin: string;

beforeAll(async () => {
  model = buildModel(fixtureInput());
  ts = emitTsTypes(model)[0].contents;
  const defs = quicktypeDefinitions(model);
  [swift, kotlin] = await Promise.all([runQuicktype(defs, "swift", SWIFT_OPTIONS), runQuicktype(defs, "kotlin", KOTLIN_OPTIONS)]);
});

/** The body of one declaration in generated source, up to its closing brace or paren at column 0. */
function declaration(source: string, header: RegExp): string {
  const start = source.search(header);
  expect(start, `declaration ${header}`).toBeGreaterThanOrEqual(0);
  const end = source.slice(start).search(/\n[)}]/);
  return source.slice(start, start + end + 2);
}

describe("optional property", () => {
  it("is left out of `required` and optional in every target", () => {
    expect(model.defs.get("DrawParams")!.required).not.toContain("color");
    expect(ts).toMatch(/color\?: Color;/);
    expect(declaration(swift, /public struct DrawParams/)).toMatch(/public let color: Color\?/);
    expect(declaration(kotlin, /data class DrawParams/)).toMatch(/val color: Color\? = null/);
  });
});

describe("nullable property", () => {
  it("is a union with null", () => {
    expect(model.defs.get("DrawParams")!.properties).toMatchObject({ label: { anyOf: [{ type: "string" }, { type: "null" }] } });
    expect(ts).toMatch(/label\?: string \| null;/);
    expect(declaration(swift, /public struct DrawParams/)).toMatch(/public let label: String\?/);
    expect(declaration(kotlin, /data class DrawParams/)).toMatch(/val label: String\? = null/);
  });
});

describe("string enum", () => {
  it("becomes a named enum with every value", () => {
    expect(model.defs.get("Color")).toMatchObject({ type: "string", enum: ["red", "green"] });
    expect(ts).toMatch(/export type Color = "red" \| "green";/);
    const color = declaration(swift, /public enum Color/);
    expect(color).toMatch(/case red = "red"/);
    expect(color).toMatch(/case green = "green"/);
    expect(declaration(kotlin, /enum class Color/)).toMatch(/@SerialName\("red"\) Red\("red"\)/);
  });
});

describe("tagged union", () => {
  it("is oneOf with a discriminator in JSON Schema and a union in TypeScript", () => {
    expect(model.defs.get("Shape")).toMatchObject({ oneOf: [{ $ref: "#/$defs/Circle" }, { $ref: "#/$defs/Square" }], discriminator: { propertyName: "kind" } });
    expect(ts).toMatch(/export type Shape = Circle \| Square;/);
    expect(ts).toMatch(/kind: "circle";/);
  });

  it("keeps each member as a native type and merges the union into one type keyed by an enum of tags", () => {
    expect(swift).toMatch(/public struct Circle: Codable/);
    expect(swift).toMatch(/public struct Square: Codable/);
    const merged = declaration(swift, /public struct Shape: Codable/);
    expect(merged).toMatch(/public let kind: ShapeKind/);
    expect(merged).toMatch(/public let radius: Double\?/);
    expect(declaration(swift, /public enum ShapeKind/)).toMatch(/case circle = "circle"\n\s+case square = "square"/);
    expect(declaration(kotlin, /data class Shape\b/)).toMatch(/val kind: ShapeKind/);
  });
});

describe("record", () => {
  it("is a string-keyed map in every target", () => {
    expect(model.defs.get("DrawParams")!.properties).toMatchObject({ tags: { type: "object", additionalProperties: { type: "boolean" } } });
    expect(ts).toMatch(/tags\?: \{ \[key: string\]: boolean \};/);
    expect(declaration(swift, /public struct DrawParams/)).toMatch(/public let tags: \[String: Bool\]\?/);
    expect(declaration(kotlin, /data class DrawParams/)).toMatch(/val tags: Map<String, Boolean>\? = null/);
  });
});

describe("nested object", () => {
  it("is hoisted into $defs and referenced by name", () => {
    expect(model.defs.get("DrawParams")!.properties).toMatchObject({ style: { $ref: "#/$defs/DrawStyle" } });
    expect(ts).toMatch(/style: DrawStyle;/);
    expect(declaration(swift, /public struct DrawParams/)).toMatch(/public let style: DrawStyle\n/);
    expect(declaration(kotlin, /data class DrawParams/)).toMatch(/val style: DrawStyle,/);
  });

  it("keeps a use-specific description without creating a second type", () => {
    expect(model.defs.get("Square")!.properties).toMatchObject({ corner: { $ref: "#/$defs/Point", description: "Top-left corner." } });
    expect(swift.match(/public struct Point\b/g)).toHaveLength(1);
  });
});

describe("integer vs number", () => {
  it("maps integers to Int/Long and numbers to Double", () => {
    expect(model.defs.get("Point")!.properties).toMatchObject({ x: { type: "integer" }, y: { type: "number" } });
    const point = declaration(swift, /public struct Point/);
    expect(point).toMatch(/public let x: Int\n/);
    expect(point).toMatch(/public let y: Double\n/);
    const kPoint = declaration(kotlin, /data class Point/);
    expect(kPoint).toMatch(/val x: Long/);
    expect(kPoint).toMatch(/val y: Double/);
  });
});

describe("native names", () => {
  it("names every type after the registry, never Purple/Fluffy or numbered", () => {
    const names = [...swift.matchAll(/^public (?:struct|enum|class) (\w+)/gm)].map((m) => m[1]);
    for (const name of names) expect(name).not.toMatch(/^(Purple|Fluffy|Tentacled|Sticky)|\d$/);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe("constructs a target cannot express", () => {
  const rejects = (input: ReturnType<typeof fixtureInput>, where: RegExp, problem: RegExp) => {
    let error: unknown;
    try {
      buildModel(input);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CodegenError);
    expect((error as CodegenError).where).toMatch(where);
    expect((error as CodegenError).problem).toMatch(problem);
  };

  it("refuses a union of object types without a discriminator, naming the schema", () => {
    const A = Obj("VariantA", "A.", { a: Str("a") });
    const B = Obj("VariantB", "B.", { b: Str("b") });
    rejects(singleMethod(Obj("Choice", "Pick one.", { pick: Type.Union([A, B], { description: "either" }) })), /Choice\/properties\/pick/, /needs a discriminator/);
  });

  it("refuses tuples", () => {
    rejects(singleMethod(Obj("Pair", "Two.", { both: Type.Tuple([Type.String(), Type.Number()], { description: "pair" }) })), /Pair\/properties\/both/, /tuples/);
  });

  it("refuses intersections instead of widening them to Any", () => {
    const mixed = Type.Intersect([Obj("Left", "L.", { l: Str("l") }), Obj("Right", "R.", { r: Str("r") })], { description: "both" });
    rejects(singleMethod(Obj("Mixed", "M.", { both: mixed })), /Mixed\/properties\/both/, /Intersect/);
  });

  it("refuses open objects", () => {
    rejects(singleMethod(Obj("Open", "O.", { inner: Type.Object({ a: Str("a") }, { description: "open" }) })), /Open\/properties\/inner/, /closed/);
  });

  it("refuses a schema without description, listing every one", () => {
    rejects(singleMethod(Obj("Bare", "B.", { count: Opt(Type.Integer()), name: Str("ok") })), /Bare\.count/, /missing `description`/);
  });

  it("refuses two different schemas with one name", () => {
    const first = Obj("Twin", "T.", { a: Int("a") });
    const second = Obj("Twin", "T.", { b: Int("b") });
    rejects(singleMethod(Obj("Parent", "P.", { one: first, two: second })), /Twin/, /share this name/);
  });

  it("refuses a side-effecting method whose params lack idempotencyKey", () => {
    const input = fixtureInput();
    input.methods = { ...input.methods, ping: { ...input.methods.ping, idempotencyKey: true } };
    rejects(input, /ping/, /idempotencyKey/);
  });
});
