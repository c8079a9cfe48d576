import { describe, expect, it } from "vitest";
import { RequestStats } from "./request-stats.js";

describe("request stats", () => {
  it("counts by method and outcome, maps unknown methods to `unknown`, and renders a cumulative histogram", () => {
    const stats = new RequestStats();
    stats.record("health", "ok", 0.03); // 30 µs: first bucket
    stats.record("health", "ok", 2); // 2 ms: le 0.0025
    stats.record("health", "INVALID_PARAMS", 20_000); // 20 s: +Inf only
    stats.record("no.such", "UNKNOWN_METHOD", 0.2);
    stats.record("?", "INVALID_FRAME", 0.2);
    expect([...stats.counts()]).toEqual([
      ["health", "ok", 2],
      ["health", "INVALID_PARAMS", 1],
      ["unknown", "UNKNOWN_METHOD", 1],
      ["unknown", "INVALID_FRAME", 1],
    ]);
    const samples = stats.histogram("h").filter((s) => s.labels.method === "health");
    const bucket = (le: number | string) => samples.find((s) => s.metricName === "h_bucket" && s.labels.le === le)?.value;
    expect(bucket(0.00005)).toBe(1);
    expect(bucket(0.001)).toBe(1);
    expect(bucket(0.0025)).toBe(2);
    expect(bucket(10)).toBe(2);
    expect(bucket("+Inf")).toBe(3);
    expect(samples.find((s) => s.metricName === "h_count")?.value).toBe(3);
    expect(samples.find((s) => s.metricName === "h_sum")?.value).toBeCloseTo(20.00203, 5);
  });
});
