/**
 * One queue per file: every read-modify-write of a file runs through
 * `FileLocks.run(path, fn)`, so two writers in this process never interleave
 * and never lose each other's update. The gateway owns its state directory;
 * the CLI edits files directly only when no gateway runs.
 */
import { resolve } from "node:path";

export class FileLocks {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Run `fn` after every earlier `run` on the same path has settled. */
  run<T>(path: string, fn: () => T | Promise<T>): Promise<T> {
    const key = resolve(path);
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(fn, fn);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }

  /** Paths with work queued or running (for tests and diagnostics). */
  get busy(): number {
    return this.tails.size;
  }
}

/** The process-wide lock table. */
export const fileLocks = new FileLocks();
