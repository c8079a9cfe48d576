#!/usr/bin/env node
/**
 * The one definition of the `dist/tidegate.js` bundle that `bin/tidegate.js` runs. Used by
 * `make build` and by vitest's global setup (testing/global-setup.ts), so a bare `npx vitest run`
 * never tests a stale bundle.
 *
 *   node scripts/build.mjs           build when an input of the last build is newer than the bundle
 *   node scripts/build.mjs --force   build anyway
 *
 * The inputs are the local files of the last build (esbuild's metafile, kept beside the bundle),
 * this script and pnpm-lock.yaml.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const BUNDLE = join(ROOT, "dist/tidegate.js");
const METAFILE = join(ROOT, "dist/tidegate.meta.json");

/** @type {import("esbuild").BuildOptions} */
const OPTIONS = {
  absWorkingDir: ROOT,
  entryPoints: ["cli/main.ts"],
  outfile: "dist/tidegate.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  logLevel: "warning",
};

/** Why the bundle must be rebuilt, or undefined when it is current. */
function staleReason() {
  if (!existsSync(BUNDLE) || !existsSync(METAFILE)) return "not built yet";
  const builtAt = statSync(BUNDLE).mtimeMs;
  let inputs;
  try {
    inputs = Object.keys(JSON.parse(readFileSync(METAFILE, "utf8")).inputs);
  } catch {
    return "unreadable metafile";
  }
  for (const input of [...inputs, relative(ROOT, fileURLToPath(import.meta.url)), "pnpm-lock.yaml"]) {
    const path = join(ROOT, input);
    if (!existsSync(path)) return `${input} is gone`;
    if (statSync(path).mtimeMs > builtAt) return `${input} changed`;
  }
  return undefined;
}

function writeAtomic(path, contents) {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, contents);
  renameSync(temp, path);
}

/** Build when stale (or always with force); returns what happened, for a log line. */
export async function build({ force = false } = {}) {
  const reason = force ? "forced" : staleReason();
  if (!reason) return undefined;
  const started = Date.now();
  const result = await esbuild.build({ ...OPTIONS, write: false, metafile: true });
  mkdirSync(dirname(BUNDLE), { recursive: true });
  writeAtomic(METAFILE, JSON.stringify(result.metafile));
  writeAtomic(BUNDLE, result.outputFiles[0].contents);
  // Stamp the bundle with the time the build started: a source saved during the build stays newer.
  utimesSync(BUNDLE, started / 1000, started / 1000);
  return `build: dist/tidegate.js (${reason}) in ${Date.now() - started} ms`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const line = await build({ force: process.argv.includes("--force") });
  if (line) console.log(line);
}
