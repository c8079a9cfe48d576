/** One small test per schema construct, across JSON Schema, TypeScript, Swift and Kotlin; and the constructs codegen refuses. */

import { Type } from "@sinclair/typebox";
import { beforeAll, describe, expect, it } from "vitest";
import { Int, Obj, Opt, Str } from "../schema/primitives.js";
import { CodegenError } from "./codegen-error.js";
import { emitKotlin } from "./emit/kotlin.js";
import { emitSwift } from "./emit/swift.js";
import { emitTsTypes } from "./emit/ts-types.js";
import { buildModel, type ProtocolModel } from "./model.js";
import { fixtureInput, singleMethod } from "./testdata/fixture.js";

let model: ProtocolModel;
let ts: string;
let swift: string;
let kotlin: string;

beforeAll(async () => {
  model = buildModel(fixtureInput());
  ts = emitTsTypes(model)[0].contents;
  const sources = (files: { path: string; contents: string }[]) =>
    files
      .filter((f) => /\/(Sources|main)\//.test(f.path))
      .map((f) => f.contents)
      .join("\n");
  [swift, kotlin] = [sources(await emitSwift(model)), sources(await emitKotlin(model))];
});

/** The body of one declaration in generated source, up to its closing brace or paren at column 0. */
function declaration(source: string, header: RegExp): string {
  const start = source.search(header);
  expect(start, `declaration ${header}`).toBeGreaterThanOrEqual(0);
  const end = source.slice(start).search(/\n[)}]/);
  return source.slice(start, start + end + 2);
}

describe("optional property", () => {
  it("is left out of `required`, optional in every target, and defaults to absent", () => {
    expect(model.defs.get("DrawParams")!.required).not.toContain("color");
    expect(ts).toMatch(/color\?: Color;/);
    expect(declaration(swift, /public struct DrawParams/)).toMatch(/public var color: Color\?\n/);
    expect(declaration(swift, /public struct DrawParams/)).toMatch(/color: Color\? = nil/);
    expect(declaration(kotlin, /data class DrawParams/)).toMatch(/@EncodeDefault\(EncodeDefault.Mode.NEVER\) val color: Color\? = null/);
  });
});

describe("optional nullable property", () => {
  it("keeps absent, null and a value apart in Swift and Kotlin", () => {
    expect(model.defs.get("DrawParams")!.properties).toMatchObject({ label: { anyOf: [{ type: "string" }, { type: "null" }] } });
    expect(ts).toMatch(/label\?: string \| null;/);
    const params = declaration(swift, /public struct DrawParams/);
    expect(params).toMatch(/public var label: Nullable<String>\n/);
    expect(params).toMatch(/label: Nullable<String> = \.absent/);
    expect(params).toMatch(/self.label = try container.decodeNullable\(String.self, forKey: .label\)/);
    expect(params).toMatch(/try container.encodeNullable\(self.label, forKey: .label\)/);
    expect(declaration(kotlin, /data class DrawParams/)).toMatch(/@EncodeDefault\(EncodeDefault.Mode.NEVER\) val label: Nullable<String> = Nullable.Absent/);
  });
});

describe("string enum", () => {
  it("becomes an open enum: every value, and an unknown case that keeps the raw string", () => {
    expect(model.defs.get("Color")).toMatchObject({ type: "string", enum: ["red", "green"] });
    expect(ts).toMatch(/export type Color = "red" \| "green";/);
    const color = declaration(swift, /public enum Color/);
    expect(color).toMatch(/public enum Color: RawRepresentable, Codable, Hashable, Sendable/);
    expect(color).toMatch(/case red\n\s+case green\n/);
    expect(color).toMatch(/case unknown\(String\)/);
    expect(color).toMatch(/default: self = .unknown\(rawValue\)/);
    const kColor = declaration(kotlin, /sealed interface Color/);
    expect(kColor).toMatch(/data object Red : Color \{ override val raw: String get\(\) = "red" \}/);
    expect(kColor).toMatch(/data class Unknown\(override val raw: String\) : Color/);
  });
});

describe("tagged union", () => {
  it("is oneOf with a discriminator in JSON Schema and a union in TypeScript", () => {
    expect(model.defs.get("Shape")).toMatchObject({ oneOf: [{ $ref: "#/$defs/Circle" }, { $ref: "#/$defs/Square" }], discriminator: { propertyName: "kind" } });
    expect(ts).toMatch(/export type Shape = Circle \| Square;/);
    expect(ts).toMatch(/kind: "circle";/);
  });

  it("is a sealed type of its members plus an unknown branch; members carry their tag", () => {
    const shape = declaration(swift, /public enum Shape: /);
    expect(shape).toMatch(/case circle\(Circle\)\n\s+case square\(Square\)/);
    expect(shape).toMatch(/case unknown\(JSONValue\)/);
    expect(declaration(swift, /public struct Circle: Codable, Hashable, Sendable/)).toMatch(/public var kind: String \{ "circle" \}/);
    expect(declaration(kotlin, /sealed interface Shape/)).toMatch(/data class Unknown\(override val json: JsonObject\) : Shape, UnknownMember/);
    expect(kotlin).toMatch(/data class Circle\([^)]*\n\) : Shape \{\n[^}]*@EncodeDefault\(EncodeDefault.Mode.ALWAYS\) val kind: String = "circle"\n\}/);
  });
});

describe("record", () => {
  it("is a string-keyed map in every target", () => {
    expect(model.defs.get("DrawParams")!.properties).toMatchObject({ tags: { type: "object", additionalProperties: { type: "boolean" } } });
    expect(ts).toMatch(/tags\?: \{ \[key: string\]: boolean \};/);
    expect(declaration(swift, /public struct DrawParams/)).toMatch(/public var tags: \[String: Bool\]\?/);
    expect(declaration(kotlin, /data class DrawParams/)).toMatch(/val tags: Map<String, Boolean>\? = null/);
  });
});

describe("any JSON", () => {
  it("is JSONValue in Swift and JsonElement in Kotlin, where null is a value, not absence", () => {
    expect(declaration(swift, /public struct DrawParams/)).toMatch(/self.meta = try container.decodeJSONIfPresent\(forKey: .meta\)/);
    expect(declaration(kotlin, /data class DrawParams/)).toMatch(/@Serializable\(with = OptionalJsonSerializer::class\) val meta: JsonElement\? = null/);
    expect(swift).toMatch(/public enum JSONValue: Codable, Hashable, Sendable/);
    expect(swift).not.toMatch(/JSONAny/);
  });
});

describe("nested object", () => {
  it("is hoisted into $defs and referenced by name", () => {
    expect(model.defs.get("DrawParams")!.properties).toMatchObject({ style: { $ref: "#/$defs/DrawStyle" } });
    expect(ts).toMatch(/style: DrawStyle;/);
    expect(declaration(swift, /public struct DrawParams/)).toMatch(/public var style: DrawStyle\n/);
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
    expect(point).toMatch(/public var x: Int\n/);
    expect(point).toMatch(/public var y: Double\n/);
    const kPoint = declaration(kotlin, /data class Point/);
    expect(kPoint).toMatch(/val x: Long/);
    expect(kPoint).toMatch(/val y: Double/);
  });
});

describe("native names and initializers", () => {
  it("names every type after the registry, never Purple/Fluffy or numbered", () => {
    const names = [...swift.matchAll(/^public (?:struct|enum|class) (\w+)/gm)].map((m) => m[1]);
    for (const name of names) expect(name).not.toMatch(/^(Purple|Fluffy|Tentacled|Sticky)|\d$/);
    expect(new Set(names).size).toBe(names.length);
  });

  it("labels Swift initializers in declaration order with defaults for what may be absent", () => {
    expect(declaration(swift, /public struct DrawParams/)).toContain(
      "public init(shape: Shape, color: Color? = nil, label: Nullable<String> = .absent, tags: [String: Bool]? = nil, layers: [Int], style: DrawStyle, meta: JSONValue? = nil, idempotencyKey: String)",
    );
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
