/** The agents section: gateway cost per agent run and per streamed delta, with an instant backend. */
import { freePort } from "../testing/gateway-process.js";
import { start, ts } from "./processes.js";
import { type Figure, figure } from "./stats.js";

export interface AgentScale {
  runs: number;
  durationMs: number;
  deltas: number;
  turns: number;
}

const TOKEN = "bench-token";

async function loadOnce(options: Record<string, unknown>): Promise<Record<string, number>> {
  const proc = start(process.execPath, ts("bench/agents-load.ts", JSON.stringify(options)));
  const line = await proc.next((l) => l.startsWith("{"), 300_000);
  await proc.stop();
  return JSON.parse(line);
}

export async function benchAgents(scale: AgentScale) {
  const port = await freePort();
  const server = start(process.execPath, ts("bench/agents-gateway.ts", String(port), TOKEN));
  await server.next((l) => l === "listening");
  const url = `ws://127.0.0.1:${port}`;
  try {
    const runs: Record<string, number>[] = [];
    for (let i = 0; i < scale.runs; i++) runs.push(await loadOnce({ url, token: TOKEN, mode: "runs", durationMs: scale.durationMs }));
    const deltas: Record<string, Figure> = {};
    const result: Record<string, unknown> = {
      run_us: figure(runs.map((r) => r.runUs)),
      health_rpc_us: figure(runs.map((r) => r.healthUs)),
      run_overhead_us: figure(runs.map((r) => r.runUs - r.healthUs)),
      deltas_per_turn: scale.deltas,
    };
    for (const watchers of [0, 100]) {
      const samples: Record<string, number>[] = [];
      for (let i = 0; i < scale.runs; i++) samples.push(await loadOnce({ url, token: TOKEN, mode: "deltas", watchers, deltas: scale.deltas, turns: scale.turns }));
      deltas[`us_per_delta_${watchers}_watchers`] = figure(samples.map((s) => s.usPerDelta));
      deltas[`deltas_per_s_${watchers}_watchers`] = figure(samples.map((s) => s.deltasPerS));
      deltas[`deliveries_per_s_${watchers}_watchers`] = figure(samples.map((s) => s.deliveriesPerS));
    }
    return { ...result, ...deltas };
  } finally {
    await server.stop();
  }
}
