/** A small leveled logger writing one line per entry to stderr; disabled levels cost one branch. */
export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  readonly debugEnabled: boolean;
  /** Mask this secret value in every line from now on (loggers that write files implement it). */
  addSecret?(value: string | undefined): void;
}

const noop = () => {};

export function createLogger(level: LogLevel, write: (line: string) => void = (line) => process.stderr.write(line + "\n")): Logger {
  const at = (name: LogLevel) =>
    ORDER[name] < ORDER[level]
      ? noop
      : (message: string, fields?: Record<string, unknown>) => {
          const extra = fields
            ? " " +
              Object.entries(fields)
                .filter(([, v]) => v !== undefined)
                .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
                .join(" ")
            : "";
          write(`${new Date().toISOString()} ${name.padEnd(5)} ${message}${extra}`);
        };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error"), debugEnabled: ORDER.debug >= ORDER[level] };
}
