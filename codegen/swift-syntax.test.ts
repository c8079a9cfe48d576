/**
 * No Swift compiler exists on these machines: the generated Swift is parsed
 * with tree-sitter-swift instead and must have no error or missing nodes.
 */
import { describe, expect, it } from "vitest";
import { createRequire } from "node:module";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const require = createRequire(import.meta.url);
const Parser = require("tree-sitter");
const Swift = require("tree-sitter-swift");

interface SyntaxNode {
  type: string;
  isMissing: boolean;
  hasError: boolean;
  startPosition: { row: number; column: number };
  children: SyntaxNode[];
}

const parser = new Parser();
parser.setLanguage(Swift);

/** Parse Swift source; return the positions of error and missing nodes. */
export function swiftSyntaxErrors(source: string): string[] {
  const errors: string[] = [];
  const visit = (node: SyntaxNode) => {
    if (node.type === "ERROR" || node.isMissing) errors.push(`${node.type} at ${node.startPosition.row + 1}:${node.startPosition.column + 1}`);
    if (node.hasError) node.children.forEach(visit);
  };
  // Large files: tree-sitter's node binding reads the input in chunks through a callback.
  const tree = parser.parse((index: number) => source.slice(index, index + 4096));
  visit(tree.rootNode);
  return errors;
}

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
