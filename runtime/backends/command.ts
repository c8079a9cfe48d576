/**
 * A command backend for CLI-based agents: runs a configured program with the
 * prompt on stdin (closed after writing) or in an argument (`{prompt}` in
 * `args`), and streams its stdout as the reply. A non-zero exit fails the run
 * with the end of stderr; an abort or a stall kills the process (TERM, then
 * KILL after a grace period). The program never runs through a shell.
 */
import { spawn } from "node:child_process";
import { type BackendChunk, BackendError, type BackendRequest, type ModelBackend } from "./types.js";

export interface CommandBackendOptions {
  provider: string;
  command: string;
  args?: string[];
  input?: "stdin" | "argument";
  /** Kill after this long without output (default 120000 ms). */
  timeoutMs?: number;
  cwd?: string;
  env?: Record<string, string>;
  /** Between TERM and KILL (default 2000 ms). */
  killGraceMs?: number;
}

const STDERR_KEEP = 4096;

/** The text the program gets: the last user message. */
export function promptOf(request: BackendRequest): string {
  for (let i = request.messages.length - 1; i >= 0; i--) if (request.messages[i].role === "user") return request.messages[i].content;
  return "";
}

export class CommandBackend implements ModelBackend {
  readonly provider: string;

  constructor(private readonly options: CommandBackendOptions) {
    this.provider = options.provider;
  }

  async *stream(request: BackendRequest): AsyncGenerator<BackendChunk> {
    const { signal } = request;
    if (signal.aborted) throw new BackendError("aborted", "aborted");
    const prompt = promptOf(request);
    const viaArgument = this.options.input === "argument";
    const template = this.options.args ?? [];
    const args = viaArgument ? (template.some((a) => a.includes("{prompt}")) ? template.map((a) => a.replaceAll("{prompt}", prompt)) : [...template, prompt]) : template;
    const child = spawn(this.options.command, args, {
      cwd: this.options.cwd,
      env: { ...process.env, ...this.options.env, TIDEGATE_MODEL: request.model },
      stdio: [viaArgument ? "ignore" : "pipe", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr!.setEncoding("utf8");
    child.stderr!.on("data", (text: string) => (stderr = (stderr + text).slice(-STDERR_KEEP)));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>((resolve) => {
      child.once("error", (error) => resolve({ code: null, signal: null, error }));
      child.once("close", (code, sig) => resolve({ code, signal: sig }));
    });
    if (!viaArgument) {
      child.stdin!.on("error", () => {}); // a program that does not read its stdin
      child.stdin!.end(prompt);
    }
    let reason: "aborted" | "timeout" | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    const kill = (why: "aborted" | "timeout") => {
      reason ??= why;
      child.kill("SIGTERM");
      killTimer = setTimeout(() => child.kill("SIGKILL"), this.options.killGraceMs ?? 2000);
      killTimer.unref();
    };
    const timeoutMs = this.options.timeoutMs ?? 120_000;
    let idle = setTimeout(() => kill("timeout"), timeoutMs);
    const onAbort = () => kill("aborted");
    signal.addEventListener("abort", onAbort, { once: true });
    const decoder = new TextDecoder();
    try {
      for await (const chunk of child.stdout!) {
        clearTimeout(idle);
        idle = setTimeout(() => kill("timeout"), timeoutMs);
        const text = decoder.decode(chunk as Buffer, { stream: true });
        if (text) yield { type: "text", delta: text };
      }
      const rest = decoder.decode();
      if (rest) yield { type: "text", delta: rest };
      const exit = await exited;
      if (reason === "aborted") throw new BackendError("aborted", "aborted");
      if (reason === "timeout") throw new BackendError("timeout", `${this.options.command} produced no output for ${timeoutMs} ms`);
      if (exit.error) {
        const code = (exit.error as NodeJS.ErrnoException).code;
        throw new BackendError("config", `cannot run ${this.options.command} (${code ?? exit.error.message}); check models.providers.${this.provider}.command`);
      }
      if (exit.code !== 0) {
        const tail = stderr.trim().split("\n").slice(-3).join(" | ");
        throw new BackendError("failed", `${this.options.command} exited with ${exit.code ?? exit.signal}${tail ? `: ${tail}` : ""}`);
      }
      yield { type: "done", finishReason: "stop" };
    } finally {
      clearTimeout(idle);
      signal.removeEventListener("abort", onAbort);
      if (child.exitCode === null && child.signalCode === null) kill(reason ?? "aborted");
      await exited;
      clearTimeout(killTimer);
    }
  }
}
