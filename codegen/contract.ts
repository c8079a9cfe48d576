/**
 * The contract between targets: every named schema has its Swift and Kotlin
 * type (the frame union is `GatewayFrame`), no target declares a top-level
 * type the registry or the native support code does not name, and the
 * protocol version is the same everywhere.
 */

import type { GeneratedFile } from "./emit/generated-file.js";
import type { ProtocolModel } from "./model.js";
import { NATIVE_SUPPORT_TYPES, nativeModel } from "./native/ir.js";

const declared = (text: string, pattern: RegExp) => new Set([...text.matchAll(pattern)].map((m) => m[1]));

export function contractProblems(model: ProtocolModel, files: readonly GeneratedFile[]): string[] {
  const problems: string[] = [];
  const byPath = new Map(files.map((f) => [f.path, f.contents]));
  const find = (suffix: string) =>
    [...byPath.entries()]
      .filter(([path]) => path.endsWith(suffix))
      .map(([, text]) => text)
      .join("\n");
  const swift = [...byPath.entries()]
    .filter(([path]) => path.includes("/Sources/") && path.endsWith(".swift"))
    .map(([, text]) => text)
    .join("\n");
  const kotlin = [...byPath.entries()]
    .filter(([path]) => path.includes("/src/main/") && path.endsWith(".kt"))
    .map(([, text]) => text)
    .join("\n");
  const swiftTypes = declared(swift, /^(?:public )?(?:struct|enum|class|final class|protocol|typealias) (\w+)/gm);
  const kotlinTypes = declared(kotlin, /^(?:data class|enum class|class|object|sealed interface|interface|fun interface|abstract class|typealias) (\w+)/gm);
  const native = nativeModel(model);
  const expected = new Set<string>([...NATIVE_SUPPORT_TYPES, ...[...native.decls.keys()].map(native.nativeName)]);
  for (const name of native.decls.keys()) {
    const nativeName = native.nativeName(name);
    if (!swiftTypes.has(nativeName)) problems.push(`Swift has no type ${nativeName}`);
    if (!kotlinTypes.has(nativeName)) problems.push(`Kotlin has no type ${nativeName}`);
  }
  for (const [target, types] of [
    ["Swift", swiftTypes],
    ["Kotlin", kotlinTypes],
  ] as const) {
    for (const name of types) if (!expected.has(name)) problems.push(`${target} declares ${name}, which neither the registry nor the native support code names`);
  }
  const versions: [string, RegExp][] = [
    ["generated/protocol.schema.json", /"x-protocol-version": (\d+)/],
    ["generated/ts/registry.ts", /PROTOCOL_VERSION = (\d+)/],
    ["ProtocolInfo.swift", /static let version = (\d+)/],
    ["ProtocolInfo.kt", /PROTOCOL_VERSION: Long = (\d+)/],
  ];
  for (const [suffix, pattern] of versions) {
    const found = find(suffix).match(pattern)?.[1];
    if (found !== String(model.version)) problems.push(`${suffix} says protocol version ${found ?? "(none)"}, the registry says ${model.version}`);
  }
  return problems;
}
