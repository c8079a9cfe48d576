/**
 * The commands a headless node serves: `system.which` resolves binaries on
 * PATH; `system.run` runs one argv with cwd, env and a timeout, but only when
 * its gate lets the binary run (the node's exec policy, approvals.ts).
 */
import { spawn } from "node:child_process";
import { accessSync, constants, existsSync, readFileSync, statSync } from "node:fs";
import { basename, delimiter, isAbsolute, join } from "node:path";
import { NODE_COMMANDS as COMMAND_TABLE } from "../../generated/ts/registry.js";
import type { SystemRunParams, SystemRunResult, SystemWhichParams, SystemWhichResult } from "../../generated/ts/types.js";
import { validate } from "../../generated/ts/validators.js";

/** The commands this node serves: every node command the registry declares. */
export const NODE_COMMANDS = Object.keys(COMMAND_TABLE) as (keyof typeof COMMAND_TABLE)[];
const MAX_OUTPUT = 1024 * 1024;
const DEFAULT_RUN_TIMEOUT_MS = 30_000;

/** A command's failure, sent back as `node.invoke.result` with `ok: false`. */
export class CommandError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Absolute path of an executable named `name` on `PATH`, or null. */
export function which(name: string, pathEnv = process.env.PATH ?? ""): string | null {
  const candidates = name.includes("/")
    ? [name]
    : pathEnv
        .split(delimiter)
        .filter(Boolean)
        .map((dir) => join(dir, name));
  for (const candidate of candidates) {
    try {
      if (statSync(candidate).isFile()) {
        accessSync(candidate, constants.X_OK);
        return candidate;
      }
    } catch {
      // not here
    }
  }
  return null;
}

/** The binaries `system.run` may start: names or absolute paths. */
export class Allowlist {
  constructor(readonly entries: readonly string[]) {}

  /** `<state>/node-allowlist.json` (`{ "allow": ["git", "/usr/bin/echo"] }`) plus extra entries. */
  static load(path: string, extra: readonly string[] = []): Allowlist {
    const stored = existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as { allow?: unknown }).allow : [];
    if (!Array.isArray(stored) || !stored.every((e) => typeof e === "string")) throw new Error(`${path}: "allow" must be a list of strings`);
    return new Allowlist([...stored, ...extra]);
  }

  permits(resolvedPath: string): boolean {
    return this.entries.some((entry) => (isAbsolute(entry) ? entry === resolvedPath : entry === basename(resolvedPath)));
  }
}

/** Params of `command` checked against the registry's schema, or a `CommandError` naming the problem. */
function checked<T>(command: string, type: "SystemRunParams" | "SystemWhichParams", params: unknown): T {
  const result = validate(type, params ?? {});
  if (!result.ok) throw new CommandError("INVALID_PARAMS", `invalid ${command} params: ${result.message}`);
  return result.value as T;
}

/** Decides whether a resolved binary may run; throws a CommandError when not. */
export type RunGate = (resolvedPath: string, params: SystemRunParams) => Promise<void>;

export async function runCommand(params: unknown, gate: RunGate): Promise<SystemRunResult> {
  const parsed = checked<SystemRunParams>("system.run", "SystemRunParams", params);
  const { argv, cwd, env, timeoutMs = DEFAULT_RUN_TIMEOUT_MS } = parsed;
  const resolved = which(argv[0], env?.PATH ?? process.env.PATH);
  if (!resolved) throw new CommandError("NOT_FOUND", `${argv[0]}: not found on PATH`);
  await gate(resolved, parsed);
  return new Promise((resolve, reject) => {
    const child = spawn(resolved, argv.slice(1), { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.on("data", (d) => (stdout = (stdout + d).slice(0, MAX_OUTPUT)));
    child.stderr.on("data", (d) => (stderr = (stderr + d).slice(0, MAX_OUTPUT)));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(new CommandError("SPAWN_FAILED", error.message));
    });
    child.on("close", (exitCode, signal) => {
      clearTimeout(timer);
      resolve({ exitCode, signal, stdout, stderr, timedOut });
    });
  });
}

export function whichCommand(params: unknown): SystemWhichResult {
  const { bins } = checked<SystemWhichParams>("system.which", "SystemWhichParams", params);
  return { bins: Object.fromEntries(bins.map((b) => [b, which(b)])) };
}
