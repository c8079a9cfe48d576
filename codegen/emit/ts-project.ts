/** One in-memory ts-morph project per emitter run, and the preamble every TS file gets. */
import { IndentationText, Project, QuoteKind, type SourceFile } from "ts-morph";
import { type GeneratedFile, SLASH_PREAMBLE } from "./generated-file.js";

export function tsProject(): Project {
  return new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: { indentationText: IndentationText.TwoSpaces, quoteKind: QuoteKind.Double, useTrailingCommas: true },
    compilerOptions: { strict: true },
  });
}

/** Render a ts-morph source file as a generated file. */
export function tsFile(path: string, file: SourceFile): GeneratedFile {
  return { path, contents: SLASH_PREAMBLE + "\n" + file.getFullText().trimStart() };
}
