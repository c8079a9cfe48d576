/**
 * The log directory: `gateway.log` (the current JSONL file) and rotated files
 * `gateway.<start>.log`, where `<start>` is the position of the file's first
 * byte in the whole log stream. Positions (cursors) therefore keep their
 * meaning across rotation: position = start of a file + offset in it.
 */
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";

export const CURRENT = "gateway.log";
const ROTATED = /^gateway\.(\d+)\.log$/;

export interface LogFile {
  path: string;
  start: number;
  size: number;
}

/** Rotated files (oldest first) then the current one, with their stream positions. */
export function listLogFiles(dir: string): LogFile[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const rotated: LogFile[] = [];
  for (const name of names) {
    const m = ROTATED.exec(name);
    if (!m) continue;
    try {
      rotated.push({ path: join(dir, name), start: Number(m[1]), size: statSync(join(dir, name)).size });
    } catch {
      /* rotated away meanwhile */
    }
  }
  rotated.sort((a, b) => a.start - b.start);
  const last = rotated.at(-1);
  const start = last ? last.start + last.size : 0;
  let size = 0;
  try {
    size = statSync(join(dir, CURRENT)).size;
  } catch {
    size = 0;
  }
  return [...rotated, { path: join(dir, CURRENT), start, size }];
}

export interface RotatingFileOptions {
  dir: string;
  maxFileBytes: number;
  /** Rotated files kept besides the current one. */
  maxFiles: number;
}

/** Appends lines to `gateway.log`, rotating by size and keeping the total bounded. */
export class RotatingLogFile {
  private fd?: number;
  private start = 0;
  private size = 0;
  broken = false;

  constructor(private options: RotatingFileOptions) {
    mkdirSync(options.dir, { recursive: true, mode: 0o700 });
    this.open();
  }

  get path(): string {
    return join(this.options.dir, CURRENT);
  }

  configure(options: Partial<Omit<RotatingFileOptions, "dir">>): void {
    this.options = { ...this.options, ...options };
    this.prune();
  }

  private open(): void {
    const files = listLogFiles(this.options.dir);
    const current = files.at(-1)!;
    this.start = current.start;
    this.fd = openSync(this.path, "a", 0o600);
    this.size = fstatSync(this.fd).size;
  }

  /** Append one line (without its newline). */
  write(line: string): void {
    if (this.fd === undefined) return;
    const bytes = Buffer.from(line + "\n", "utf8");
    if (this.size > 0 && this.size + bytes.length > this.options.maxFileBytes) this.rotate();
    try {
      writeSync(this.fd, bytes);
      this.size += bytes.length;
    } catch {
      this.broken = true;
    }
  }

  private rotate(): void {
    closeSync(this.fd!);
    this.fd = undefined;
    try {
      renameSync(this.path, join(this.options.dir, `gateway.${this.start}.log`));
    } catch {
      /* keep appending to the same file */
    }
    this.prune();
    this.open();
  }

  private prune(): void {
    const rotated = listLogFiles(this.options.dir).slice(0, -1);
    for (const file of rotated.slice(0, Math.max(0, rotated.length - this.options.maxFiles))) {
      try {
        unlinkSync(file.path);
      } catch {
        /* gone */
      }
    }
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/** Read `length` bytes of the stream from `position`, across files. */
export function readStream(files: LogFile[], position: number, length: number): Buffer {
  const chunks: Buffer[] = [];
  let pos = position;
  let left = length;
  for (const file of files) {
    if (left <= 0) break;
    const end = file.start + file.size;
    if (pos >= end || pos < file.start) continue;
    const n = Math.min(left, end - pos);
    const buffer = Buffer.alloc(n);
    let fd: number;
    try {
      fd = openSync(file.path, "r");
    } catch {
      continue;
    }
    try {
      const read = readSync(fd, buffer, 0, n, pos - file.start);
      chunks.push(buffer.subarray(0, read));
      pos += read;
      left -= read;
    } finally {
      closeSync(fd);
    }
  }
  return Buffer.concat(chunks);
}
