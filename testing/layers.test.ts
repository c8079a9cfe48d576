/**
 * The import graph keeps its shape: layers run one way
 * (schema → codegen → generated → common → runtime | clients → cli | testing | ui → bench),
 * runtime and clients never import each other, and no file imports itself
 * back through a circle. Test files are exempt from the layer rule: they read
 * the output of their layer (generated code) and use the support in testing/.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { circles, importGraph } from "./import-graph.js";

const ROOT = join(import.meta.dirname, "..");
const LAYER: Record<string, number> = { schema: 0, codegen: 1, generated: 2, common: 3, runtime: 4, clients: 4, cli: 5, testing: 5, ui: 5, bench: 6 };

const graph = new Map([...importGraph(ROOT)].filter(([file]) => file.split("/")[0] in LAYER));
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
    expect(circles(graph)).toEqual([]);
  });

  it("sees the whole tree (the test is not vacuous)", () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get("runtime/start.ts")).toContain("runtime/core/gateway.ts");
  });
});
