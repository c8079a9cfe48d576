/** Reading the committed lock, and the gate applied to a run's files (the only disk access of the lock module). */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { GeneratedFile } from "../emit/generated-file.js";
import type { ProtocolModel } from "../model.js";
import { judge, reportLines, type Verdict } from "./gate.js";
import { LOCK_PATH, type ProtocolLock } from "./surface.js";

export interface LockGate extends Verdict {
  lines: string[];
  /** The files to write: the lock keeps its committed contents while a breaking change blocks. */
  files: GeneratedFile[];
}

export async function committedLock(root: string): Promise<{ text: string; lock: ProtocolLock } | undefined> {
  const path = join(root, LOCK_PATH);
  if (!existsSync(path)) return undefined;
  const text = await readFile(path, "utf8");
  return { text, lock: JSON.parse(text) as ProtocolLock };
}

/** Judge `files` (which include the new lock) against the lock committed under `root`. */
export async function lockGate(root: string, model: ProtocolModel, files: readonly GeneratedFile[]): Promise<LockGate> {
  const committed = await committedLock(root);
  const current = JSON.parse(files.find((f) => f.path === LOCK_PATH)!.contents) as ProtocolLock;
  const verdict = judge(committed?.lock, current, model.acknowledgedBreakingChanges);
  const keep = verdict.blocking.length > 0 && committed !== undefined;
  return {
    ...verdict,
    lines: reportLines(verdict, model.acknowledgedBreakingChanges),
    files: files.map((f) => (keep && f.path === LOCK_PATH ? { ...f, contents: committed.text } : f)),
  };
}
