/**
 * The Swift consumer, checked without a Swift compiler: it parses cleanly,
 * and every generated model it constructs exists in the generated package
 * with exactly the initializer labels it uses.
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { swiftCalls, swiftSyntaxErrors } from "../../codegen/swift-syntax.js";
import { REPO_ROOT } from "../../testing/gateway-process.js";

const consumer = readFileSync(join(REPO_ROOT, "clients/swift/NodeClient.swift"), "utf8");
const models = readFileSync(join(REPO_ROOT, "generated/swift/Sources/TidegateProtocol/Models.swift"), "utf8");

/** Each generated struct's memberwise initializer: labels in declaration order, and which have defaults. */
const initializers = new Map(
  [...models.matchAll(/^public struct (\w+): Codable, Hashable, Sendable \{[\s\S]*?^ {4}public init\(([^)]*)\)/gm)].map((m) => [
    m[1],
    (m[2] ? m[2].split(", ") : []).map((p) => ({ label: p.split(":")[0], defaulted: p.includes(" = ") })),
  ]),
);

/** The labels of a call fit an initializer: declaration order, every parameter without a default present. */
function fits(labels: string[], params: { label: string; defaulted: boolean }[]): boolean {
  let next = 0;
  for (const param of params) {
    if (labels[next] === param.label) next++;
    else if (!param.defaulted) return false;
  }
  return next === labels.length;
}

describe("Swift consumer", () => {
  it("parses without errors", () => {
    expect(swiftSyntaxErrors(consumer)).toEqual([]);
  });

  it("constructs generated models with their real initializer labels", () => {
    const used = swiftCalls(consumer).filter((c) => initializers.has(c.callee));
    expect(used.map((c) => c.callee).sort()).toEqual(["ConnectAuth", "ConnectClient", "ConnectParams", "DeviceProof", "NodeInvokeError", "NodeInvokeResultParams"].sort());
    for (const call of used) expect(fits(call.labels, initializers.get(call.callee)!), `${call.callee}(${call.labels.join(":, ")}:)`).toBe(true);
  });

  it("names only events and methods the generated package declares", () => {
    const protocol = readFileSync(join(REPO_ROOT, "generated/swift/Sources/TidegateProtocol/Protocol.swift"), "utf8");
    const events = [...consumer.matchAll(/case \.event\(_, \.(\w+)\(/g)].map((m) => m[1]);
    expect(events).toEqual(["connectChallenge", "nodeInvokeRequest"]);
    for (const name of events) expect(protocol).toMatch(new RegExp(`^    case ${name}\\(`, "m"));
    for (const [, name] of consumer.matchAll(/Methods\.(\w+)/g)) expect(protocol).toMatch(new RegExp(`public static let ${name} = MethodDescriptor<`));
  });
});
