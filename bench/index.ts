/**
 * `npm run bench` (`make bench`): starts everything itself on loopback, load in
 * separate processes, bounded in count and time; prints a table of medians
 * (min–max) with same-run baselines and ratios. `-- --json` prints exactly one
 * JSON document; `-- --quick` is the smoke run inside `make test`; `-- --only
 * rpc,fanout` picks sections.
 */
import { benchAgents } from "./agents.js";
import { benchCodegen } from "./codegen.js";
import { benchNodeResults } from "./node-results.js";
import { benchFanout, benchHandshakes, benchMemory, benchRpc, benchStartup, type Scale } from "./sections.js";
import { benchState } from "./state.js";
import type { Figure } from "./stats.js";

const args = process.argv.slice(2);
const json = args.includes("--json");
const quick = args.includes("--quick");
const only = args.includes("--only") ? args[args.indexOf("--only") + 1].split(",") : undefined;
const scale: Scale = quick
  ? { runs: 1, durationMs: 300, fanoutConnections: 100, fanoutEvents: 5, memoryConnections: 100 }
  : { runs: 3, durationMs: 2000, fanoutConnections: 1000, fanoutEvents: 20, memoryConnections: 1000 };

const progress = (text: string) => {
  if (!json) process.stderr.write(`… ${text}\n`);
};
const wanted = (name: string) => !only || only.includes(name);

const results: Record<string, unknown> = { scale };
const sections: [string, string, () => Promise<unknown>][] = [
  ["rpc", "RPC round trip (health) vs bare ws echo", () => benchRpc(scale)],
  ["fanout", `event fan-out to ${scale.fanoutConnections} connections vs bare ws broadcast`, () => benchFanout(scale)],
  ["handshake", "full connect (challenge, Ed25519, hello-ok) vs bare upgrade + one echo", () => benchHandshakes(scale)],
  ["memory", `RSS per idle authenticated connection (${scale.memoryConnections}) vs bare ws`, () => benchMemory(scale)],
  ["startup", "start-up and CLI cost", () => benchStartup(scale)],
  ["codegen", "protocol:gen and protocol:check", () => benchCodegen(scale.runs)],
  [
    "state",
    "sessions over 10,000 entries, patch throughput, config reload, kill -9 durability",
    () => benchState(quick ? { runs: 1, sessions: 200, durationMs: 300, durabilityRounds: 3 } : { runs: 3, sessions: 10_000, durationMs: 2000, durabilityRounds: 200 }),
  ],
  [
    "agents",
    "agent runs and streamed deltas with an instant backend",
    () => benchAgents(quick ? { runs: 1, durationMs: 300, deltas: 200, turns: 2 } : { runs: 3, durationMs: 2000, deltas: 2000, turns: 5 }),
  ],
  [
    "nodes",
    "node results: 8 concurrent 10 MiB answers through node.invoke vs a bare ws relay",
    () => benchNodeResults(quick ? { runs: 1, mib: 1, concurrent: 2, rounds: 1 } : { runs: 3, mib: 10, concurrent: 8, rounds: 3 }),
  ],
];
for (const [name, title, run] of sections) {
  if (!wanted(name)) continue;
  progress(title);
  results[name] = await run();
}

if (json) {
  process.stdout.write(JSON.stringify(results, null, 2) + "\n");
} else {
  const f = (x: Figure, unit = "", digits = 0) => `${x.median.toFixed(digits)}${unit} (${x.min.toFixed(digits)}–${x.max.toFixed(digits)})`;
  const lines: string[] = [`tidegate bench — medians of ${scale.runs} run(s), (min–max)`, ""];
  const r = results as any;
  if (r.rpc) {
    lines.push("RPC round trip: health, validated, authorized, dispatched", "shape     echo rps              gateway rps           gateway p50 / p99 ms");
    for (const shape of Object.keys(r.rpc.gateway)) {
      const g = r.rpc.gateway[shape];
      lines.push(`${shape.padEnd(9)} ${f(r.rpc.echo[shape].rps).padEnd(21)} ${f(g.rps).padEnd(21)} ${g.p50_ms.median.toFixed(2)} / ${g.p99_ms.median.toFixed(2)}`);
    }
    lines.push(`rpc_ratio at 10x8 = ${r.rpc.rpc_ratio.toFixed(2)} (target ≥ 0.90, stretch ≥ 1.10)`, "");
  }
  if (r.fanout) lines.push(`Fan-out: bare ${f(r.fanout.deliveries_per_s.bare)}/s, gateway ${f(r.fanout.deliveries_per_s.gateway)}/s; ratio ${r.fanout.fanout_ratio.toFixed(2)} (target ≥ 1.0)`, "");
  if (r.handshake) {
    const h = r.handshake.per_s;
    lines.push(`Handshakes: upgrade+echo ${f(h.upgrade_plus_echo)}/s, full connect ${f(h.gateway_connect)}/s; ratio ${r.handshake.handshake_ratio.toFixed(2)} (target ≥ 0.50)`);
    lines.push(`  the same connect without a device identity (no Ed25519 sign or verify): ${f(h.gateway_connect_without_device)}/s`, "");
  }
  if (r.memory)
    lines.push(`Memory per idle connection: bare ${f(r.memory.bytes_per_connection.echo, " B")}, gateway ${f(r.memory.bytes_per_connection.gateway, " B")} (target ≤ 16384 B over base)`, "");
  if (r.startup) {
    const s = r.startup;
    lines.push(
      `Start-up: node -e 0 ${f(s.node_process_ms, " ms")}; gateway start → listening ${f(s.gateway_listening_ms, " ms")} (target ≤ 300 ms)`,
      `  validators import ${f(s.validators_import_ms, " ms", 1)} (target ≤ 100 ms); tidegate call health ${f(s.cli_call_health_ms, " ms")} (target ≤ 300 ms), peak RSS ${f(s.cli_call_health_peak_rss_mib, " MiB", 1)} (target ≤ 100 MiB)`,
      "",
    );
  }
  if (r.agents) {
    const a = r.agents;
    lines.push(
      `Agents (instant backend): agent turn ${f(a.run_us, " µs")} vs health round trip ${f(a.health_rpc_us, " µs")}: overhead per run ${f(a.run_overhead_us, " µs")}`,
      `  streamed deltas (${a.deltas_per_turn} per turn): ${f(a.us_per_delta_0_watchers, " µs", 1)} per delta to the caller, ${f(a.deltas_per_s_0_watchers, "/s")}; to 100 watching clients ${f(a.deltas_per_s_100_watchers, " deltas/s")} (${f(a.deliveries_per_s_100_watchers, " frames/s")})`,
      "",
    );
  }
  if (r.nodes) {
    const n = r.nodes;
    lines.push(
      `Node results (${n.concurrent} concurrent × ${n.mib_per_result} MiB): gateway ${f(n.gateway_mib_per_s, " MiB/s")}, bare relay ${f(n.relay_mib_per_s, " MiB/s")}; ` +
        `peak RSS growth gateway ${f(n.gateway_peak_rss_growth_mib, " MiB")}, relay ${f(n.relay_peak_rss_growth_mib, " MiB")}; ${n.gateway_failed} failed`,
      "",
    );
  }
  if (r.codegen) {
    const c = r.codegen;
    lines.push(
      `Codegen: protocol:gen ${f(c.gen_cold_ms, " ms")} cold (target ≤ 5000 ms), protocol:check ${f(c.check_cold_ms, " ms")}, warm ${f(c.gen_warm_ms, " ms")}; tsx start ${f(c.tsx_startup_ms, " ms")}`,
    );
  }
  if (r.state) {
    const s = r.state;
    lines.push(
      "",
      `State: sessions.list over ${quick ? 200 : "10,000"} sessions ${f(s.sessions_list_all_ms, " ms", 1)}; first 50 with titles and last message ${f(s.sessions_list_page_with_titles_ms, " ms", 1)}; search ${f(s.sessions_list_search_ms, " ms", 1)}`,
      `  sessions.patch (8 in flight, durable before the answer) ${f(s.sessions_patch_per_s, "/s")}; config reload, file written → in force ${f(s.config_reload_ms, " ms", 1)} (debounce 0)`,
      s.durability_rounds !== undefined
        ? `  kill -9 durability: ${s.durability_rounds} rounds, ${s.durability_acknowledged} acknowledged writes, ${s.durability_violations.length} lost (${s.durability_s} s)`
        : "",
    );
  }
  process.stdout.write(lines.join("\n") + "\n");
}
process.exit(0);
