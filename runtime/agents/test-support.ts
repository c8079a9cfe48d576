/** Test helpers for agent runs: scripted in-memory backends and an event recorder. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AgentEvent, ChatEvent } from "../../generated/ts/types.js";
import { ModelProviders } from "../backends/providers.js";
import { type BackendChunk, BackendError, type BackendRequest, type ModelBackend } from "../backends/types.js";
import { AgentStore } from "./agent-store.js";
import { AgentRuns, type RunSettings } from "./runs.js";
import { FileSessions } from "./session-port.js";

/** Replies "Echo: <message>" in 3-character deltas; models `hold` wait for `release()`, `boom` fails after one delta. */
export class ScriptedBackend implements ModelBackend {
  readonly provider = "test";
  readonly requests: BackendRequest[] = [];
  aborted = 0;
  private gates: (() => void)[] = [];

  release(): void {
    this.gates.shift()?.();
  }

  async *stream(request: BackendRequest): AsyncGenerator<BackendChunk> {
    this.requests.push(request);
    const last = request.messages.at(-1)?.content ?? "";
    const text = `Echo: ${last}`;
    for (let i = 0; i < text.length; i += 3) {
      yield { type: "text", delta: text.slice(i, i + 3) };
      if (i === 0 && request.model === "boom") throw new BackendError("failed", "backend exploded");
      if (i === 0 && request.model === "hold") {
        await new Promise<void>((resolve, reject) => {
          this.gates.push(resolve);
          request.signal.addEventListener("abort", () => (this.aborted++, reject(new BackendError("aborted", "aborted"))), { once: true });
        });
      }
    }
    yield { type: "usage", usage: { input: 10, output: 5, total: 15 } };
    yield { type: "done", finishReason: "stop" };
  }
}

export function runFixture(settings: Partial<RunSettings> = {}, options: { providers?: boolean } = {}) {
  const stateDir = mkdtempSync(join(tmpdir(), "tidegate-agents-"));
  const backend = new ScriptedBackend();
  const providers =
    options.providers === false ? new ModelProviders({}) : new ModelProviders({ providers: { test: { api: "command", command: "/bin/false", models: [{ id: "echo" }] } } }, {}, { test: backend });
  const agents = new AgentStore(stateDir);
  const sessions = new FileSessions(stateDir);
  const events: ({ event: "agent"; payload: AgentEvent } | { event: "chat"; payload: ChatEvent })[] = [];
  const runs = new AgentRuns({
    agents,
    providers,
    sessions,
    emit: { agent: (payload) => events.push({ event: "agent", payload }), chat: (payload) => events.push({ event: "chat", payload }) },
    settings: () => ({ chatDeltaIntervalMs: 0, ...settings }),
  });
  return { stateDir, backend, providers, agents, sessions, events, runs };
}
