/**
 * Codegen section: full `protocol:gen` and `protocol:check` as whole
 * processes (cold: a fresh process each run), generation repeated inside one
 * process (warm), and the bare cost of starting a `tsx` process as the
 * same-run baseline.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { generateFiles } from "../codegen/generate.js";
import { ROOT } from "./processes.js";
import { type Figure, figure } from "./stats.js";

/** What `npm run protocol:gen` runs: the tsx command, a process of its own. */
const TSX = join(ROOT, "node_modules/tsx/dist/cli.mjs");

function timeProcess(args: string[]): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, [TSX, ...args], { cwd: ROOT, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${args.join(" ")} failed: ${result.stderr}`);
  return performance.now() - started;
}

export interface CodegenFigures {
  tsx_startup_ms: Figure;
  gen_cold_ms: Figure;
  check_cold_ms: Figure;
  gen_warm_ms: Figure;
}

export async function benchCodegen(runs: number): Promise<CodegenFigures> {
  const repeat = (f: () => number) => figure(Array.from({ length: runs }, f));
  const tsx_startup_ms = repeat(() => timeProcess(["-e", "0"]));
  const gen_cold_ms = repeat(() => timeProcess(["codegen/cli.ts", "gen"]));
  const check_cold_ms = repeat(() => timeProcess(["codegen/cli.ts", "check"]));
  const warm: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const started = performance.now();
    await generateFiles();
    if (i > 0) warm.push(performance.now() - started); // the first in-process run pays module loading
  }
  return { tsx_startup_ms, gen_cold_ms, check_cold_ms, gen_warm_ms: figure(warm) };
}
