/**
 * No Swift compiler exists on these machines: the generated Swift is parsed
 * with tree-sitter-swift instead and must have no error or missing nodes.
 */

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { swiftSyntaxErrors } from "./swift-syntax.js";

const swiftFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".swift"))
    .map((e) => join(e.parentPath, e.name));

describe("generated Swift", () => {
  const files = swiftFiles("generated/swift");

  it("exists", () => expect(files.length).toBeGreaterThanOrEqual(3));

  it.each(files)("%s parses without errors", (file) => {
    expect(swiftSyntaxErrors(readFileSync(file, "utf8"))).toEqual([]);
  });

  it("the parser does flag broken Swift", () => {
    expect(swiftSyntaxErrors("public struct A: Codable { public let x: = }").length).toBeGreaterThan(0);
  });
});
