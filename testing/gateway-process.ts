/** Test support: the real gateway process on a free loopback port with its own state directory. */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const REPO_ROOT = resolve(import.meta.dirname, "..");
export const TIDEGATE_BIN = join(REPO_ROOT, "bin/tidegate.js");

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

export interface GatewayProcess {
  /** The URL the gateway printed (`wss://` when it serves TLS). */
  url: string;
  port: number;
  token: string;
  stateDir: string;
  child: ChildProcess;
  output(): string;
  /** Stop with a signal and wait for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Stop (if running) and remove the state directory. */
  dispose(): Promise<void>;
}

export interface StartOptions {
  /** A fixed port (to restart on the same one); a free one when absent. */
  port?: number;
  token?: string;
  stateDir?: string;
  config?: unknown;
  args?: string[];
  env?: Record<string, string>;
}

/** Start `tidegate gateway run` and wait until it listens. */
export async function startGateway(options: StartOptions = {}): Promise<GatewayProcess> {
  const port = options.port ?? (await freePort());
  const stateDir = options.stateDir ?? mkdtempSync(join(tmpdir(), "tidegate-e2e-"));
  const token = options.token ?? "test-token-" + port;
  if (options.config !== undefined) writeFileSync(join(stateDir, "tidegate.json"), JSON.stringify(options.config));
  const child = spawn(process.execPath, [TIDEGATE_BIN, "gateway", "run", "--port", String(port), "--token", token, ...(options.args ?? [])], {
    env: { ...process.env, TIDEGATE_STATE_DIR: stateDir, TIDEGATE_CONFIG_PATH: "", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  await new Promise<void>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`gateway did not start:\n${output}`)), 30_000);
    const check = () => {
      if (output.includes("listening on")) {
        clearTimeout(timer);
        done();
      }
    };
    child.stdout!.on("data", check);
    child.stderr!.on("data", check);
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`gateway exited with ${code}:\n${output}`));
    });
  });
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const stop = async (signal: NodeJS.Signals = "SIGTERM") => {
    if (exitCode !== undefined) return exitCode;
    child.kill(signal);
    return exited;
  };
  const printed = /listening on (wss?:\/\/\S+)/.exec(output)?.[1];
  return {
    url: printed ?? `ws://127.0.0.1:${port}`,
    port,
    token,
    stateDir,
    child,
    output: () => output,
    stop,
    dispose: async () => {
      await stop("SIGKILL");
      if (!options.stateDir) rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
