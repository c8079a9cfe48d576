/**
 * The contract between targets: every object schema has its Swift and Kotlin
 * type, no target invented a type the registry does not name, and the
 * protocol version is the same everywhere.
 */
import type { ProtocolModel } from "./model.js";
import type { GeneratedFile } from "./emit/generated-file.js";
import { quicktypeDefinitions } from "./emit/quicktype-feed.js";

/** Helper types quicktype adds for `Any` and `null`. */
const NATIVE_HELPERS = new Set(["JSONAny", "JSONNull", "JSONCodingKey", "MethodName", "EventName", "ProtocolInfo"]);

const declared = (text: string, pattern: RegExp) => new Set([...text.matchAll(pattern)].map((m) => m[1]));

export function contractProblems(model: ProtocolModel, files: readonly GeneratedFile[]): string[] {
  const problems: string[] = [];
  const byPath = new Map(files.map((f) => [f.path, f.contents]));
  const find = (suffix: string) => [...byPath.entries()].filter(([path]) => path.endsWith(suffix)).map(([, text]) => text).join("\n");
  const swift = find(".swift");
  const kotlin = [...byPath.entries()].filter(([path]) => path.includes("/src/main/") && path.endsWith(".kt")).map(([, text]) => text).join("\n");
  const swiftTypes = declared(swift, /^public (?:struct|enum|class|final class) (\w+)/gm);
  const kotlinTypes = declared(kotlin, /^(?:data class|enum class|class|object|sealed class|typealias) (\w+)/gm);
  const expected = new Set(quicktypeDefinitions(model).keys());
  for (const [name, def] of model.defs) {
    if (def.type !== "object" && !def.enum && !def.oneOf) continue;
    if (!swiftTypes.has(name)) problems.push(`Swift has no type ${name}`);
    if (!kotlinTypes.has(name)) problems.push(`Kotlin has no type ${name}`);
  }
  for (const [target, types] of [["Swift", swiftTypes], ["Kotlin", kotlinTypes]] as const) {
    for (const name of types) {
      if (!expected.has(name) && !NATIVE_HELPERS.has(name) && !/^[A-Z]\w*(Kind|Type)$/.test(name)) {
        problems.push(`${target} declares ${name}, which the registry does not name`);
      }
    }
  }
  const versions: [string, RegExp][] = [
    ["generated/protocol.schema.json", /"x-protocol-version": (\d+)/],
    ["generated/ts/registry.ts", /PROTOCOL_VERSION = (\d+)/],
    ["ProtocolInfo.swift", /static let version = (\d+)/],
    ["ProtocolInfo.kt", /PROTOCOL_VERSION: Int = (\d+)/],
  ];
  for (const [suffix, pattern] of versions) {
    const found = find(suffix).match(pattern)?.[1];
    if (found !== String(model.version)) problems.push(`${suffix} says protocol version ${found ?? "(none)"}, the registry says ${model.version}`);
  }
  return problems;
}
