/**
 * The Swift package `TidegateProtocol`: a root `Package.swift` (so SwiftPM can add the repository
 * by URL) whose sources and tests live in `generated/swift/`. Models are `Codable`, `Hashable` and
 * `Sendable`, enums are open, unions and frames have unknown cases, optional-nullable fields keep
 * absent and `null` apart.
 */
import type { ProtocolModel } from "../model.js";
import { nativeModel } from "../native/ir.js";
import { type Code, render } from "../native/printer.js";
import { swiftModels } from "../native/swift-models.js";
import { SWIFT_SUPPORT, swiftProtocol, swiftProtocolInfo } from "../native/swift-support.js";
import { swiftCompatTests, swiftMethodTests, swiftRoundTripTests } from "../native/swift-tests.js";
import { type GeneratedFile, SLASH_PREAMBLE } from "./generated-file.js";

export const SWIFT_MODULE = "TidegateProtocol";
const SOURCES = `generated/swift/Sources/${SWIFT_MODULE}`;
const TESTS = `generated/swift/Tests/${SWIFT_MODULE}Tests`;

function packageSwift(): string {
  return [
    "// swift-tools-version:5.9",
    SLASH_PREAMBLE.trimEnd(),
    "import PackageDescription",
    "",
    "let package = Package(",
    `    name: "${SWIFT_MODULE}",`,
    "    platforms: [.macOS(.v12), .iOS(.v15), .tvOS(.v15), .watchOS(.v8)],",
    `    products: [.library(name: "${SWIFT_MODULE}", targets: ["${SWIFT_MODULE}"])],`,
    "    targets: [",
    `        .target(name: "${SWIFT_MODULE}", path: "${SOURCES}"),`,
    `        .testTarget(name: "${SWIFT_MODULE}Tests", dependencies: ["${SWIFT_MODULE}"], path: "${TESTS}"),`,
    "    ]",
    ")",
    "",
  ].join("\n");
}

const swiftFile = (body: string, imports = ["Foundation"]) => [SLASH_PREAMBLE.trimEnd(), ...imports.map((i) => `import ${i}`), "", body.trimEnd(), ""].join("\n");

export async function emitSwift(model: ProtocolModel): Promise<GeneratedFile[]> {
  const native = nativeModel(model);
  const file = (code: Code[]) => swiftFile(render(code));
  return [
    { path: "Package.swift", contents: packageSwift() },
    { path: `${SOURCES}/Models.swift`, contents: file(swiftModels(native)) },
    { path: `${SOURCES}/Protocol.swift`, contents: file(swiftProtocol(native)) },
    { path: `${SOURCES}/ProtocolInfo.swift`, contents: swiftFile(render(swiftProtocolInfo(native)), []) },
    { path: `${SOURCES}/Support.swift`, contents: swiftFile(SWIFT_SUPPORT) },
    { path: `${TESTS}/ExamplesRoundTripTests.swift`, contents: swiftFile(render(swiftRoundTripTests(native, model)), []) },
    { path: `${TESTS}/ForwardCompatTests.swift`, contents: swiftFile(render(swiftCompatTests(native, model)), []) },
    { path: `${TESTS}/MethodDescriptorTests.swift`, contents: swiftFile(render(swiftMethodTests(native, model)), []) },
  ];
}
