/**
 * A small structured printer for Swift and Kotlin: code is a tree of lines and
 * blocks, rendered with four-space indentation. Emitters build trees; only
 * this file decides layout, so output is uniform and byte-stable.
 */
import { docLines } from "./names.js";

export interface Block {
  /** The opening line, or null for an indented group with only a closing line. */
  head: string | null;
  body: Code[];
  tail: string;
}

/** A line, a block, a group of either, or nothing (skipped). */
export type Code = string | Block | readonly Code[] | null | undefined | false;

/** `head {` body `}` (or another closing line). */
export const block = (head: string, body: Code[], tail = "}"): Block => ({ head: `${head} {`, body, tail });

/** `head` (verbatim), the body indented, then `tail`: for parameter lists and the like. */
export const wrap = (head: string | null, body: Code[], tail: string): Block => ({ head, body, tail });

/** A Swift `switch` with its cases at the switch's own indentation (Swift's convention). */
export const swiftSwitch = (subject: string, cases: Code[]): Code[] => [`switch ${subject} {`, ...cases, "}"];

/** Lines separated by blank lines, skipping empty groups. */
export function spaced(groups: Code[]): Code[] {
  const kept = groups.filter((group) => group && (!Array.isArray(group) || group.some(Boolean)));
  return kept.flatMap((group, i) => (i === 0 ? [group] : ["", group]));
}

/** A `///` documentation comment (Swift). */
export const swiftDoc = (text: string | undefined): Code[] => docLines(text).map((line) => `/// ${line}`.trimEnd());

/** A KDoc comment (Kotlin). */
export function kotlinDoc(text: string | undefined): Code[] {
  const lines = docLines(text);
  if (lines.length === 0) return [];
  if (lines.length === 1) return [`/** ${lines[0]} */`];
  return ["/**", ...lines.map((line) => ` * ${line}`.trimEnd()), " */"];
}

/** Render a tree; every line ends with a newline. */
export function render(code: Code[], indent = 0): string {
  const out: string[] = [];
  const visit = (node: Code, depth: number) => {
    if (node === null || node === undefined || node === false) return;
    if (typeof node === "string") {
      out.push(node === "" ? "" : "    ".repeat(depth) + node);
    } else if (Array.isArray(node)) {
      for (const child of node) visit(child, depth);
    } else {
      const b = node as Block;
      if (b.head !== null) out.push("    ".repeat(depth) + b.head);
      for (const child of b.body) visit(child, depth + 1);
      out.push("    ".repeat(depth) + b.tail);
    }
  };
  for (const node of code) visit(node, indent);
  return out.join("\n") + "\n";
}
