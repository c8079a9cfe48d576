/**
 * Test support: run a process and collect its output without blocking the test worker.
 *
 * Tests never use spawnSync/execSync (biome.jsonc forbids them in tests): a vitest worker whose
 * event loop is blocked for 60 s misses the answer to its own `onTaskUpdate` RPC, and the run
 * fails with `Timeout calling "onTaskUpdate"` although every test passed; on a busy machine a few
 * seconds of blocking work per test is enough to get there.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "./gateway-process.js";

/** `node <TSX_CLI> file.ts` runs TypeScript in a child process, as `npx tsx` does, without npx. */
export const TSX_CLI = join(REPO_ROOT, "node_modules/tsx/dist/cli.mjs");

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout then stderr. */
  out: string;
}

export interface RunOptions {
  cwd?: string;
  /** Added to this process's environment. */
  env?: Record<string, string>;
  /** Stop the process with `killSignal` after this long (default 10 min: a hung child fails its test instead of hanging the run; a slow one on a busy machine still finishes). */
  timeoutMs?: number;
  killSignal?: NodeJS.Signals;
  /** Stop the process with `killSignal` as soon as its output matches (for servers that run until stopped). */
  until?: RegExp;
}

export function runProcess(command: string, args: string[], options: RunOptions = {}): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ["ignore", "pipe", "pipe"] });
    const killSignal = options.killSignal ?? "SIGTERM";
    let stdout = "";
    let stderr = "";
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      child.kill(killSignal);
    };
    const timer = setTimeout(stop, options.timeoutMs ?? 600_000);
    const onData = () => {
      if (options.until?.test(stdout + stderr)) stop();
    };
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
      onData();
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
      onData();
    });
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, out: stdout + stderr });
    });
  });
}
