/**
 * The only place codegen touches the disk: read what is in `generated/`,
 * write what changed, remove orphans, compare for `protocol:check`, and
 * scaffold missing handler stubs.
 */
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { createTwoFilesPatch } from "diff";
import type { GeneratedFile } from "./emit/generated-file.js";

export const GENERATED_DIR = "generated";

/** Build output that may live inside `generated/` without being generated (never compared, never removed). */
const BUILD_OUTPUT = [/^generated\/kotlin\/target\//, /^generated\/swift\/\.build\//, /(^|\/)node_modules\//];

async function listFiles(root: string, dir: string): Promise<string[]> {
  const full = join(root, dir);
  if (!existsSync(full)) return [];
  const entries = await readdir(full, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() || e.isSymbolicLink())
    .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join("/"))
    .filter((path) => !BUILD_OUTPUT.some((pattern) => pattern.test(path)))
    .sort();
}

export interface Drift {
  missing: string[];
  changed: { path: string; diff: string }[];
  orphans: string[];
}

/** Compare expected files with `generated/` on disk, in memory. */
export async function findDrift(root: string, files: readonly GeneratedFile[], withDiffs = true): Promise<Drift> {
  const expected = new Map(files.map((f) => [f.path, f.contents]));
  const onDisk = await listFiles(root, GENERATED_DIR);
  const drift: Drift = { missing: [], changed: [], orphans: onDisk.filter((path) => !expected.has(path)) };
  for (const [path, contents] of expected) {
    const full = join(root, path);
    if (!existsSync(full)) {
      drift.missing.push(path);
      continue;
    }
    const actual = await readFile(full, "utf8");
    if (actual !== contents) {
      // A diff of a large, wholly rewritten file (compiled validators) can take minutes: only `check` wants it.
      drift.changed.push({ path, diff: withDiffs ? createTwoFilesPatch(`a/${path}`, `b/${path}`, actual, contents, "on disk", "from schema/") : "" });
    }
  }
  return drift;
}

export const hasDrift = (drift: Drift) => drift.missing.length + drift.changed.length + drift.orphans.length > 0;

/** Write files whose contents changed and remove orphans; returns what was done. */
export async function writeGenerated(root: string, files: readonly GeneratedFile[]): Promise<{ written: string[]; removed: string[] }> {
  const drift = await findDrift(root, files, false);
  const toWrite = new Set([...drift.missing, ...drift.changed.map((c) => c.path)]);
  for (const file of files) {
    if (!toWrite.has(file.path)) continue;
    const full = join(root, file.path);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, file.contents);
  }
  for (const orphan of drift.orphans) await rm(join(root, orphan));
  return { written: [...toWrite].sort(), removed: drift.orphans };
}
