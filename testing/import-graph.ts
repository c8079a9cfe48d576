/**
 * The import graph of the hand-written TypeScript: which file imports which,
 * the edges between top-level folders, and import circles. Used by
 * testing/layers.test.ts, and runnable to print the picture:
 *
 *   npx tsx testing/import-graph.ts [ROOT]
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, normalize, relative, resolve } from "node:path";

/** Repo-relative targets of a file's relative imports (static, dynamic and re-exports). */
function importsOf(root: string, file: string): string[] {
  const text = readFileSync(join(root, file), "utf8");
  const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)].map((m) => m[1]);
  return specs.map((spec) => relative(root, normalize(join(root, dirname(file), spec))).replace(/\.js$/, ".ts"));
}

/** Every tracked or new `.ts` file outside generated output and codegen fixtures, with what it imports. */
export function importGraph(root: string): Map<string, string[]> {
  const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "*.ts"], { cwd: root, encoding: "utf8" })
    .split("\n")
    .filter((f) => f && !f.startsWith("node_modules/") && !f.startsWith("codegen/testdata/"));
  return new Map(files.map((f) => [f, importsOf(root, f)] as const));
}

/** Import circles among the files of `graph`, each as `a → b → a`. */
export function circles(graph: Map<string, string[]>): string[] {
  const state = new Map<string, "active" | "done">();
  const found: string[] = [];
  const visit = (file: string, path: string[]) => {
    if (state.get(file) === "done") return;
    if (state.get(file) === "active") {
      found.push([...path.slice(path.indexOf(file)), file].join(" → "));
      return;
    }
    state.set(file, "active");
    for (const target of graph.get(file) ?? []) if (graph.has(target)) visit(target, [...path, file]);
    state.set(file, "done");
  };
  for (const file of graph.keys()) visit(file, []);
  return found;
}

/** Edge counts between top-level folders (tests left out): `runtime → generated: 40`. */
export function folderEdges(graph: Map<string, string[]>): Map<string, number> {
  const edges = new Map<string, number>();
  for (const [file, targets] of graph) {
    if (file.endsWith(".test.ts")) continue;
    for (const target of targets) {
      const [from, to] = [file.split("/")[0], target.split("/")[0]];
      if (from !== to) edges.set(`${from} → ${to}`, (edges.get(`${from} → ${to}`) ?? 0) + 1);
    }
  }
  return new Map([...edges].sort(([a], [b]) => (a < b ? -1 : 1)));
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const root = resolve(process.argv[2] ?? join(import.meta.dirname, ".."));
  const graph = importGraph(root);
  const sizes = [...graph.keys()]
    .filter((f) => !f.endsWith(".test.ts") && !f.startsWith("generated/"))
    .map((f) => readFileSync(join(root, f), "utf8").split("\n").length)
    .sort((a, b) => a - b);
  console.log(`${graph.size} files; hand-written non-test files: ${sizes.length}, lines median ${sizes[Math.floor(sizes.length / 2)]}, max ${sizes.at(-1)}`);
  console.log("folder edges (non-test imports):");
  for (const [edge, count] of folderEdges(graph)) console.log(`  ${edge}: ${count}`);
  const found = circles(graph);
  console.log(found.length ? `import circles (${found.length}):\n${found.map((c) => `  ${c}`).join("\n")}` : "import circles: none");
}
