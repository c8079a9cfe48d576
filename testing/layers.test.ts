/**
 * The import graph keeps its shape: layers run one way
 * (schema → codegen → generated → common → runtime | clients → cli | testing → bench),
 * runtime and clients never import each other, and no file imports itself
 * back through a circle. Test files are exempt from the layer rule: they read
 * the output of their layer (generated code) and use the support in testing/.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");
const LAYER: Record<string, number> = { schema: 0, codegen: 1, generated: 2, common: 3, runtime: 4, clients: 4, cli: 5, testing: 5, bench: 6 };

const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "*.ts"], { cwd: ROOT, encoding: "utf8" })
  .split("\n")
  .filter((f) => f && f.split("/")[0] in LAYER && !f.startsWith("codegen/testdata/"));

/** Repo-relative targets of a file's relative imports (static, dynamic and re-exports). */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)].map((m) => m[1]);
  return specs.map((spec) => relative(ROOT, normalize(join(ROOT, dirname(file), spec))).replace(/\.js$/, ".ts"));
}

const graph = new Map(files.map((f) => [f, importsOf(f)] as const));
const top = (file: string) => file.split("/")[0];
const isTest = (file: string) => file.endsWith(".test.ts");

describe("import graph", () => {
  it("runs one way: no file imports a layer above its own, and runtime and clients stay apart", () => {
    const offenders: string[] = [];
    for (const [file, targets] of graph) {
      if (isTest(file)) continue; // tests read their layer's outputs and the test support
      for (const target of targets) {
        const [from, to] = [top(file), top(target)];
        if (!(to in LAYER)) continue;
        const upward = LAYER[to] > LAYER[from];
        const sideways = from !== to && LAYER[to] === LAYER[from];
        if (upward || sideways) offenders.push(`${file} → ${target}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it("has no import circle", () => {
    const state = new Map<string, "active" | "done">();
    const circles: string[] = [];
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === "done") return;
      if (state.get(file) === "active") {
        circles.push([...path.slice(path.indexOf(file)), file].join(" → "));
        return;
      }
      state.set(file, "active");
      for (const target of graph.get(file) ?? []) if (graph.has(target)) visit(target, [...path, file]);
      state.set(file, "done");
    };
    for (const file of graph.keys()) visit(file, []);
    expect(circles).toEqual([]);
  });

  it("sees the whole tree (the test is not vacuous)", () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get("runtime/start.ts")).toContain("runtime/core/gateway.ts");
  });
});
