/**
 * Durable JSON files: written to a temp file, fsynced, renamed over the
 * target, directory fsynced; the previous version is kept as `.bak`. A kill
 * at any point leaves the old or the new file, never a mixture or zero bytes.
 */
import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import { dirname, basename, join } from "node:path";

function fsyncDir(dir: string): void {
  const fd = openSync(dir, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

const writeObservers = new Set<(path: string, ms: number) => void>();

/** Be told of every atomic write (path, milliseconds taken): store write latency for metrics. Returns the unsubscribe. */
export function observeWrites(observer: (path: string, ms: number) => void): () => void {
  writeObservers.add(observer);
  return () => writeObservers.delete(observer);
}

/** Write `text` to `path` atomically with the given mode. */
export function writeFileAtomic(path: string, text: string, mode = 0o600): void {
  const started = writeObservers.size ? performance.now() : 0;
  writeAtomically(path, text, mode);
  if (started) for (const observer of writeObservers) observer(path, performance.now() - started);
}

function writeAtomically(path: string, text: string, mode: number): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temp = join(dir, `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  const fd = openSync(temp, "wx", mode);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (existsSync(path)) copyFileSync(path, `${path}.bak`);
  renameSync(temp, path);
  fsyncDir(dir);
}

export class CorruptStoreError extends Error {
  constructor(readonly path: string, detail: string) {
    super(`${path} is not valid JSON (${detail}); it was left untouched — fix it or restore ${path}.bak`);
    this.name = "CorruptStoreError";
  }
}

/** Read a JSON store; `undefined` when absent. A file that does not parse throws and is never replaced. */
export function readJsonFile<T>(path: string): T | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new CorruptStoreError(path, (error as Error).message);
  }
}
