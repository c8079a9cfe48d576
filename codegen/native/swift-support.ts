/**
 * The Swift support code every generated model relies on (`JSONValue`,
 * three-state `Nullable`, coding helpers) and the protocol's entry points:
 * `GatewayFrame`, `GatewayEvent`, method descriptors and constants.
 */
import { CodegenError } from "../codegen-error.js";
import type { NativeModel, NativeStruct } from "./ir.js";
import { swiftIdent, swiftName, swiftString } from "./names.js";
import { block, type Code, spaced, swiftDoc, swiftSwitch } from "./printer.js";
import { SWIFT_CONFORMANCES, swiftCaseNames, swiftFieldNames } from "./swift-models.js";

/** Swift source that does not depend on the protocol. */
export const SWIFT_SUPPORT = `/// Any JSON value. Numbers without a fraction decode as \`integer\`, others as \`number\`.
public enum JSONValue: ${SWIFT_CONFORMANCES} {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// The JSON form of any encodable value.
    public init<T: Encodable>(encoding value: T) throws {
        self = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value))
    }

    /// This value decoded as \`type\`.
    public func decode<T: Decodable>(as type: T.Type = T.self) throws -> T {
        try JSONDecoder().decode(type, from: JSONEncoder().encode(self))
    }
}

/// A property that may be absent, \`null\` or a value, three states kept apart: a patch sends
/// \`.null\` to clear a setting and leaves out (\`.absent\`) what it does not change.
public enum Nullable<Wrapped> {
    /// Not on the wire.
    case absent
    /// On the wire as \`null\`.
    case null
    /// On the wire as the value.
    case value(Wrapped)

    /// The value, or nil when absent or \`null\`.
    public var wrapped: Wrapped? {
        if case .value(let value) = self { return value }
        return nil
    }
}

extension Nullable: Equatable where Wrapped: Equatable {}
extension Nullable: Hashable where Wrapped: Hashable {}
extension Nullable: Sendable where Wrapped: Sendable {}

/// A coding key made from any string (tags, and objects without properties).
public struct AnyCodingKey: CodingKey, Hashable, Sendable {
    public var stringValue: String
    public var intValue: Int? { nil }

    public init(_ stringValue: String) {
        self.stringValue = stringValue
    }

    public init?(stringValue: String) {
        self.stringValue = stringValue
    }

    public init?(intValue: Int) {
        return nil
    }
}

extension KeyedDecodingContainer {
    /// Absent, \`null\` or a value, kept apart.
    public func decodeNullable<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> Nullable<T> {
        guard contains(key) else { return .absent }
        if try decodeNil(forKey: key) { return .null }
        return .value(try decode(type, forKey: key))
    }

    /// An optional JSON value whose \`null\` is a value (\`.null\`), not absence (\`nil\`).
    public func decodeJSONIfPresent(forKey key: Key) throws -> JSONValue? {
        guard contains(key) else { return nil }
        return try decode(JSONValue.self, forKey: key)
    }
}

extension KeyedEncodingContainer {
    /// Nothing for \`.absent\`, \`null\` for \`.null\`, the value otherwise.
    public mutating func encodeNullable<T: Encodable>(_ value: Nullable<T>, forKey key: Key) throws {
        switch value {
        case .absent: break
        case .null: try encodeNil(forKey: key)
        case .value(let wrapped): try encode(wrapped, forKey: key)
        }
    }
}
`;

function gatewayEvent(model: NativeModel): Code[] {
  const names = swiftCaseNames(
    model.events.map((e) => e.name),
    "events",
  ).map(swiftIdent);
  const events = model.events.map((e, i) => ({ ...e, swift: names[i], type: model.nativeName(e.payload) }));
  return [
    "/// An event, typed by its name from the event table; `unknown` for events this version does not know.",
    block(
      `public enum GatewayEvent: Hashable, Sendable`,
      spaced([
        [
          ...events.flatMap((e) => [...swiftDoc(e.description), `case ${e.swift}(${e.type})`]),
          "/// An event this version does not know, with its payload as received.",
          "case unknown(name: String, payload: JSONValue?)",
        ],
        [
          "/// The event's name on the wire.",
          block("public var name: String", [swiftSwitch("self", [...events.map((e) => `case .${e.swift}: return ${swiftString(e.name)}`), "case .unknown(let name, _): return name"])]),
        ],
        [
          "/// The typed event called `name` with `payload`.",
          block("public init(name: String, payload: JSONValue?) throws", [
            swiftSwitch("name", [
              ...events.map((e) => `case ${swiftString(e.name)}: self = .${e.swift}(try (payload ?? .object([:])).decode(as: ${e.type}.self))`),
              "default: self = .unknown(name: name, payload: payload)",
            ]),
          ]),
        ],
      ]),
    ),
  ];
}

function gatewayFrame(model: NativeModel): Code[] {
  const { frame } = model;
  const names = swiftCaseNames(
    frame.members.map((m) => m.caseWire),
    "GatewayFrame",
  ).map(swiftIdent);
  const cases = frame.members.map((m, i) => ({ ...m, swift: names[i] }));
  const eventFields = swiftFieldNames(model.decls.get(frame.event) as NativeStruct);
  const eventStruct = model.decls.get(frame.event) as NativeStruct;
  const field = (wire: string) => swiftIdent(eventFields[eventStruct.fields.findIndex((f) => f.wire === wire)]);
  return [
    "/// Every message on the socket: a request, a response, an event typed by its name, or a frame",
    `/// whose \`${frame.tag}\` this version does not know.`,
    "///",
    "///     let frame = try JSONDecoder().decode(GatewayFrame.self, from: data)",
    "///     if case .event(_, .tick(let tick)) = frame { … }",
    block(
      `public enum GatewayFrame: ${SWIFT_CONFORMANCES}`,
      spaced([
        [
          ...cases.flatMap((c) =>
            c.type === frame.event
              ? [`/// A frame of type \`${c.tag}\` as received (what is encoded), and its payload typed by name.`, `case ${c.swift}(${c.type}, GatewayEvent)`]
              : [`/// A frame of type \`${c.tag}\`.`, `case ${c.swift}(${c.type})`],
          ),
          `/// A frame whose \`${frame.tag}\` this version does not know, kept as received; it re-encodes unchanged.`,
          "case unknown(JSONValue)",
        ],
        [
          block("public init(from decoder: Decoder) throws", [
            "let container = try decoder.container(keyedBy: AnyCodingKey.self)",
            swiftSwitch(`(try? container.decode(String.self, forKey: AnyCodingKey(${swiftString(frame.tag)}))) ?? ""`, [
              ...cases.flatMap((c) =>
                c.type === frame.event
                  ? [
                      `case ${swiftString(c.tag)}:`,
                      `    let frame = try ${c.type}(from: decoder)`,
                      `    self = .${c.swift}(frame, try GatewayEvent(name: frame.${field("event")}, payload: frame.${field("payload")}))`,
                    ]
                  : [`case ${swiftString(c.tag)}: self = .${c.swift}(try ${c.type}(from: decoder))`],
              ),
              "default: self = .unknown(try JSONValue(from: decoder))",
            ]),
          ]),
        ],
        [
          block("public func encode(to encoder: Encoder) throws", [
            swiftSwitch("self", [
              ...cases.map((c) => (c.type === frame.event ? `case .${c.swift}(let frame, _): try frame.encode(to: encoder)` : `case .${c.swift}(let frame): try frame.encode(to: encoder)`)),
              "case .unknown(let value): try value.encode(to: encoder)",
            ]),
          ]),
        ],
      ]),
    ),
  ];
}

/** `RequestFrame(id: …, method: …, params: …)` with the labels in the request frame's declaration order. */
function requestCall(model: NativeModel): string {
  const decl = model.decls.get(model.frame.request) as NativeStruct;
  const names = swiftFieldNames(decl);
  const values: Record<string, string> = { id: "id", method: "name", params: "try JSONValue(encoding: params)" };
  const args = decl.fields.flatMap((f, i) => {
    if (f.presence === "constant") return [];
    if (values[f.wire]) return [`${swiftIdent(names[i])}: ${values[f.wire]}`];
    if (f.presence === "required" || f.presence === "requiredNullable")
      throw new CodegenError(`${decl.name}.${f.wire}`, "the request frame gained a required field the method descriptors cannot fill");
    return [];
  });
  return `${decl.name}(${args.join(", ")})`;
}

function methods(model: NativeModel): Code[] {
  const { frame } = model;
  const all = [
    { name: "connect", params: model.handshake.params, result: model.handshake.result, scope: null as string | null, idempotencyKey: false, description: model.handshake.description },
    ...model.methods.map((m) => ({ name: m.name, params: m.params, result: m.result, scope: m.scope as string | null, idempotencyKey: m.idempotencyKey, description: m.description })),
  ];
  const names = swiftCaseNames(
    all.map((m) => m.name),
    "methods",
  ).map(swiftIdent);
  return spaced([
    [
      "/// A method of the protocol: its wire name, who may call it, and its params and result types.",
      block(
        "public struct MethodDescriptor<Params: Codable & Sendable, Result: Codable & Sendable>: Sendable",
        spaced([
          [
            "/// The method's name on the wire.",
            "public let name: String",
            "/// The operator scope a caller needs, `node` for node-only methods, or nil for `connect`.",
            "public let scope: String?",
            "/// True when the params must carry an `idempotencyKey`.",
            "public let idempotencyKey: Bool",
          ],
          [block("public init(name: String, scope: String?, idempotencyKey: Bool)", ["self.name = name", "self.scope = scope", "self.idempotencyKey = idempotencyKey"])],
          ["/// The request frame calling this method with `params` under `id`.", block(`public func request(id: String, params: Params) throws -> ${frame.request}`, [requestCall(model)])],
          [
            "/// The result carried by `response`, or `GatewayCallError` with its error.",
            block(`public func result(of response: ${frame.response}) throws -> Result`, [
              "guard response.ok else { throw GatewayCallError(error: response.error) }",
              "return try (response.payload ?? .object([:])).decode(as: Result.self)",
            ]),
          ],
        ]),
      ),
    ],
    [
      "/// A call failed: `error` is the gateway's answer.",
      block("public struct GatewayCallError: Error, Hashable, Sendable", [`public let error: ${frame.error}?`, "", block(`public init(error: ${frame.error}?)`, ["self.error = error"])]),
    ],
    [
      "/// Every method, `connect` first; each descriptor types `call` at compile time.",
      block("public enum Methods", [
        ...all.flatMap((m, i) => [
          ...swiftDoc(m.description),
          `public static let ${names[i]} = MethodDescriptor<${model.nativeName(m.params)}, ${model.nativeName(m.result)}>(name: ${swiftString(m.name)}, scope: ${m.scope === null ? "nil" : swiftString(m.scope)}, idempotencyKey: ${m.idempotencyKey})`,
        ]),
      ]),
    ],
    [
      "/// Sends a request frame and returns the response that carries its id.",
      block("public protocol RequestSending: Sendable", [`func send(_ request: ${frame.request}) async throws -> ${frame.response}`]),
    ],
    [
      block("extension RequestSending", [
        "/// Call `method` with `params`: the params and the result are typed by the method descriptor.",
        block("public func call<Params, Result>(_ method: MethodDescriptor<Params, Result>, _ params: Params, id: String = UUID().uuidString) async throws -> Result", [
          "try method.result(of: try await send(method.request(id: id, params: params)))",
        ]),
      ]),
    ],
  ]);
}

/** `Protocol.swift`: frames, events and method descriptors. */
export function swiftProtocol(model: NativeModel): Code[] {
  return spaced([gatewayFrame(model), gatewayEvent(model), methods(model)]);
}

/** `ProtocolInfo.swift`: the version and the name lists. */
export function swiftProtocolInfo(model: NativeModel): Code[] {
  const names = (list: string[], where: string) => {
    const cases = swiftCaseNames(list, where).map(swiftIdent);
    return list.map((wire, i) => `case ${cases[i]} = ${swiftString(wire)}`);
  };
  return spaced([
    ["/// Protocol constants.", block("public enum ProtocolInfo", ["/// The protocol version these models describe.", `public static let version = ${model.version}`])],
    [
      "/// Every method name this version knows, `connect` first.",
      block("public enum MethodName: String, Codable, CaseIterable, Sendable", names(["connect", ...model.methods.map((m) => m.name)], "methods")),
    ],
    [
      "/// Every event name this version knows.",
      block(
        "public enum EventName: String, Codable, CaseIterable, Sendable",
        names(
          model.events.map((e) => e.name),
          "events",
        ),
      ),
    ],
  ]);
}

export { swiftName };
