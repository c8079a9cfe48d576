/** Swift declarations of the native model: Codable structs, open enums and tagged unions, all `Hashable` and `Sendable`. */
import { CodegenError } from "../codegen-error.js";
import type { NativeEnum, NativeField, NativeModel, NativeStruct, NativeType, NativeUnion } from "./ir.js";
import { swiftIdent, swiftName, swiftString } from "./names.js";
import { block, type Code, spaced, swiftDoc, swiftSwitch } from "./printer.js";

export const SWIFT_CONFORMANCES = "Codable, Hashable, Sendable";

/** The Swift type of a value. */
export function swiftType(type: NativeType, model: NativeModel): string {
  switch (type.kind) {
    case "string":
      return "String";
    case "integer":
      return "Int";
    case "number":
      return "Double";
    case "boolean":
      return "Bool";
    case "json":
      return "JSONValue";
    case "named":
      return model.nativeName(type.name);
    case "list":
      return `[${swiftType(type.item, model)}]`;
    case "map":
      return `[String: ${swiftType(type.value, model)}]`;
    case "nullable":
      return `${swiftType(type.inner, model)}?`;
  }
}

/** The Swift property type of a field, as declared. */
export function swiftFieldType(field: NativeField, model: NativeModel): string {
  const type = swiftType(field.type, model);
  switch (field.presence) {
    case "required":
    case "constant":
      return type;
    case "requiredNullable":
    case "optional":
    case "optionalJson":
      return `${type}?`;
    case "tristate":
      return `Nullable<${type}>`;
  }
}

/** Property names of a struct's fields, checked for clashes. */
export function swiftFieldNames(decl: NativeStruct): string[] {
  const names = decl.fields.map((f) => swiftName(f.wire));
  const dup = names.find((name, i) => names.indexOf(name) !== i);
  if (dup) throw new CodegenError(decl.name, `two properties become the Swift name ${dup}`);
  return names;
}

/** Enum case names, kept apart from `unknown`. */
export function swiftCaseNames(values: readonly string[], where: string): string[] {
  const names = values.map((value) => {
    const name = swiftName(value);
    return name === "unknown" ? "unknownValue" : name;
  });
  const dup = names.find((name, i) => names.indexOf(name) !== i);
  if (dup) throw new CodegenError(where, `two values become the Swift name ${dup}`);
  return names;
}

function struct(decl: NativeStruct, model: NativeModel): Code[] {
  const names = swiftFieldNames(decl);
  const fields = decl.fields.map((f, i) => ({ ...f, name: swiftIdent(names[i]), bare: names[i], declared: swiftFieldType(f, model) }));
  const settable = fields.filter((f) => f.presence !== "constant");
  const defaultOf = (f: (typeof fields)[number]) => (f.presence === "optional" || f.presence === "optionalJson" ? " = nil" : f.presence === "tristate" ? " = .absent" : "");
  const properties = fields.flatMap((f) => [
    ...swiftDoc(f.description),
    f.presence === "constant" ? `public var ${f.name}: String { ${swiftString(f.constant!)} }` : `public var ${f.name}: ${f.declared}`,
  ]);
  const init = block(
    `public init(${settable.map((f) => `${f.name}: ${f.declared}${defaultOf(f)}`).join(", ")})`,
    settable.map((f) => `self.${f.name} = ${f.name}`),
  );
  const decode = (f: (typeof fields)[number]) => {
    const base = swiftType(f.type, model);
    switch (f.presence) {
      case "required":
        return `self.${f.name} = try container.decode(${base}.self, forKey: .${f.name})`;
      case "requiredNullable":
        return `self.${f.name} = try container.decode(${base}?.self, forKey: .${f.name})`;
      case "optional":
        return `self.${f.name} = try container.decodeIfPresent(${base}.self, forKey: .${f.name})`;
      case "optionalJson":
        return `self.${f.name} = try container.decodeJSONIfPresent(forKey: .${f.name})`;
      case "tristate":
        return `self.${f.name} = try container.decodeNullable(${base}.self, forKey: .${f.name})`;
      case "constant":
        return null;
    }
  };
  const encode = (f: (typeof fields)[number]) => {
    switch (f.presence) {
      case "required":
      case "requiredNullable":
      case "constant":
        return `try container.encode(self.${f.name}, forKey: .${f.name})`;
      case "optional":
      case "optionalJson":
        return `try container.encodeIfPresent(self.${f.name}, forKey: .${f.name})`;
      case "tristate":
        return `try container.encodeNullable(self.${f.name}, forKey: .${f.name})`;
    }
  };
  const codable =
    fields.length === 0
      ? [
          block("public init(from decoder: Decoder) throws", ["_ = try decoder.container(keyedBy: AnyCodingKey.self)"]),
          "",
          block("public func encode(to encoder: Encoder) throws", ["_ = encoder.container(keyedBy: AnyCodingKey.self)"]),
        ]
      : [
          block(
            "private enum CodingKeys: String, CodingKey",
            fields.map((f) => (f.bare === f.wire ? `case ${f.name}` : `case ${f.name} = ${swiftString(f.wire)}`)),
          ),
          "",
          block("public init(from decoder: Decoder) throws", [
            settable.length ? "let container = try decoder.container(keyedBy: CodingKeys.self)" : "_ = try decoder.container(keyedBy: CodingKeys.self)",
            ...fields.map(decode).filter((line): line is string => line !== null),
          ]),
          "",
          block("public func encode(to encoder: Encoder) throws", ["var container = encoder.container(keyedBy: CodingKeys.self)", ...fields.map(encode)]),
        ];
  return [...swiftDoc(decl.description), block(`public struct ${decl.name}: ${SWIFT_CONFORMANCES}`, spaced([properties, [init], codable]))];
}

function openEnum(decl: NativeEnum): Code[] {
  const names = swiftCaseNames(decl.values, decl.name).map(swiftIdent);
  return [
    ...swiftDoc(decl.description),
    block(
      `public enum ${decl.name}: RawRepresentable, ${SWIFT_CONFORMANCES}`,
      spaced([
        [...names.map((name) => `case ${name}`), "/// A value this version of the protocol does not know; it re-encodes unchanged.", "case unknown(String)"],
        ["/// Every value this version knows.", `public static let knownCases: [${decl.name}] = [${names.map((n) => `.${n}`).join(", ")}]`],
        [
          block("public init(rawValue: String)", [
            swiftSwitch("rawValue", [...decl.values.map((value, i) => `case ${swiftString(value)}: self = .${names[i]}`), "default: self = .unknown(rawValue)"]),
          ]),
        ],
        [block("public var rawValue: String", [swiftSwitch("self", [...decl.values.map((value, i) => `case .${names[i]}: return ${swiftString(value)}`), "case .unknown(let raw): return raw"])])],
        [block("public init(from decoder: Decoder) throws", ["self.init(rawValue: try decoder.singleValueContainer().decode(String.self))"])],
        [block("public func encode(to encoder: Encoder) throws", ["var container = encoder.singleValueContainer()", "try container.encode(rawValue)"])],
      ]),
    ),
  ];
}

/** A union's cases: one per member, named after it. */
export function swiftUnionCases(decl: NativeUnion): { tag: string; type: string; name: string }[] {
  const names = swiftCaseNames(
    decl.members.map((m) => m.caseWire),
    decl.name,
  );
  return decl.members.map((m, i) => ({ tag: m.tag, type: m.type, name: swiftIdent(names[i]) }));
}

function union(decl: NativeUnion): Code[] {
  const cases = swiftUnionCases(decl);
  return [
    ...swiftDoc(decl.description),
    block(
      `public enum ${decl.name}: ${SWIFT_CONFORMANCES}`,
      spaced([
        [
          ...cases.map((c) => `case ${c.name}(${c.type})`),
          `/// A member whose \`${decl.tag}\` this version of the protocol does not know, kept as received; it re-encodes unchanged.`,
          "case unknown(JSONValue)",
        ],
        [
          block("public init(from decoder: Decoder) throws", [
            "let container = try decoder.container(keyedBy: AnyCodingKey.self)",
            swiftSwitch(`(try? container.decode(String.self, forKey: AnyCodingKey(${swiftString(decl.tag)}))) ?? ""`, [
              ...cases.map((c) => `case ${swiftString(c.tag)}: self = .${c.name}(try ${c.type}(from: decoder))`),
              "default: self = .unknown(try JSONValue(from: decoder))",
            ]),
          ]),
        ],
        [
          block("public func encode(to encoder: Encoder) throws", [
            swiftSwitch("self", [...cases.map((c) => `case .${c.name}(let value): try value.encode(to: encoder)`), "case .unknown(let value): try value.encode(to: encoder)"]),
          ]),
        ],
      ]),
    ),
  ];
}

/** `Models.swift`: every struct, enum and union in name order (the frame union is `GatewayFrame`, in Protocol.swift). */
export function swiftModels(model: NativeModel): Code[] {
  const decls: Code[] = [];
  for (const decl of model.decls.values()) {
    if (decl.kind === "struct") decls.push(struct(decl, model));
    else if (decl.kind === "enum") decls.push(openEnum(decl));
    else if (decl.kind === "alias") decls.push([...swiftDoc(decl.description), `public typealias ${model.nativeName(decl.name)} = ${swiftType(decl.type, model)}`]);
    else if (decl.name !== model.frame.union) decls.push(union(decl));
  }
  return spaced(decls);
}
