/**
 * Token use and cost, read from the session transcripts (agent runs record each
 * reply's usage and `provider/model` there) and priced with the config's
 * `models.providers.*.models[].cost`. Behind `usage.cost`, `usage.status`,
 * `sessions.usage`, `sessions.usage.timeseries` and `sessions.usage.logs`.
 * Nothing is cached or stored: every call reads the transcripts it needs.
 */
import { readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import type { GatewayConfig, SessionsUsageParams, SessionsUsageResult, SessionsUsageTimeseriesResult, UsageCostParams, UsageCostResult, UsageStatusResult } from "../../generated/ts/types.js";
import { GatewayError } from "../errors.js";
import type { SessionEntry } from "../sessions/entry.js";
import type { SessionService } from "../sessions/service.js";
import { DAY_MS, type DateRange, dateRange, dayOf } from "./dates.js";
import { readUsageRecords, type UsageRecord } from "./records.js";
import { addRecord, type DailyModelUsage, emptyCounts, emptyTotals, type LatencyStats, type ModelUsage, mergeTotals, type SessionUsageSummary, summarizeSession, type UsageTotals } from "./summary.js";

/** Sessions in a `sessions.usage` answer when `limit` is absent (as v3). */
const SESSIONS_DEFAULT = 50;
/** Most points of a timeseries (as v3); longer series are merged into buckets. */
const TIMESERIES_POINTS = 200;
const LOGS_DEFAULT = 200;
const LOGS_MAX = 1000;
const LOG_TEXT_MAX = 2000;

export interface UsageServiceOptions {
  sessions: SessionService;
  config: () => GatewayConfig;
  now: () => number;
}

interface ResolvedSession {
  key: string;
  agentId: string;
  entry: SessionEntry;
  file: string;
}

const collect = async (path: string, config: GatewayConfig) => {
  const out: UsageRecord[] = [];
  for await (const r of readUsageRecords(path, config)) out.push(r);
  return out;
};

const mtimeOf = (path: string) => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
};

export class UsageService {
  constructor(private readonly options: UsageServiceOptions) {}

  private get sessions(): SessionService {
    return this.options.sessions;
  }

  /** A session by key, or by transcript id (`agent:<id>:<sessionId>` or the bare id). */
  private resolve(raw: string): ResolvedSession | undefined {
    let parsed: ReturnType<SessionService["resolveKey"]> | undefined;
    try {
      parsed = this.sessions.resolveKey(raw);
    } catch {
      // not a key: maybe a transcript id
    }
    if (parsed) {
      const entry = this.sessions.get(parsed.key);
      if (entry) return { key: parsed.key, agentId: parsed.parts.agentId, entry, file: this.sessions.storeOf(parsed.parts.agentId).transcriptPath(entry) };
    }
    const id = raw.includes(":") ? raw.slice(raw.lastIndexOf(":") + 1) : raw;
    const row = this.sessions.list().rows.find((r) => r.entry.sessionId === id);
    return row && { key: row.key, agentId: row.agentId, entry: row.entry, file: this.sessions.storeOf(row.agentId).transcriptPath(row.entry) };
  }

  private require(key: string): ResolvedSession {
    const found = this.resolve(key.trim());
    if (!found || mtimeOf(found.file) === undefined) throw new GatewayError("NOT_FOUND", `no transcript found for session ${key}`, { key });
    return found;
  }

  /** `usage.cost`: totals and one row per day over every transcript of every agent. */
  async cost(params: UsageCostParams): Promise<UsageCostResult> {
    const config = this.options.config();
    const range = dateRange(params, this.options.now());
    const totals = emptyTotals();
    const daily = new Map<string, UsageTotals>();
    for (const agentId of this.sessions.agents) {
      const dir = dirname(this.sessions.storePath(agentId));
      let names: string[];
      try {
        names = readdirSync(dir).filter((n) => n.endsWith(".jsonl"));
      } catch {
        continue;
      }
      for (const name of names) {
        const file = join(dir, name);
        if ((mtimeOf(file) ?? 0) < range.startMs) continue;
        for await (const r of readUsageRecords(file, config)) {
          if (!r.usage || r.ts === undefined || r.ts < range.startMs || r.ts > range.endMs) continue;
          const day = dayKey(r.ts, range);
          const bucket = daily.get(day) ?? emptyTotals();
          mergeTotals(bucket, single(r));
          daily.set(day, bucket);
          mergeTotals(totals, single(r));
        }
      }
    }
    return {
      updatedAt: this.options.now(),
      days: Math.ceil((range.endMs - range.startMs) / DAY_MS) + 1,
      daily: [...daily].map(([date, t]) => ({ date, ...t })).sort((a, b) => a.date.localeCompare(b.date)),
      totals,
    };
  }

  /** `usage.status`: providers with credentials; none of ours reports quota windows, so each says so. */
  status(): UsageStatusResult {
    const providers = Object.entries(this.options.config().models?.providers ?? {}).map(([id, p]) => ({
      provider: id,
      displayName: id,
      windows: [],
      error: `${p.api ?? "openai-chat"} providers do not report usage quotas`,
    }));
    return { updatedAt: this.options.now(), providers };
  }

  /** `sessions.usage`: per-session summaries (most recently active first) and aggregates. */
  async sessionsUsage(params: SessionsUsageParams): Promise<SessionsUsageResult> {
    const config = this.options.config();
    const now = this.options.now();
    const range = dateRange(params, now);
    let candidates: ResolvedSession[];
    if (params.key) {
      const found = this.resolve(params.key.trim());
      candidates = found && mtimeOf(found.file) !== undefined ? [found] : [];
    } else {
      candidates = this.sessions
        .list()
        .rows.map((r) => ({ key: r.key, agentId: r.agentId, entry: r.entry, file: this.sessions.storeOf(r.agentId).transcriptPath(r.entry) }))
        .filter((s) => (mtimeOf(s.file) ?? -1) >= range.startMs);
    }
    candidates.sort((a, b) => b.entry.updatedAt - a.entry.updatedAt);
    const chosen = candidates.slice(0, params.limit ?? SESSIONS_DEFAULT);
    const totals = emptyTotals();
    const messages = emptyCounts();
    const tools = new Map<string, number>();
    const byModel = new Map<string, ModelUsage>();
    const byProvider = new Map<string, ModelUsage>();
    const byAgent = new Map<string, UsageTotals>();
    const byChannel = new Map<string, UsageTotals>();
    const modelDaily = new Map<string, DailyModelUsage>();
    const daily = new Map<string, { date: string; tokens: number; cost: number; messages: number; toolCalls: number; errors: number }>();
    const latencies: (LatencyStats & { date: string })[] = [];
    const sessions: unknown[] = [];
    for (const s of chosen) {
      const usage: SessionUsageSummary = summarizeSession(await collect(s.file, config), {
        sessionId: s.entry.sessionId,
        sessionFile: s.file,
        startMs: range.startMs,
        endMs: range.endMs,
        zone: range.zone,
      });
      mergeTotals(totals, usage);
      for (const k of Object.keys(messages) as (keyof typeof messages)[]) messages[k] += usage.messageCounts[k];
      for (const t of usage.toolUsage?.tools ?? []) tools.set(t.name, (tools.get(t.name) ?? 0) + t.count);
      for (const m of usage.modelUsage ?? []) {
        for (const [map, key, model] of [
          [byModel, `${m.provider ?? "unknown"}::${m.model ?? "unknown"}`, m.model],
          [byProvider, m.provider ?? "unknown", undefined],
        ] as const) {
          const row = map.get(key) ?? { provider: m.provider, model, count: 0, totals: emptyTotals() };
          row.count += m.count;
          mergeTotals(row.totals, m.totals);
          map.set(key, row);
        }
      }
      for (const d of usage.dailyModelUsage ?? []) {
        const key = `${d.date}::${d.provider ?? "unknown"}::${d.model ?? "unknown"}`;
        const row = modelDaily.get(key) ?? { ...d, tokens: 0, cost: 0, count: 0 };
        row.tokens += d.tokens;
        row.cost += d.cost;
        row.count += d.count;
        modelDaily.set(key, row);
      }
      const agentTotals = byAgent.get(s.agentId) ?? emptyTotals();
      mergeTotals(agentTotals, usage);
      byAgent.set(s.agentId, agentTotals);
      const channel = typeof s.entry.channel === "string" ? s.entry.channel : undefined;
      if (channel) {
        const t = byChannel.get(channel) ?? emptyTotals();
        mergeTotals(t, usage);
        byChannel.set(channel, t);
      }
      const dayRow = (date: string) => daily.get(date) ?? { date, tokens: 0, cost: 0, messages: 0, toolCalls: 0, errors: 0 };
      for (const d of usage.dailyBreakdown) daily.set(d.date, { ...dayRow(d.date), tokens: dayRow(d.date).tokens + d.tokens, cost: dayRow(d.date).cost + d.cost });
      for (const d of usage.dailyMessageCounts) {
        const row = dayRow(d.date);
        daily.set(d.date, { ...row, messages: row.messages + d.total, toolCalls: row.toolCalls + d.toolCalls, errors: row.errors + d.errors });
      }
      latencies.push(...(usage.dailyLatency ?? []));
      const { entry } = s;
      sessions.push(
        strip({
          key: s.key,
          label: entry.label,
          sessionId: entry.sessionId,
          updatedAt: entry.updatedAt,
          agentId: s.agentId,
          channel,
          chatType: entry.chatType,
          modelOverride: entry.modelOverride,
          providerOverride: entry.providerOverride,
          usage,
          contextWeight: params.includeContextWeight ? null : undefined,
        }),
      );
    }
    const byDate = (a: { date: string }, b: { date: string }) => a.date.localeCompare(b.date);
    const costOrder = (a: { totals: UsageTotals }, b: { totals: UsageTotals }) => b.totals.totalCost - a.totals.totalCost || b.totals.totalTokens - a.totals.totalTokens;
    const dailyLatency = new Map<string, LatencyStats[]>();
    for (const l of latencies) dailyLatency.set(l.date, [...(dailyLatency.get(l.date) ?? []), l]);
    const toolRows = [...tools].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count);
    return {
      updatedAt: now,
      startDate: dayKey(range.startMs, range),
      endDate: dayKey(range.endMs, range),
      sessions: sessions as SessionsUsageResult["sessions"],
      totals,
      aggregates: strip({
        messages,
        tools: { totalCalls: toolRows.reduce((n, t) => n + t.count, 0), uniqueTools: toolRows.length, tools: toolRows },
        byModel: [...byModel.values()].sort(costOrder),
        byProvider: [...byProvider.values()].sort(costOrder),
        byAgent: [...byAgent].map(([agentId, t]) => ({ agentId, totals: t })).sort(costOrder),
        byChannel: [...byChannel].map(([channel, t]) => ({ channel, totals: t })).sort(costOrder),
        latency: mergeLatency(latencies),
        dailyLatency: [...dailyLatency].map(([date, stats]) => ({ date, ...mergeLatency(stats)! })).sort(byDate),
        modelDaily: [...modelDaily.values()].sort((a, b) => byDate(a, b) || b.cost - a.cost),
        daily: [...daily.values()].sort(byDate),
      }) as SessionsUsageResult["aggregates"],
    };
  }

  /** `sessions.usage.timeseries`: one point per priced reply (at most 200, merged into buckets beyond). */
  async timeseries(key: string): Promise<SessionsUsageTimeseriesResult> {
    const s = this.require(key);
    type Point = { timestamp: number; input: number; output: number; cacheRead: number; cacheWrite: number; totalTokens: number; cost: number; cumulativeTokens: number; cumulativeCost: number };
    const raw: Point[] = [];
    for (const r of await collect(s.file, this.options.config())) {
      if (!r.usage || !r.ts) continue;
      raw.push({
        timestamp: r.ts,
        input: r.usage.input,
        output: r.usage.output,
        cacheRead: r.usage.cacheRead,
        cacheWrite: r.usage.cacheWrite,
        totalTokens: r.usage.total,
        cost: r.cost ?? 0,
        cumulativeTokens: 0,
        cumulativeCost: 0,
      });
    }
    raw.sort((a, b) => a.timestamp - b.timestamp);
    const step = Math.max(1, Math.ceil(raw.length / TIMESERIES_POINTS));
    const points: Point[] = [];
    let tokens = 0;
    let cost = 0;
    for (let i = 0; i < raw.length; i += step) {
      const bucket = raw.slice(i, i + step);
      const sum = (f: "input" | "output" | "cacheRead" | "cacheWrite" | "totalTokens" | "cost") => bucket.reduce((n, p) => n + p[f], 0);
      tokens += sum("totalTokens");
      cost += sum("cost");
      points.push({
        timestamp: bucket[bucket.length - 1].timestamp,
        input: sum("input"),
        output: sum("output"),
        cacheRead: sum("cacheRead"),
        cacheWrite: sum("cacheWrite"),
        totalTokens: sum("totalTokens"),
        cost: sum("cost"),
        cumulativeTokens: tokens,
        cumulativeCost: cost,
      });
    }
    return { sessionId: s.entry.sessionId, points };
  }

  /** `sessions.usage.logs`: the last `limit` user/assistant/tool messages with each reply's tokens and cost. */
  async logs(key: string, limit?: number): Promise<{ logs: { timestamp: number; role: string; content: string; tokens?: number; cost?: number }[] }> {
    const s = this.resolve(key.trim());
    if (!s || mtimeOf(s.file) === undefined) return { logs: [] };
    const max = Math.max(1, Math.min(limit ?? LOGS_DEFAULT, LOGS_MAX));
    const logs = (await collect(s.file, this.options.config()))
      .filter((r) => ["user", "assistant", "tool", "toolResult"].includes(r.role))
      .map((r) => {
        let content = (r.role === "tool" || r.role === "toolResult" ? `[Tool Result]\n${r.text}` : r.text).trim();
        if (content.length > LOG_TEXT_MAX) content = `${content.slice(0, LOG_TEXT_MAX)}…`;
        return strip({ timestamp: r.ts ?? 0, role: r.role, content, tokens: r.usage?.total, cost: r.usage ? (r.cost ?? 0) : undefined });
      })
      .filter((l) => l.content !== "")
      .sort((a, b) => a.timestamp - b.timestamp);
    return { logs: logs.slice(-max) };
  }
}

const dayKey = (ms: number, range: DateRange) => dayOf(ms, range.zone);

/** One record's totals. */
function single(r: UsageRecord): UsageTotals {
  const t = emptyTotals();
  addRecord(t, r);
  return t;
}

/** Latency over several sessions (as v3: the p95 is the largest of theirs). */
function mergeLatency(stats: LatencyStats[]): LatencyStats | undefined {
  const count = stats.reduce((n, l) => n + l.count, 0);
  if (count === 0) return undefined;
  return {
    count,
    avgMs: stats.reduce((n, l) => n + l.avgMs * l.count, 0) / count,
    p95Ms: Math.max(...stats.map((l) => l.p95Ms)),
    minMs: Math.min(...stats.map((l) => l.minMs)),
    maxMs: Math.max(...stats.map((l) => l.maxMs)),
  };
}

/** Drop members whose value is undefined (the wire has no undefined). */
function strip<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
