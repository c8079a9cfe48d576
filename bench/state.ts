/**
 * State figures: `sessions.list` over 10,000 sessions, `sessions.patch`
 * throughput, config reload latency (file written → new value in force), and
 * the kill -9 durability check at bench scale.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runDurability } from "../testing/durability.js";
import { startGateway } from "../testing/gateway-process.js";
import { RawClient } from "../testing/raw-client.js";
import { type Figure, figure } from "./stats.js";

export interface StateScale {
  runs: number;
  sessions: number;
  durationMs: number;
  durabilityRounds: number;
}

const TOKEN = "bench-state-token";

/** A state directory holding `count` sessions of agent `main`, every tenth with a short transcript. */
function seed(count: number): string {
  const stateDir = mkdtempSync(join(tmpdir(), "tidegate-bench-state-"));
  const dir = join(stateDir, "agents/main/sessions");
  mkdirSync(dir, { recursive: true });
  const now = Date.now();
  const store: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) {
    const sessionId = `s${i.toString(36).padStart(6, "0")}`;
    store[`agent:main:group:telegram:g${i}`] = { sessionId, createdAt: now - i * 1000, updatedAt: now - i * 1000, label: `Group ${i}`, chatType: "group", channel: "telegram", totalTokens: i };
    if (i % 10 === 0)
      writeFileSync(join(dir, `${sessionId}.jsonl`), `${JSON.stringify({ role: "user", content: `question ${i}` })}\n${JSON.stringify({ role: "assistant", content: `answer ${i}` })}\n`);
  }
  writeFileSync(join(dir, "sessions.json"), JSON.stringify(store));
  writeFileSync(join(stateDir, "tidegate.json"), JSON.stringify({ gateway: { reload: { debounceMs: 0 } }, logging: { level: "warn" } }));
  return stateDir;
}

async function timed<T>(work: () => Promise<T>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

export async function benchState(scale: StateScale) {
  const stateDir = seed(scale.sessions);
  const gw = await startGateway({ stateDir, token: TOKEN });
  try {
    const c = await RawClient.open(gw.url);
    await c.connect({ token: TOKEN, scopes: ["operator.admin"] });
    const samples = (n: number, work: () => Promise<unknown>) =>
      (async () => {
        const out: number[] = [];
        for (let i = 0; i < n; i++) out.push(await timed(work));
        return figure(out);
      })();
    const rounds = Math.max(3, scale.runs * 5);
    const listAll = await samples(rounds, async () => {
      const r = await c.request("sessions.list", {}, 60_000);
      if (r.payload.count !== scale.sessions) throw new Error(`sessions.list returned ${r.payload.count}`);
    });
    const listPage = await samples(rounds, () => c.request("sessions.list", { limit: 50, includeDerivedTitles: true, includeLastMessage: true }, 60_000));
    const listSearch = await samples(rounds, () => c.request("sessions.list", { search: "group 99", limit: 50 }, 60_000));

    // sessions.patch: 8 in flight on one connection, over 1,000 keys of the big store.
    const patchRates: number[] = [];
    for (let run = 0; run < scale.runs; run++) {
      let done = 0;
      const until = performance.now() + scale.durationMs;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: 8 }, async (_, lane) => {
          for (let i = lane; performance.now() < until; i += 8) {
            const r = await c.request("sessions.patch", { key: `agent:main:group:telegram:g${i % 1000}`, label: `Group ${i % 1000}`, thinkingLevel: i % 2 ? "high" : "low" }, 60_000);
            if (!r.ok) throw new Error(JSON.stringify(r.error));
            done++;
          }
        }),
      );
      patchRates.push(done / ((performance.now() - started) / 1000));
    }

    // Config reload: write the file, poll config.get until the new value is in force.
    const file = join(stateDir, "tidegate.json");
    const reload: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const value = 20_000 + i;
      const started = performance.now();
      writeFileSync(file, JSON.stringify({ gateway: { tickIntervalMs: value, reload: { debounceMs: 0 } }, logging: { level: "warn" } }));
      for (;;) {
        const snap = await c.request("config.get");
        if (snap.payload.config.gateway?.tickIntervalMs === value) break;
        await new Promise((r) => setTimeout(r, 2));
      }
      reload.push(performance.now() - started);
    }
    c.close();
    const result: Record<string, Figure | number | string[]> = {
      sessions_list_all_ms: listAll,
      sessions_list_page_with_titles_ms: listPage,
      sessions_list_search_ms: listSearch,
      sessions_patch_per_s: figure(patchRates),
      config_reload_ms: figure(reload),
    };
    if (scale.durabilityRounds > 0) {
      const started = performance.now();
      const report = await runDurability(scale.durabilityRounds);
      for (const g of report.gateways) await g.dispose();
      result.durability_rounds = report.rounds;
      result.durability_acknowledged = report.acknowledged;
      result.durability_violations = report.violations;
      result.durability_s = Math.round((performance.now() - started) / 100) / 10;
    }
    return result;
  } finally {
    await gw.dispose();
  }
}
