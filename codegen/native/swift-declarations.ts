/**
 * What the generated Swift declares, read back with tree-sitter: each
 * top-level struct's stored and computed properties (name → type text), its
 * coding keys and decoding statements, and each enum's cases. Used to check
 * decode paths without a Swift compiler.
 */
import { parseSwift, type SyntaxNode } from "../swift-syntax.js";

export interface SwiftDeclaration {
  kind: "struct" | "enum";
  properties: Map<string, string>;
  /** Case name → associated value text (empty when none). */
  cases: Map<string, string>;
  /** The text of `init(from decoder:)`, when declared. */
  decoder: string;
}

const unquote = (name: string) => name.replace(/`/g, "");

export function swiftDeclarations(source: string): Map<string, SwiftDeclaration> {
  const out = new Map<string, SwiftDeclaration>();
  for (const node of parseSwift(source).namedChildren) {
    if (node.type !== "class_declaration") continue;
    const name = node.namedChildren.find((c) => c.type === "type_identifier")?.text;
    const body = node.namedChildren.find((c) => c.type === "class_body" || c.type === "enum_class_body");
    if (!name || !body) continue;
    const decl: SwiftDeclaration = { kind: body.type === "enum_class_body" ? "enum" : "struct", properties: new Map(), cases: new Map(), decoder: "" };
    for (const member of body.namedChildren) {
      if (member.type === "property_declaration") {
        const id = member.namedChildren.find((c) => c.type === "pattern")?.text;
        const type = member.namedChildren.find((c) => c.type === "type_annotation")?.text.replace(/^:\s*/, "");
        if (id && type) decl.properties.set(unquote(id), type);
      } else if (member.type === "enum_entry") {
        const entries = member.namedChildren.filter((c: SyntaxNode) => c.type === "simple_identifier");
        for (const entry of entries) decl.cases.set(unquote(entry.text), member.namedChildren.find((c) => c.type === "enum_type_parameters")?.text ?? "");
      } else if (member.type === "init_declaration" && member.text.includes("from decoder: Decoder")) {
        decl.decoder = member.text;
      }
    }
    out.set(name, decl);
  }
  return out;
}
