/**
 * The node-results section: `concurrent` node answers of `mib` MiB each in
 * flight at once through the gateway (`node.invoke`, under its default result
 * budget) against a bare `ws` relay that forwards the same bytes unparsed.
 * Figures: MiB/s of answers delivered (after one warm-up round), and the
 * server process's peak RSS growth over its RSS once the load has connected
 * (VmHWM − VmRSS), warm-up round included.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../testing/gateway-process.js";
import { BIN, type Running, rssKiB, start, ts, whenListening } from "./processes.js";
import { type Figure, figure } from "./stats.js";

export interface NodeResultsScale {
  runs: number;
  mib: number;
  concurrent: number;
  rounds: number;
}

const TOKEN = "bench-token";

/** Peak resident set size of a process so far, in KiB. */
const peakRssKiB = (pid: number) => Number(readFileSync(`/proc/${pid}/status`, "utf8").match(/VmHWM:\s+(\d+) kB/)?.[1] ?? NaN);

async function server(target: "gateway" | "relay", port: number): Promise<Running> {
  if (target === "relay") {
    const relay = start(process.execPath, ts("bench/node-results-relay.ts", String(port)));
    await relay.next((l) => l === "listening");
    return relay;
  }
  // The real gateway program; TIDEGATE_BENCH_BIN measures another build (e.g. before a change).
  const stateDir = mkdtempSync(join(tmpdir(), "tidegate-node-results-bench-"));
  const gateway = start(process.execPath, [process.env.TIDEGATE_BENCH_BIN ?? BIN, "gateway", "run", "--port", String(port), "--token", TOKEN], {
    TIDEGATE_STATE_DIR: stateDir,
    TIDEGATE_CONFIG_PATH: "",
  });
  await whenListening(port);
  return gateway;
}

async function once(target: "gateway" | "relay", scale: NodeResultsScale) {
  const port = await freePort();
  const proc = await server(target, port);
  try {
    const load = start(
      process.execPath,
      ts("bench/node-results-load.ts", JSON.stringify({ url: `ws://127.0.0.1:${port}`, token: TOKEN, target, mib: scale.mib, concurrent: scale.concurrent, rounds: scale.rounds })),
    );
    await load.next((l) => l === "ready", 120_000);
    const pid = proc.child.pid!;
    const before = rssKiB(pid);
    load.send("go");
    const report = JSON.parse(await load.next((l) => l.startsWith("{"), 300_000)) as { mibPerS: number; failed: number };
    const growthMiB = (peakRssKiB(pid) - before) / 1024;
    await load.stop();
    return { ...report, growthMiB };
  } finally {
    await proc.stop();
  }
}

export async function benchNodeResults(scale: NodeResultsScale): Promise<Record<string, Figure | number>> {
  const samples: Record<"gateway" | "relay", { mibPerS: number; failed: number; growthMiB: number }[]> = { gateway: [], relay: [] };
  for (let i = 0; i < scale.runs; i++) {
    samples.relay.push(await once("relay", scale));
    samples.gateway.push(await once("gateway", scale));
  }
  return {
    concurrent: scale.concurrent,
    mib_per_result: scale.mib,
    relay_mib_per_s: figure(samples.relay.map((s) => s.mibPerS)),
    gateway_mib_per_s: figure(samples.gateway.map((s) => s.mibPerS)),
    relay_peak_rss_growth_mib: figure(samples.relay.map((s) => s.growthMiB)),
    gateway_peak_rss_growth_mib: figure(samples.gateway.map((s) => s.growthMiB)),
    gateway_failed: samples.gateway.reduce((n, s) => n + s.failed, 0),
  };
}
