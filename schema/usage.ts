/** `usage.*` and `sessions.usage*`: model provider quotas, token cost and per-session usage. */
import { AnyParams, Bool, Dict, Enum, Int, Json, List, Obj, Open, Opt, Str, Text, Type } from "./primitives.js";

const Num = (description: string) => Type.Number({ description });

export const UsageStatusParams = AnyParams("UsageStatusParams", "usage.status");

export const ProviderUsage = Open("ProviderUsage", "Quota snapshot of one model provider (open: providers report their own windows).", {
  provider: Str("Provider id."),
  displayName: Opt(Text("Display name.")),
  windows: Opt(List(Json("A quota window: `{label, usedPercent, resetAt?}`."), "Quota windows.")),
  plan: Opt(Text("Plan name.")),
  error: Opt(Text("Why it could not be read.")),
});

export const UsageStatusResult = Obj("UsageStatusResult", "Result of `usage.status`.", {
  updatedAt: Int("When it was read (ms since epoch)."),
  providers: List(ProviderUsage, "One entry per provider with credentials."),
});

export const UsageCostParams = Open("UsageCostParams", "Parameters of `usage.cost`. Like the v3 reference, other members are ignored.", {
  startDate: Opt(Text("First day, `YYYY-MM-DD`.")),
  endDate: Opt(Text("Last day, `YYYY-MM-DD`.")),
  days: Opt(Int("Number of days back from today (default 30).")),
  mode: Opt(Text("How dates are interpreted: `utc`, `gateway` or `specific`.")),
  utcOffset: Opt(Text("Offset for `specific`, such as `UTC+2`.")),
});

export const UsageTotals = Open("UsageTotals", "Token and cost totals.", {
  input: Num("Input tokens."),
  output: Num("Output tokens."),
  cacheRead: Num("Cache-read tokens."),
  cacheWrite: Num("Cache-write tokens."),
  totalTokens: Num("All tokens."),
  totalCost: Num("Cost in USD."),
  inputCost: Opt(Num("Input cost.")),
  outputCost: Opt(Num("Output cost.")),
  cacheReadCost: Opt(Num("Cache-read cost.")),
  cacheWriteCost: Opt(Num("Cache-write cost.")),
  missingCostEntries: Opt(Num("Entries without a known price.")),
});

export const UsageCostResult = Obj("UsageCostResult", "Result of `usage.cost`.", {
  updatedAt: Int("When it was computed (ms since epoch)."),
  days: Int("Days covered."),
  daily: List(Json("One day: `{date, input, output, …, totalCost}`."), "Per-day totals."),
  totals: UsageTotals,
});

export const SessionsUsageParams = Obj("SessionsUsageParams", "Parameters of `sessions.usage`.", {
  key: Opt(Str("Only this session.")),
  startDate: Opt(Str("First day, `YYYY-MM-DD`.", { pattern: "^\\d{4}-\\d{2}-\\d{2}$" })),
  endDate: Opt(Str("Last day, `YYYY-MM-DD`.", { pattern: "^\\d{4}-\\d{2}-\\d{2}$" })),
  mode: Opt(Enum("UsageDateMode", "How dates are interpreted.", ["utc", "gateway", "specific"])),
  utcOffset: Opt(Str("Offset for `specific`, such as `UTC+2`.", { pattern: "^UTC[+-]\\d{1,2}(?::[0-5]\\d)?$" })),
  limit: Opt(Int("Most sessions.", { minimum: 1 })),
  includeContextWeight: Opt(Bool("Add context-weight breakdowns.")),
});

export const SessionsUsageResult = Obj("SessionsUsageResult", "Result of `sessions.usage`.", {
  updatedAt: Int("When it was computed (ms since epoch)."),
  startDate: Str("First day."),
  endDate: Str("Last day."),
  sessions: List(Json("One session's usage."), "Sessions with usage in the range."),
  totals: UsageTotals,
  aggregates: Dict(Json("An aggregate."), "Aggregates (messages, tools, models, daily …)."),
});

export const SessionsUsageTimeseriesParams = Open("SessionsUsageTimeseriesParams", "Parameters of `sessions.usage.timeseries`. Like the v3 reference, other members are ignored.", {
  key: Str("Session key."),
});

export const SessionsUsageTimeseriesResult = Open("SessionsUsageTimeseriesResult", "Result of `sessions.usage.timeseries`.", {
  sessionId: Opt(Str("Transcript id.")),
  points: List(Json("A point: `{timestamp, input, output, …, cumulativeTokens, cumulativeCost}`."), "Usage over time."),
});

export const SessionsUsageLogsParams = Open("SessionsUsageLogsParams", "Parameters of `sessions.usage.logs`. Like the v3 reference, other members are ignored.", {
  key: Str("Session key."),
  limit: Opt(Int("Most entries.")),
});

export const SessionsUsageLogsResult = Obj("SessionsUsageLogsResult", "Result of `sessions.usage.logs`.", {
  logs: List(Json("A log entry: `{timestamp, role, content, tokens?, cost?}`."), "Transcript entries with usage."),
});
