/** Usage and cost from transcripts written the way agent runs write them; every answer validates against the registry. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { GatewayConfig, MethodName } from "../../generated/ts/types.js";
import { validateResult } from "../../generated/ts/validators.js";
import type { CallContext } from "../handlers/context.js";
import { usageHandlers } from "../handlers/usage.js";
import { SessionService } from "../sessions/service.js";
import { dateRange } from "./dates.js";
import { UsageService } from "./service.js";

const ctx = { caller: {}, signal: new AbortController().signal } as unknown as CallContext;
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 30, 15, 0, 0);

const config: GatewayConfig = {
  models: { providers: { openai: { models: [{ id: "gpt-x", cost: { input: 2, output: 8, cacheRead: 0.5, cacheWrite: 0 } }] }, local: { models: [{ id: "llama" }] } } },
};

async function fixture() {
  const stateDir = mkdtempSync(join(tmpdir(), "tidegate-usage-"));
  const sessions = new SessionService({ stateDir, now: () => NOW });
  const turn = (ts: number, text: string, model: string, usage: { input: number; output: number; total: number }) => [
    { role: "user", content: text, ts: ts - 2000 },
    { role: "assistant", content: `re: ${text}`, ts, model, usage, stopReason: "stop" },
  ];
  await sessions.append("agent:main:main", [
    ...turn(NOW - 2 * DAY, "old", "openai/gpt-x", { input: 1000, output: 500, total: 1500 }),
    ...turn(NOW - 60_000, "today", "openai/gpt-x", { input: 2000, output: 1000, total: 3000 }),
  ]);
  await sessions.patch("agent:main:dm:irc:bob", { label: "Bob" });
  await sessions.append("agent:main:dm:irc:bob", turn(NOW - 30_000, "hi", "local/llama", { input: 100, output: 50, total: 150 }));
  const usage = new UsageService({ sessions, config: () => config, now: () => NOW });
  return { stateDir, sessions, usage, h: usageHandlers({ usage }) };
}

async function call<T>(method: MethodName, run: () => T | Promise<T>): Promise<T> {
  const result = await run();
  const checked = validateResult(method, result);
  if (!checked.ok) throw new Error(`${method} result does not validate: ${checked.message}`);
  return result;
}

describe("date ranges", () => {
  it("default to the last 30 days through today, take explicit days, and honour offsets", () => {
    const r = dateRange({}, NOW);
    expect(new Date(r.startMs).toISOString()).toBe("2026-11-01T00:00:00.000Z");
    expect(new Date(r.endMs).toISOString()).toBe("2026-11-30T23:59:59.999Z");
    expect(dateRange({ startDate: "2026-11-02", endDate: "2026-11-03" }, NOW)).toMatchObject({ startMs: Date.UTC(2026, 10, 2), endMs: Date.UTC(2026, 10, 4) - 1 });
    expect(dateRange({ startDate: "2026-11-02", endDate: "2026-11-02", mode: "specific", utcOffset: "UTC+2" }, NOW).startMs).toBe(Date.UTC(2026, 10, 1, 22));
    expect(dateRange({ days: 1 }, NOW).startMs).toBe(Date.UTC(2026, 10, 30));
  });
});

describe("usage", () => {
  it("usage.cost prices each reply with the configured model cost, per day, and counts unpriced ones", async () => {
    const f = await fixture();
    const cost = await call("usage.cost", () => f.h["usage.cost"]({ days: 7 }, ctx));
    expect(cost.days).toBe(8); // v3 counts the range's days this way
    expect(cost.totals).toMatchObject({ input: 3100, output: 1550, totalTokens: 4650, missingCostEntries: 1 });
    // 3000 in × $2/M + 1500 out × $8/M
    expect(cost.totals.totalCost).toBeCloseTo(0.006 + 0.012, 10);
    expect(cost.totals.inputCost).toBeCloseTo(0.006, 10);
    expect(cost.daily.map((d) => (d as { date: string; totalTokens: number }).date)).toEqual(["2026-11-28", "2026-11-30"]);
    const today = await call("usage.cost", () => f.h["usage.cost"]({ startDate: "2026-11-30", endDate: "2026-11-30" }, ctx));
    expect(today.totals.totalTokens).toBe(3150);
  });

  it("sessions.usage lists sessions most recent first with totals and v3's aggregates; limit pages", async () => {
    const f = await fixture();
    const all = await call("sessions.usage", () => f.h["sessions.usage"]({}, ctx));
    expect(all).toMatchObject({ startDate: "2026-11-01", endDate: "2026-11-30", totals: { totalTokens: 4650 } });
    const rows = all.sessions as { key: string; label?: string; usage: Record<string, unknown> }[];
    expect(rows.map((r) => r.key)).toEqual(["agent:main:dm:irc:bob", "agent:main:main"]);
    expect(rows[0]).toMatchObject({ label: "Bob", agentId: "main", channel: "irc", usage: { totalTokens: 150, messageCounts: { total: 2, user: 1, assistant: 1 } } });
    expect(rows[1].usage).toMatchObject({ totalTokens: 4500, activityDates: ["2026-11-28", "2026-11-30"], latency: { count: 2, avgMs: 2000 } });
    const agg = all.aggregates as Record<string, unknown>;
    expect(agg.messages).toEqual({ total: 6, user: 3, assistant: 3, toolCalls: 0, toolResults: 0, errors: 0 });
    expect((agg.byModel as { model: string; count: number }[]).map((m) => [m.model, m.count])).toEqual([
      ["gpt-x", 2],
      ["llama", 1],
    ]);
    expect(agg.byAgent).toMatchObject([{ agentId: "main", totals: { totalTokens: 4650 } }]);
    expect(agg.daily).toMatchObject([
      { date: "2026-11-28", tokens: 1500, messages: 2 },
      { date: "2026-11-30", tokens: 3150, messages: 4 },
    ]);
    const first = await call("sessions.usage", () => f.h["sessions.usage"]({ limit: 1 }, ctx));
    expect(first.sessions).toHaveLength(1);
    const one = await call("sessions.usage", () => f.h["sessions.usage"]({ key: "main", startDate: "2026-11-30", endDate: "2026-11-30" }, ctx));
    expect(one.totals.totalTokens).toBe(3000);
  });

  it("sessions.usage.timeseries gives cumulative points; logs give messages with tokens and cost", async () => {
    const f = await fixture();
    const series = await call("sessions.usage.timeseries", () => f.h["sessions.usage.timeseries"]({ key: "agent:main:main" }, ctx));
    expect(series.sessionId).toBe(f.sessions.get("main")!.sessionId);
    expect(series.points.map((p) => (p as { cumulativeTokens: number }).cumulativeTokens)).toEqual([1500, 4500]);
    const logs = await call("sessions.usage.logs", () => f.h["sessions.usage.logs"]({ key: "agent:main:main", limit: 3 }, ctx));
    expect(logs.logs).toHaveLength(3);
    expect(logs.logs.at(-1)).toMatchObject({ role: "assistant", content: "re: today", tokens: 3000 });
    expect((logs.logs.at(-1) as { cost: number }).cost).toBeCloseTo(0.012, 10);
    await expect(f.h["sessions.usage.timeseries"]({ key: "agent:main:nope" }, ctx)).rejects.toMatchObject({ code: "INVALID_REQUEST", message: "no transcript found for session agent:main:nope" });
    expect(await f.h["sessions.usage.logs"]({ key: "agent:main:nope" }, ctx)).toEqual({ logs: [] });
  });

  it("reads v3 transcript lines and recorded costs too", async () => {
    const f = await fixture();
    const entry = f.sessions.get("main")!;
    const path = f.sessions.transcriptPath("main")!;
    const v3 = {
      type: "message",
      message: {
        role: "assistant",
        timestamp: NOW - 1000,
        provider: "anthropic",
        model: "claude",
        usage: { input: 10, output: 20, cacheRead: 5, cacheWrite: 1, totalTokens: 36, cost: { total: 0.5, input: 0.1, output: 0.4 } },
      },
    };
    writeFileSync(path, `${JSON.stringify(v3)}\n`, { flag: "a" });
    const cost = await call("usage.cost", () => f.h["usage.cost"]({ days: 1 }, ctx));
    expect(cost.totals).toMatchObject({ cacheRead: 5, cacheWrite: 1, totalTokens: 3186 });
    // today's gpt-x reply (2000 × $2/M + 1000 × $8/M) plus the cost the v3 line recorded
    expect(cost.totals.totalCost).toBeCloseTo(0.012 + 0.5, 10);
    expect(entry.sessionId).toBeTruthy();
  });

  it("usage.status names each configured provider and says it reports no quotas", async () => {
    const f = await fixture();
    const status = await call("usage.status", () => f.h["usage.status"]({}, ctx));
    expect(status).toEqual({
      updatedAt: NOW,
      providers: [
        { provider: "openai", displayName: "openai", windows: [], error: "openai-chat providers do not report usage quotas" },
        { provider: "local", displayName: "local", windows: [], error: "openai-chat providers do not report usage quotas" },
      ],
    });
  });
});
