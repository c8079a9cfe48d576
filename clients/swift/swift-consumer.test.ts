/**
 * The Swift consumer, checked without a Swift compiler: it parses cleanly,
 * and every generated model it constructs exists in the generated package
 * with exactly the initializer labels it uses.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../../testing/gateway-process.js";
import { swiftCalls, swiftSyntaxErrors } from "../../codegen/swift-syntax.js";

const consumer = readFileSync(join(REPO_ROOT, "clients/swift/NodeClient.swift"), "utf8");
const models = readFileSync(join(REPO_ROOT, "generated/swift/Sources/TidegateProtocol/Models.swift"), "utf8");

/** Labels of each generated struct's public memberwise initializer. */
const initializers = new Map(
  [...models.matchAll(/^public struct (\w+): Codable \{[\s\S]*?^ {4}public init\(([^)]*)\)/gm)].map((m) => [m[1], m[2] ? m[2].split(", ").map((p) => p.split(":")[0]) : []]),
);

describe("Swift consumer", () => {
  it("parses without errors", () => {
    expect(swiftSyntaxErrors(consumer)).toEqual([]);
  });

  it("constructs generated models with their real initializer labels", () => {
    const used = swiftCalls(consumer).filter((c) => initializers.has(c.callee));
    expect(used.map((c) => c.callee).sort()).toEqual(["ConnectAuth", "ConnectClient", "ConnectParams", "DeviceProof", "NodeInvokeError", "NodeInvokeResultParams", "RequestFrame", "RequestFrame"].sort());
    for (const call of used) expect(call.labels, call.callee).toEqual(initializers.get(call.callee));
  });

  it("names only enum cases the generated package declares", () => {
    for (const [, name] of consumer.matchAll(/EventName\.(\w+)/g)) expect(models + readFileSync(join(REPO_ROOT, "generated/swift/Sources/TidegateProtocol/ProtocolInfo.swift"), "utf8")).toMatch(new RegExp(`case ${name} = `));
  });
});
