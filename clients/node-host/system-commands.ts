/**
 * The commands a headless node serves: `system.which` resolves binaries on
 * PATH; `system.run` runs one argv with cwd, env and a timeout, but only when
 * the node's local allowlist permits the binary.
 */
import { spawn } from "node:child_process";
import { accessSync, constants, existsSync, readFileSync, statSync } from "node:fs";
import { basename, delimiter, isAbsolute, join } from "node:path";

export const NODE_COMMANDS = ["system.which", "system.run"] as const;
const MAX_OUTPUT = 1024 * 1024;
const DEFAULT_RUN_TIMEOUT_MS = 30_000;

/** A command's failure, sent back as `node.invoke.result` with `ok: false`. */
export class CommandError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

/** Absolute path of an executable named `name` on `PATH`, or null. */
export function which(name: string, pathEnv = process.env.PATH ?? ""): string | null {
  const candidates = name.includes("/") ? [name] : pathEnv.split(delimiter).filter(Boolean).map((dir) => join(dir, name));
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

interface RunParams {
  argv: string[];
  cwd?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}

function parseRunParams(params: unknown): RunParams {
  const p = params as Partial<RunParams> | undefined;
  if (!p || !Array.isArray(p.argv) || p.argv.length === 0 || !p.argv.every((a) => typeof a === "string")) {
    throw new CommandError("INVALID_PARAMS", "system.run needs params.argv: a non-empty list of strings");
  }
  if (p.env !== undefined && (typeof p.env !== "object" || Object.values(p.env).some((v) => typeof v !== "string"))) throw new CommandError("INVALID_PARAMS", "params.env must map names to strings");
  return p as RunParams;
}

export async function runCommand(params: unknown, allowlist: Allowlist): Promise<{ exitCode: number | null; signal: string | null; stdout: string; stderr: string; timedOut: boolean }> {
  const { argv, cwd, env, timeoutMs = DEFAULT_RUN_TIMEOUT_MS } = parseRunParams(params);
  const resolved = which(argv[0], env?.PATH ?? process.env.PATH);
  if (!resolved) throw new CommandError("NOT_FOUND", `${argv[0]}: not found on PATH`);
  if (!allowlist.permits(resolved)) throw new CommandError("NOT_ALLOWED", `${resolved} is not in this node's allowlist; add it to node-allowlist.json or pass --allow ${basename(resolved)}`);
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

export function whichCommand(params: unknown): { bins: Record<string, string | null> } {
  const bins = (params as { bins?: unknown } | undefined)?.bins;
  if (!Array.isArray(bins) || !bins.every((b) => typeof b === "string")) throw new CommandError("INVALID_PARAMS", "system.which needs params.bins: a list of names");
  return { bins: Object.fromEntries(bins.map((b) => [b, which(b)])) };
}
