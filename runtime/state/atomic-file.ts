/**
 * Durable files: the ONE atomic-write helper of the project. Text goes to a
 * unique temp file (mode 0600 unless told otherwise), is fsynced, the previous
 * version becomes `<file>.bak` (a hard link, so the backup itself is atomic),
 * the temp file is renamed over the target and the directory is fsynced. A
 * kill at any point leaves the old or the new file, never a mixture or zero
 * bytes. `writeFileAtomic` is synchronous (small stores written at start-up);
 * `writeFileAtomicAsync` does the same without blocking the event loop.
 */
import { randomBytes } from "node:crypto";
import { closeSync, copyFileSync, fchmodSync, fsyncSync, linkSync, mkdirSync, openSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { copyFile, link, mkdir, open, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { readTextIfExists } from "../../common/read-text.js";

export interface AtomicWriteOptions {
  /** File mode of the new file (default 0600). */
  mode?: number;
  /** Keep the previous version as `<file>.bak` (default true). */
  backup?: boolean;
}

const tempName = (path: string) => join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);

function fsyncDir(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, "r");
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // some file systems refuse fsync on directories; the rename is still atomic
  } finally {
    closeSync(fd);
  }
}

function backupSync(path: string): void {
  const bak = `${path}.bak`;
  const staging = tempName(bak);
  try {
    linkSync(path, staging);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return;
    copyFileSync(path, staging);
  }
  renameSync(staging, bak);
}

const writeObservers = new Set<(path: string, ms: number) => void>();

/** Be told of every atomic write (path, milliseconds taken): store write latency for metrics. Returns the unsubscribe. */
export function observeWrites(observer: (path: string, ms: number) => void): () => void {
  writeObservers.add(observer);
  return () => writeObservers.delete(observer);
}

/** Tell the observers how long a write to `path` took. */
function observed(path: string, started: number): void {
  if (started) for (const observer of writeObservers) observer(path, performance.now() - started);
}

/** Write `text` to `path` atomically (mode 0600 by default), keeping one `.bak`. */
export function writeFileAtomic(path: string, text: string | Uint8Array, mode: number | AtomicWriteOptions = 0o600): void {
  const started = writeObservers.size ? performance.now() : 0;
  writeAtomically(path, text, typeof mode === "number" ? { mode } : mode);
  observed(path, started);
}

function writeAtomically(path: string, text: string | Uint8Array, options: AtomicWriteOptions): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temp = tempName(path);
  const fd = openSync(temp, "wx", options.mode ?? 0o600);
  try {
    fchmodSync(fd, options.mode ?? 0o600);
    writeFileSync(fd, text);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      /* already gone */
    }
    throw error;
  }
  closeSync(fd);
  if (options.backup !== false) backupSync(path);
  renameSync(temp, path);
  fsyncDir(dir);
}

async function fsyncDirAsync(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, "r");
  } catch {
    return;
  }
  try {
    await handle.sync();
  } catch {
    // see fsyncDir
  } finally {
    await handle.close();
  }
}

/** `writeFileAtomic` without blocking the event loop. Serialize writers of one file with `FileLocks`. */
export async function writeFileAtomicAsync(path: string, text: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const started = writeObservers.size ? performance.now() : 0;
  await writeAtomicallyAsync(path, text, options);
  observed(path, started);
}

async function writeAtomicallyAsync(path: string, text: string | Uint8Array, options: AtomicWriteOptions): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const temp = tempName(path);
  const handle = await open(temp, "wx", options.mode ?? 0o600);
  try {
    await handle.chmod(options.mode ?? 0o600);
    await handle.writeFile(text);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  if (options.backup !== false) {
    const bak = `${path}.bak`;
    const staging = tempName(bak);
    let staged = true;
    try {
      await link(path, staging);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") staged = false;
      else await copyFile(path, staging);
    }
    if (staged) await rename(staging, bak);
  }
  await rename(temp, path);
  await fsyncDirAsync(dir);
}

export class CorruptStoreError extends Error {
  constructor(
    readonly path: string,
    detail: string,
  ) {
    super(`${path} is not valid JSON (${detail}); it was left untouched — fix it or restore ${path}.bak`);
    this.name = "CorruptStoreError";
  }
}

/** Read a JSON store; `undefined` when absent. A file that does not parse throws and is never replaced. */
export function readJsonFile<T>(path: string): T | undefined {
  const text = readTextIfExists(path);
  if (text === undefined) return undefined;
  try {
    if (text.trim() === "") throw new Error("the file is empty");
    return JSON.parse(text) as T;
  } catch (error) {
    throw new CorruptStoreError(path, (error as Error).message);
  }
}
