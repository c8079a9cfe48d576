/** `generated/swift/`: a SwiftPM package of public Codable models (quicktype) plus protocol constants. */
import type { ProtocolModel } from "../model.js";
import { quicktypeDefinitions, runQuicktype } from "./quicktype-feed.js";
import { eventNames, methodNames } from "./native-info.js";
import { SLASH_PREAMBLE, type GeneratedFile } from "./generated-file.js";

export const SWIFT_MODULE = "TidegateProtocol";
const SOURCES = `generated/swift/Sources/${SWIFT_MODULE}`;

export const SWIFT_OPTIONS = {
  "access-level": "public",
  "struct-or-class": "struct",
  initializers: "false",
  "coding-keys": "true",
  density: "normal",
} as const;

/** quicktype's Swift renderer ignores `leadingComments`; replace its usage comment with the preamble. */
function withPreamble(swift: string): string {
  const lines = swift.split("\n");
  let start = 0;
  while (start < lines.length && (lines[start].startsWith("//") || lines[start] === "")) start++;
  return SLASH_PREAMBLE + "\n" + lines.slice(start).join("\n");
}

function packageSwift(): string {
  return [
    "// swift-tools-version:5.7",
    SLASH_PREAMBLE.trimEnd(),
    "import PackageDescription",
    "",
    "let package = Package(",
    `    name: "${SWIFT_MODULE}",`,
    "    platforms: [.macOS(.v12), .iOS(.v15)],",
    `    products: [.library(name: "${SWIFT_MODULE}", targets: ["${SWIFT_MODULE}"])],`,
    `    targets: [.target(name: "${SWIFT_MODULE}", path: "Sources/${SWIFT_MODULE}")]`,
    ")",
    "",
  ].join("\n");
}

function protocolInfo(model: ProtocolModel): string {
  const cases = (names: ReturnType<typeof methodNames>) => names.map((n) => `    case ${n.identifier} = ${n.literal}`).join("\n");
  return [
    SLASH_PREAMBLE,
    "/// Protocol constants.",
    "public enum ProtocolInfo {",
    "    /// The protocol version these models describe.",
    `    public static let version = ${model.version}`,
    "}",
    "",
    "/// Every method name.",
    "public enum MethodName: String, Codable, CaseIterable {",
    cases(methodNames(model)),
    "}",
    "",
    "/// Every event name.",
    "public enum EventName: String, Codable, CaseIterable {",
    cases(eventNames(model)),
    "}",
    "",
  ].join("\n");
}

export async function emitSwift(model: ProtocolModel): Promise<GeneratedFile[]> {
  const models = await runQuicktype(quicktypeDefinitions(model), "swift", SWIFT_OPTIONS);
  return [
    { path: "generated/swift/Package.swift", contents: packageSwift() },
    { path: `${SOURCES}/Models.swift`, contents: withPreamble(models) },
    { path: `${SOURCES}/ProtocolInfo.swift`, contents: protocolInfo(model) },
  ];
}
