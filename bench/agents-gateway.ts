/**
 * The gateway, started through the composition root, with an instant model
 * backend: model `bench/d<N>` answers N one-character deltas with no I/O, so
 * what is measured is the gateway's own cost per run and per streamed delta
 * (run bookkeeping, transcript, `agent`/`chat` events, fan-out).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BackendChunk, BackendRequest, ModelBackend } from "../runtime/backends/types.js";
import { createLogger } from "../runtime/log.js";
import { startGateway } from "../runtime/start.js";

const [port, token] = [Number(process.argv[2]), process.argv[3]];

class InstantBackend implements ModelBackend {
  readonly provider = "bench";
  async *stream(request: BackendRequest): AsyncGenerator<BackendChunk> {
    const n = Number(/^d(\d+)$/.exec(request.model)?.[1] ?? 1);
    for (let i = 0; i < n; i++) yield { type: "text", delta: "x" };
    yield { type: "usage", usage: { input: 1, output: n, total: n + 1 } };
    yield { type: "done", finishReason: "stop" };
  }
}

const stateDir = mkdtempSync(join(tmpdir(), "tidegate-agents-bench-"));
const gateway = await startGateway({
  stateDir,
  configPath: join(stateDir, "tidegate.json"),
  config: {
    // The load connects with the shared token and no device identity (no Ed25519 per socket).
    gateway: { auth: { trustLocalWithoutDevice: true }, limits: { maxConnectionsPerAddress: 10_000, maxPendingConnectionsPerAddress: 1000 } },
    models: { providers: { bench: { api: "command", command: "/bin/true", models: [{ id: "d1" }] } } },
    agents: { queueMax: 1000 },
  },
  overrides: { port, token },
  log: createLogger("silent"),
});
gateway.services.agents.useBackend("bench", new InstantBackend());
process.stdout.write("listening\n");
process.stdin.on("end", () => void gateway.stop("bench done").then(() => process.exit(0)));
process.stdin.resume();
