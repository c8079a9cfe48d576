import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CommandBackend } from "./command.js";
import type { BackendChunk, BackendError } from "./types.js";

const dir = mkdtempSync(join(tmpdir(), "tidegate-cmd-"));
function script(name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

async function run(backend: CommandBackend, prompt = "hello world", signal = new AbortController().signal) {
  const chunks: BackendChunk[] = [];
  try {
    for await (const c of backend.stream({ model: "default", messages: [{ role: "user", content: prompt }], signal })) chunks.push(c);
  } catch (error) {
    return { chunks, error: error as BackendError, text: "" };
  }
  return { chunks, text: chunks.map((c) => (c.type === "text" ? c.delta : "")).join("") };
}

describe("command backend", () => {
  it("passes the prompt on stdin and streams stdout", async () => {
    const cat = script("upper.sh", 'printf "you said: "; tr a-z A-Z');
    const { text, chunks, error } = await run(new CommandBackend({ provider: "cli", command: cat }));
    expect(error).toBeUndefined();
    expect(text).toBe("you said: HELLO WORLD");
    expect(chunks.at(-1)).toEqual({ type: "done", finishReason: "stop" });
  });

  it("passes the prompt as an argument", async () => {
    const echo = script("echo.sh", 'printf "%s|%s" "$1" "$2"');
    const { text } = await run(new CommandBackend({ provider: "cli", command: echo, args: ["--prompt", "{prompt}"], input: "argument" }), "a b; rm -rf /");
    expect(text).toBe("--prompt|a b; rm -rf /");
  });

  it("streams output as it comes", async () => {
    const slow = script("slow.sh", "printf one; sleep 0.2; printf two");
    const { chunks } = await run(new CommandBackend({ provider: "cli", command: slow }));
    expect(chunks.filter((c) => c.type === "text").map((c) => (c as { delta: string }).delta)).toEqual(["one", "two"]);
  });

  it("fails with the end of stderr on a non-zero exit", async () => {
    const bad = script("bad.sh", 'echo partial; echo "no credits left" >&2; exit 3');
    const { error } = await run(new CommandBackend({ provider: "cli", command: bad }));
    expect(error?.kind).toBe("failed");
    expect(error?.message).toMatch(/exited with 3: no credits left/);
  });

  it("names the setting when the program does not exist", async () => {
    const { error } = await run(new CommandBackend({ provider: "cli", command: join(dir, "missing") }));
    expect(error?.kind).toBe("config");
    expect(error?.message).toMatch(/ENOENT.*models\.providers\.cli\.command/);
  });

  it("kills the program on abort and on a stall", async () => {
    const forever = script("forever.sh", "printf start; exec sleep 30");
    const controller = new AbortController();
    const backend = new CommandBackend({ provider: "cli", command: forever });
    const started = run(backend, "x", controller.signal);
    setTimeout(() => controller.abort(), 100);
    expect((await started).error?.kind).toBe("aborted");
    const stalled = await run(new CommandBackend({ provider: "cli", command: forever, timeoutMs: 150 }));
    expect(stalled.error?.kind).toBe("timeout");
  });
});
