/** Processes the bench starts: servers, load generators; and what it reads about them (/proc). */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";

export const ROOT = join(import.meta.dirname, "..");
/** Run a TypeScript file in this very process (tsx as a loader, no wrapper process), so its pid is the one measured. */
export const ts = (file: string, ...args: string[]) => ["--import", "tsx", file, ...args];
export const BIN = join(ROOT, "bin/tidegate.js");

export interface Running {
  child: ChildProcess;
  lines: string[];
  /** Resolves with the next stdout line matching `match`. */
  next(match: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  send(line: string): void;
  stop(): Promise<void>;
}

export function start(command: string, args: string[], env: Record<string, string> = {}): Running {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["pipe", "pipe", "pipe"] });
  const lines: string[] = [];
  const waiters: { match: (l: string) => boolean; resolve: (l: string) => void }[] = [];
  let stderr = "";
  let buffer = "";
  child.stderr!.on("data", (d) => (stderr = (stderr + d).slice(-4000)));
  child.stdout!.on("data", (d) => {
    buffer += d;
    let newline: number;
    while ((newline = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      const waiter = waiters.find((w) => w.match(line));
      if (waiter) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      } else lines.push(line);
    }
  });
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  return {
    child,
    lines,
    next: (match, timeoutMs = 60_000) => {
      const seen = lines.find(match);
      if (seen) {
        lines.splice(lines.indexOf(seen), 1);
        return Promise.resolve(seen);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${command} ${args.join(" ")}: no expected output; stderr: ${stderr}`)), timeoutMs);
        waiters.push({ match, resolve: (l) => (clearTimeout(timer), resolve(l)) });
        void exited.then(() => reject(new Error(`${args.join(" ")} exited; stderr: ${stderr}`)));
      });
    },
    send: (line) => child.stdin!.write(line + "\n"),
    stop: async () => {
      child.stdin!.end();
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Run the load process once and return its first JSON report. */
export async function load(options: Record<string, unknown>): Promise<Record<string, number>> {
  const proc = start(process.execPath, ts("bench/load.ts", JSON.stringify(options)));
  const line = await proc.next((l) => l.startsWith("{"), 120_000);
  await proc.stop();
  return JSON.parse(line);
}

/** Resident set size of a process, in KiB. */
export function rssKiB(pid: number): number {
  const match = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/);
  return match ? Number(match[1]) : NaN;
}

/** Resolve once something accepts TCP connections on the port. */
export function whenListening(port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => (socket.destroy(), resolve()));
      socket.once("error", () => {
        socket.destroy();
        if (performance.now() > deadline) reject(new Error(`nothing listens on ${port}`));
        else setTimeout(attempt, 2);
      });
    };
    attempt();
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
