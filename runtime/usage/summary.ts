/**
 * One transcript's usage summary (v3's `loadSessionCostSummary` shape): token
 * and cost totals, message counts, tools, models, latency, per-day rows.
 */
import type { DayZone } from "./dates.js";
import { dayOf } from "./dates.js";
import type { UsageRecord } from "./records.js";

export type UsageTotals = {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  totalTokens: number;
  totalCost: number;
  inputCost: number;
  outputCost: number;
  cacheReadCost: number;
  cacheWriteCost: number;
  /** Usage entries without a known price. */
  missingCostEntries: number;
};

export const emptyTotals = (): UsageTotals => ({
  input: 0,
  output: 0,
  cacheRead: 0,
  cacheWrite: 0,
  totalTokens: 0,
  totalCost: 0,
  inputCost: 0,
  outputCost: 0,
  cacheReadCost: 0,
  cacheWriteCost: 0,
  missingCostEntries: 0,
});

/** Add one priced usage record to `totals`. */
export function addRecord(totals: UsageTotals, record: UsageRecord): void {
  const u = record.usage;
  if (!u) return;
  totals.input += u.input;
  totals.output += u.output;
  totals.cacheRead += u.cacheRead;
  totals.cacheWrite += u.cacheWrite;
  totals.totalTokens += u.total;
  if (record.cost === undefined) {
    totals.missingCostEntries += 1;
    return;
  }
  totals.totalCost += record.cost;
  totals.inputCost += record.costBreakdown?.input ?? 0;
  totals.outputCost += record.costBreakdown?.output ?? 0;
  totals.cacheReadCost += record.costBreakdown?.cacheRead ?? 0;
  totals.cacheWriteCost += record.costBreakdown?.cacheWrite ?? 0;
}

export function mergeTotals(target: UsageTotals, source: UsageTotals): void {
  for (const k of Object.keys(target) as (keyof UsageTotals)[]) target[k] += source[k];
}

export interface MessageCounts {
  total: number;
  user: number;
  assistant: number;
  toolCalls: number;
  toolResults: number;
  errors: number;
}

export const emptyCounts = (): MessageCounts => ({ total: 0, user: 0, assistant: 0, toolCalls: 0, toolResults: 0, errors: 0 });

export interface LatencyStats {
  count: number;
  avgMs: number;
  p95Ms: number;
  minMs: number;
  maxMs: number;
}

export function latencyStats(values: number[]): LatencyStats | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const count = sorted.length;
  return { count, avgMs: sorted.reduce((s, v) => s + v, 0) / count, p95Ms: sorted[Math.max(0, Math.ceil(count * 0.95) - 1)], minMs: sorted[0], maxMs: sorted[count - 1] };
}

export interface ModelUsage {
  provider?: string;
  model?: string;
  count: number;
  totals: UsageTotals;
}

export interface DailyModelUsage {
  date: string;
  provider?: string;
  model?: string;
  tokens: number;
  cost: number;
  count: number;
}

export interface SessionUsageSummary extends UsageTotals {
  sessionId: string;
  sessionFile: string;
  firstActivity?: number;
  lastActivity?: number;
  durationMs?: number;
  activityDates: string[];
  dailyBreakdown: { date: string; tokens: number; cost: number }[];
  dailyMessageCounts: (MessageCounts & { date: string })[];
  dailyLatency?: (LatencyStats & { date: string })[];
  dailyModelUsage?: DailyModelUsage[];
  messageCounts: MessageCounts;
  toolUsage?: { totalCalls: number; uniqueTools: number; tools: { name: string; count: number }[] };
  modelUsage?: ModelUsage[];
  latency?: LatencyStats;
}

const ERROR_STOPS = new Set(["error", "aborted", "timeout"]);
/** Replies slower than this are not counted as latency (someone came back hours later). */
const MAX_LATENCY_MS = 12 * 3_600_000;

const byCostThenTokens = (a: { totals: UsageTotals }, b: { totals: UsageTotals }) => b.totals.totalCost - a.totals.totalCost || b.totals.totalTokens - a.totals.totalTokens;

/** Summarize one transcript's records within `[startMs, endMs]` (records without a time count always). */
export function summarizeSession(records: Iterable<UsageRecord>, options: { sessionId: string; sessionFile: string; startMs?: number; endMs?: number; zone: DayZone }): SessionUsageSummary {
  const totals = emptyTotals();
  const counts = emptyCounts();
  const dates = new Set<string>();
  const daily = new Map<string, { tokens: number; cost: number }>();
  const dailyCounts = new Map<string, MessageCounts & { date: string }>();
  const dailyLatency = new Map<string, number[]>();
  const dailyModels = new Map<string, DailyModelUsage>();
  const models = new Map<string, ModelUsage>();
  const tools = new Map<string, number>();
  const latencies: number[] = [];
  let first: number | undefined;
  let last: number | undefined;
  let lastUser: number | undefined;
  for (const r of records) {
    if (r.role !== "user" && r.role !== "assistant") continue;
    const ts = r.ts;
    if (ts !== undefined && ((options.startMs !== undefined && ts < options.startMs) || (options.endMs !== undefined && ts > options.endMs))) continue;
    if (ts !== undefined) {
      first = first === undefined ? ts : Math.min(first, ts);
      last = last === undefined ? ts : Math.max(last, ts);
    }
    counts.total++;
    if (r.role === "user") {
      counts.user++;
      if (ts !== undefined) lastUser = ts;
    } else {
      counts.assistant++;
      if (ts !== undefined && lastUser !== undefined && ts - lastUser <= MAX_LATENCY_MS) {
        const latency = Math.max(0, ts - lastUser);
        latencies.push(latency);
        const day = dayOf(ts, options.zone);
        const values = dailyLatency.get(day);
        if (values) values.push(latency);
        else dailyLatency.set(day, [latency]);
      }
    }
    counts.toolCalls += r.toolNames.length;
    for (const name of r.toolNames) tools.set(name, (tools.get(name) ?? 0) + 1);
    const failed = r.stopReason !== undefined && ERROR_STOPS.has(r.stopReason);
    if (failed) counts.errors++;
    const day = ts !== undefined ? dayOf(ts, options.zone) : undefined;
    if (day) {
      dates.add(day);
      const d = dailyCounts.get(day) ?? { date: day, ...emptyCounts() };
      d.total++;
      d[r.role]++;
      d.toolCalls += r.toolNames.length;
      if (failed) d.errors++;
      dailyCounts.set(day, d);
    }
    if (!r.usage) continue;
    addRecord(totals, r);
    const cost = r.cost ?? 0;
    if (day) {
      const d = daily.get(day) ?? { tokens: 0, cost: 0 };
      daily.set(day, { tokens: d.tokens + r.usage.total, cost: d.cost + cost });
    }
    if (r.provider || r.model) {
      const key = `${r.provider ?? "unknown"}::${r.model ?? "unknown"}`;
      const m = models.get(key) ?? { provider: r.provider, model: r.model, count: 0, totals: emptyTotals() };
      m.count++;
      addRecord(m.totals, r);
      models.set(key, m);
      if (day) {
        const dm = dailyModels.get(`${day}::${key}`) ?? { date: day, provider: r.provider, model: r.model, tokens: 0, cost: 0, count: 0 };
        dm.tokens += r.usage.total;
        dm.cost += cost;
        dm.count++;
        dailyModels.set(`${day}::${key}`, dm);
      }
    }
  }
  const byDate = (a: { date: string }, b: { date: string }) => a.date.localeCompare(b.date);
  const latencyRows = [...dailyLatency].map(([date, values]) => ({ date, ...latencyStats(values)! })).sort(byDate);
  const modelDaily = [...dailyModels.values()].sort((a, b) => byDate(a, b) || b.cost - a.cost);
  const toolRows = [...tools].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count);
  const latency = latencyStats(latencies);
  return {
    sessionId: options.sessionId,
    sessionFile: options.sessionFile,
    ...(first !== undefined ? { firstActivity: first, lastActivity: last, durationMs: Math.max(0, last! - first) } : {}),
    activityDates: [...dates].sort(),
    dailyBreakdown: [...daily].map(([date, d]) => ({ date, ...d })).sort(byDate),
    dailyMessageCounts: [...dailyCounts.values()].sort(byDate),
    ...(latencyRows.length ? { dailyLatency: latencyRows } : {}),
    ...(modelDaily.length ? { dailyModelUsage: modelDaily } : {}),
    messageCounts: counts,
    ...(toolRows.length ? { toolUsage: { totalCalls: toolRows.reduce((s, t) => s + t.count, 0), uniqueTools: toolRows.length, tools: toolRows } } : {}),
    ...(models.size ? { modelUsage: [...models.values()].sort(byCostThenTokens) } : {}),
    ...(latency ? { latency } : {}),
    ...totals,
  };
}
