/**
 * A JSON store owned by this process: loaded once, kept in memory, changed
 * with `update(fn)` and written atomically through the file's queue. Writes
 * are group-committed: changes made while a write is in flight go out
 * together in the next one, and each `update` resolves only once a write
 * containing its change is durable, so an acknowledged change survives a kill.
 *
 * At load a zero-byte or unparsable file is never overwritten: it is moved
 * aside to `<file>.corrupt-<ts>` with a log line, and the store starts from
 * `<file>.bak` when that parses, else empty.
 */
import { readFileSync, renameSync } from "node:fs";
import { readTextIfExists } from "../../common/read-text.js";
import type { Logger } from "../log.js";
import { writeFileAtomicAsync } from "./atomic-file.js";
import { type FileLocks, fileLocks } from "./file-lock.js";

export interface JsonStoreOptions<T> {
  path: string;
  /** A fresh empty value. */
  empty: () => T;
  /** Check (and upgrade) a parsed value; throw to treat the file as corrupt. */
  accept?: (value: unknown) => T;
  log?: Pick<Logger, "warn" | "error">;
  locks?: FileLocks;
  now?: () => number;
  /** JSON indentation (default 2; 0 for compact). */
  indent?: number;
  /** Custom serialization (e.g. incremental for large maps); must produce JSON that `accept` takes back. */
  serialize?: (value: T) => string;
}

export type LoadOutcome = "absent" | "loaded" | "restored-from-backup" | "reset";

function parseStore<T>(text: string, accept: (value: unknown) => T): T {
  if (text.trim() === "") throw new Error("the file is empty");
  return accept(JSON.parse(text));
}

/** Read a store file, moving a corrupt or empty one aside (never overwriting it without a copy). */
export function loadJsonStore<T>(options: JsonStoreOptions<T>): { value: T; outcome: LoadOutcome; movedTo?: string } {
  const { path } = options;
  const accept = options.accept ?? ((v: unknown) => v as T);
  const text = readTextIfExists(path);
  if (text === undefined) return { value: options.empty(), outcome: "absent" };
  try {
    return { value: parseStore(text, accept), outcome: "loaded" };
  } catch (error) {
    const movedTo = `${path}.corrupt-${(options.now ?? Date.now)()}`;
    renameSync(path, movedTo);
    let value: T | undefined;
    try {
      value = parseStore(readFileSync(`${path}.bak`, "utf8"), accept);
    } catch {
      value = undefined;
    }
    const outcome: LoadOutcome = value === undefined ? "reset" : "restored-from-backup";
    options.log?.warn(`store ${path} could not be read (${(error as Error).message}); moved it aside to ${movedTo} and ${value === undefined ? "started empty" : `restored ${path}.bak`}`, {
      file: path,
      movedTo,
    });
    return { value: value ?? options.empty(), outcome, movedTo };
  }
}

export class JsonStore<T> {
  readonly path: string;
  readonly loadOutcome: LoadOutcome;
  private value: T;
  private version = 0;
  private durable = 0;
  private writing = false;
  private waiters: { version: number; done: () => void; fail: (error: unknown) => void }[] = [];
  private readonly locks: FileLocks;
  private readonly indent: number;

  constructor(private readonly options: JsonStoreOptions<T>) {
    this.path = options.path;
    this.locks = options.locks ?? fileLocks;
    this.indent = options.indent ?? 2;
    const loaded = loadJsonStore(options);
    this.value = loaded.value;
    this.loadOutcome = loaded.outcome;
  }

  /** The current value (read-only by convention; change it with `update`). */
  get current(): T {
    return this.value;
  }

  /**
   * Change the value synchronously in `fn` (validate before mutating: a throw
   * must leave the value as it was), then wait until the change is on disk.
   */
  async update<R>(fn: (value: T) => R): Promise<R> {
    const result = fn(this.value);
    await this.commit();
    return result;
  }

  /** Mark the value changed and wait until a write containing it is durable. */
  commit(): Promise<void> {
    const version = ++this.version;
    const promise = new Promise<void>((done, fail) => this.waiters.push({ version, done, fail }));
    this.kick();
    return promise;
  }

  /** Resolves when everything changed so far is on disk. */
  async flush(): Promise<void> {
    if (this.durable >= this.version) return;
    await new Promise<void>((done, fail) => this.waiters.push({ version: this.version, done, fail }));
  }

  private kick(): void {
    if (this.writing) return;
    this.writing = true;
    void this.writeLoop();
  }

  private async writeLoop(): Promise<void> {
    while (this.durable < this.version) {
      const target = this.version;
      const text = this.options.serialize ? this.options.serialize(this.value) : JSON.stringify(this.value, null, this.indent || undefined) + "\n";
      try {
        await this.locks.run(this.path, () => writeFileAtomicAsync(this.path, text));
        this.durable = target;
        this.settle((w) => w.version <= target, undefined);
      } catch (error) {
        this.options.log?.error(`could not write ${this.path}: ${(error as Error).message}`, { file: this.path });
        // Fail the waiters of this round; the in-memory value still holds the change and the next commit retries.
        this.durable = target;
        this.settle((w) => w.version <= target, error);
      }
    }
    this.writing = false;
  }

  private settle(match: (w: { version: number }) => boolean, error: unknown): void {
    const keep: typeof this.waiters = [];
    for (const w of this.waiters) {
      if (!match(w)) keep.push(w);
      else if (error === undefined) w.done();
      else w.fail(error);
    }
    this.waiters = keep;
  }
}
