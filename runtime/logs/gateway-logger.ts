/**
 * The gateway's `Logger`: every entry goes, redacted, to the JSONL file under
 * `<state>/logs/` (rotated by size, bounded in total) and to the terminal
 * (pretty on a TTY, one plain line otherwise, or JSON). Levels of file and
 * terminal are separate and can change while running (`logging.*` is hot).
 */
import type { Logger, LogLevel } from "../log.js";
import { RotatingLogFile } from "./log-files.js";
import { Redactor } from "./redact.js";

export type ConfigLogLevel = LogLevel | "fatal" | "trace";
export type ConsoleStyle = "pretty" | "compact" | "json";

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };
const toLevel = (l: ConfigLogLevel | undefined, fallback: LogLevel): LogLevel => (l === undefined ? fallback : l === "fatal" ? "error" : l === "trace" ? "debug" : l);

export interface GatewayLoggerOptions {
  /** Log directory; no file when absent. */
  dir?: string;
  fileLevel?: ConfigLogLevel;
  consoleLevel?: ConfigLogLevel;
  consoleStyle?: ConsoleStyle;
  maxFileBytes?: number;
  maxFiles?: number;
  redactPatterns?: readonly string[];
  /** Where terminal lines go (default stderr). */
  write?: (line: string) => void;
  isTTY?: boolean;
  now?: () => number;
}

export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;
export const DEFAULT_MAX_FILES = 5;

const COLORS: Record<string, string> = { debug: "\x1b[90m", info: "\x1b[36m", warn: "\x1b[33m", error: "\x1b[31m" };
const RESET = "\x1b[0m";

const fieldText = (fields: Record<string, unknown>) =>
  Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(" ");

/**
 * One JSONL record, in the shape v3 log readers parse (tslog): the message at
 * `"0"`, fields at `"1"`, level and date under `_meta`, plus `time` and `level`.
 */
function record(ts: number, level: string, msg: string, fields: Record<string, unknown> | undefined): string {
  const time = new Date(ts).toISOString();
  const entry: Record<string, unknown> = { time, level, 0: msg };
  if (fields && Object.keys(fields).length) entry[1] = fields;
  entry._meta = { logLevelName: level.toUpperCase(), date: time, name: "tidegate" };
  return JSON.stringify(entry);
}

/** The message and fields of a JSONL record (ours or any tslog-shaped line). */
export function parseRecord(line: string): { time?: string; level?: string; message: string; fields?: Record<string, unknown> } | undefined {
  try {
    const v = JSON.parse(line) as Record<string, unknown>;
    const meta = v._meta as { logLevelName?: string; date?: string } | undefined;
    const parts = Object.keys(v)
      .filter((k) => /^\d+$/.test(k) && k !== "1")
      .map((k) => (typeof v[k] === "string" ? (v[k] as string) : JSON.stringify(v[k])));
    const fields = v[1] && typeof v[1] === "object" ? (v[1] as Record<string, unknown>) : undefined;
    return { time: (v.time as string) ?? meta?.date, level: (v.level as string) ?? meta?.logLevelName?.toLowerCase(), message: parts.join(" "), fields };
  } catch {
    return undefined;
  }
}

export class GatewayLogger implements Logger {
  readonly redactor = new Redactor();
  private file?: RotatingLogFile;
  private fileLevel: LogLevel;
  private consoleLevel: LogLevel;
  private consoleStyle: ConsoleStyle;
  private readonly write: (line: string) => void;
  private readonly now: () => number;

  constructor(options: GatewayLoggerOptions = {}) {
    this.fileLevel = toLevel(options.fileLevel, "info");
    this.consoleLevel = toLevel(options.consoleLevel, "info");
    const tty = options.isTTY ?? Boolean(process.stderr.isTTY);
    this.consoleStyle = options.consoleStyle ?? (tty ? "pretty" : "compact");
    this.write = options.write ?? ((line) => process.stderr.write(line + "\n"));
    this.now = options.now ?? Date.now;
    if (options.redactPatterns) this.redactor.setPatterns(options.redactPatterns);
    if (options.dir) {
      try {
        this.file = new RotatingLogFile({ dir: options.dir, maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, maxFiles: options.maxFiles ?? DEFAULT_MAX_FILES });
      } catch (error) {
        this.write(`log file disabled: ${(error as Error).message}`);
      }
    }
  }

  addSecret(value: string | undefined): void {
    this.redactor.addSecret(value);
  }

  get filePath(): string | undefined {
    return this.file?.path;
  }

  get debugEnabled(): boolean {
    return (this.file !== undefined && this.fileLevel === "debug") || this.consoleLevel === "debug";
  }

  /** Apply `logging.*` from config (hot). */
  configure(options: Pick<GatewayLoggerOptions, "fileLevel" | "consoleLevel" | "consoleStyle" | "maxFileBytes" | "maxFiles" | "redactPatterns">): void {
    if (options.fileLevel) this.fileLevel = toLevel(options.fileLevel, this.fileLevel);
    if (options.consoleLevel) this.consoleLevel = toLevel(options.consoleLevel, this.consoleLevel);
    if (options.consoleStyle) this.consoleStyle = options.consoleStyle;
    if (options.redactPatterns) this.redactor.setPatterns(options.redactPatterns);
    this.file?.configure({ ...(options.maxFileBytes ? { maxFileBytes: options.maxFileBytes } : {}), ...(options.maxFiles ? { maxFiles: options.maxFiles } : {}) });
  }

  private emit(level: Exclude<LogLevel, "silent">, message: string, fields?: Record<string, unknown>): void {
    const toFile = this.file && ORDER[level] >= ORDER[this.fileLevel];
    const toConsole = ORDER[level] >= ORDER[this.consoleLevel];
    if (!toFile && !toConsole) return;
    const msg = this.redactor.text(message);
    const safe = fields ? (this.redactor.value(fields) as Record<string, unknown>) : undefined;
    const ts = this.now();
    let json: string | undefined;
    if (toFile) {
      json = record(ts, level, msg, safe);
      this.file!.write(json);
    }
    if (toConsole) {
      const extra = safe && Object.keys(safe).length ? " " + fieldText(safe) : "";
      if (this.consoleStyle === "json") this.write(json ?? record(ts, level, msg, safe));
      else if (this.consoleStyle === "pretty") {
        const time = new Date(ts).toISOString().slice(11, 23);
        this.write(`\x1b[90m${time}${RESET} ${COLORS[level]}${level.toUpperCase().padEnd(5)}${RESET} ${msg}${extra ? `\x1b[90m${extra}${RESET}` : ""}`);
      } else this.write(`${new Date(ts).toISOString()} ${level.padEnd(5)} ${msg}${extra}`);
    }
  }

  debug(message: string, fields?: Record<string, unknown>): void {
    this.emit("debug", message, fields);
  }
  info(message: string, fields?: Record<string, unknown>): void {
    this.emit("info", message, fields);
  }
  warn(message: string, fields?: Record<string, unknown>): void {
    this.emit("warn", message, fields);
  }
  error(message: string, fields?: Record<string, unknown>): void {
    this.emit("error", message, fields);
  }

  close(): void {
    this.file?.close();
  }
}
