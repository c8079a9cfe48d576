/** Registry entries of the methods whose params live in `schema/usage.ts`. */

import { T0 } from "../example-values.js";
import { method } from "../registry-spec.js";
import * as usage from "../usage.js";

export const usageMethods = {
  "usage.status": method({
    params: usage.UsageStatusParams,
    result: usage.UsageStatusResult,
    scope: "operator.read",
    description:
      "Quota snapshots of the model providers the gateway has credentials for. The providers this gateway speaks to report no quota windows: each configured one is listed with that reason.",
    example: { params: {}, result: { updatedAt: T0, providers: [] } },
  }),
  "usage.cost": method({
    params: usage.UsageCostParams,
    result: usage.UsageCostResult,
    scope: "operator.read",
    description: "Token use and cost per day.",
    example: {
      params: { days: 7 },
      result: { updatedAt: T0, days: 7, daily: [], totals: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, totalTokens: 0, totalCost: 0 } },
    },
  }),
  // ── sessions ────────────────────────────────────────────────────────────────────
  "sessions.usage": method({
    params: usage.SessionsUsageParams,
    result: usage.SessionsUsageResult,
    scope: "operator.read",
    description: "Token use and cost per session over a date range.",
    example: {
      params: { startDate: "2026-11-01", endDate: "2026-11-30", limit: 1000 },
      result: {
        updatedAt: T0,
        startDate: "2026-11-01",
        endDate: "2026-11-30",
        sessions: [],
        totals: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0, totalTokens: 0, totalCost: 0 },
        aggregates: {},
      },
    },
  }),
  "sessions.usage.timeseries": method({
    params: usage.SessionsUsageTimeseriesParams,
    result: usage.SessionsUsageTimeseriesResult,
    scope: "operator.read",
    description: "One session's usage over time.",
    example: { params: { key: "agent:main:main" }, result: { sessionId: "c0ffee", points: [] } },
  }),
  "sessions.usage.logs": method({
    params: usage.SessionsUsageLogsParams,
    result: usage.SessionsUsageLogsResult,
    scope: "operator.read",
    description: "One session's transcript entries with their usage.",
    example: { params: { key: "agent:main:main", limit: 1000 }, result: { logs: [] } },
  }),
  // ── config, update, secrets ─────────────────────────────────────────────────────
};
