/**
 * `npm run bench`: prints a table of figures (medians of several runs, with
 * min and max); `npm run bench -- --json` prints exactly one JSON document.
 * `--quick` runs each measurement once (the smoke run inside `make test`).
 */
import { benchCodegen } from "./codegen.js";
import { ms, type Figure } from "./stats.js";

const json = process.argv.includes("--json");
const runs = process.argv.includes("--quick") ? 1 : 3;
const progress = (text: string) => {
  if (!json) process.stderr.write(text + "\n");
};

progress(`codegen: ${runs} run(s) each of protocol:gen and protocol:check…`);
const codegen = await benchCodegen(runs);

if (json) {
  console.log(JSON.stringify({ runs, codegen }, null, 2));
} else {
  const row = (name: string, f: Figure, note = "") =>
    `${name.padEnd(34)} ${ms(f.median).padStart(9)} ${ms(f.min).padStart(9)} ${ms(f.max).padStart(9)}  ${note}`;
  console.log(`${"figure".padEnd(34)} ${"median".padStart(9)} ${"min".padStart(9)} ${"max".padStart(9)}`);
  console.log(row("tsx process start (baseline)", codegen.tsx_startup_ms));
  console.log(row("protocol:gen, whole process (cold)", codegen.gen_cold_ms, `target ≤ 5000 ms; ${(codegen.gen_cold_ms.median / codegen.tsx_startup_ms.median).toFixed(1)}× baseline`));
  console.log(row("protocol:check, whole process", codegen.check_cold_ms));
  console.log(row("generation in-process (warm)", codegen.gen_warm_ms));
}
