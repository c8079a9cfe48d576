/**
 * Swift checks without a Swift compiler: parse with tree-sitter-swift, report
 * error and missing nodes, and list initializer calls with their labels.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const Parser = require("tree-sitter");
const Swift = require("tree-sitter-swift");

export interface SyntaxNode {
  type: string;
  isMissing: boolean;
  hasError: boolean;
  startPosition: { row: number; column: number };
  children: SyntaxNode[];
  namedChildren: SyntaxNode[];
  text: string;
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
  visit(parseSwift(source));
  return errors;
}

/** The syntax tree of `source`. Large files: the node binding reads input in chunks through a callback. */
export function parseSwift(source: string): SyntaxNode {
  return parser.parse((index: number) => source.slice(index, index + 4096)).rootNode;
}

/** Every call `Name(label: …, …)` in `source`: callee and argument labels (`_` for unlabeled). */
export function swiftCalls(source: string): { callee: string; labels: string[] }[] {
  const calls: { callee: string; labels: string[] }[] = [];
  const visit = (node: SyntaxNode) => {
    if (node.type === "call_expression" && node.namedChildren[0]?.type === "simple_identifier") {
      const args = node.namedChildren[1]?.namedChildren.find((c) => c.type === "value_arguments");
      const labels = (args?.namedChildren ?? []).filter((a) => a.type === "value_argument").map((a) => (a.namedChildren[0]?.type === "value_argument_label" ? a.namedChildren[0].text : "_"));
      calls.push({ callee: node.namedChildren[0].text, labels });
    }
    node.namedChildren.forEach(visit);
  };
  visit(parseSwift(source));
  return calls;
}
