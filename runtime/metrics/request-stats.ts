/**
 * Requests by method and outcome, and a latency histogram per method, kept in
 * plain numbers on the request path (a few map lookups and adds, no label
 * hashing); turned into Prometheus samples only when scraped.
 */
import { METHODS } from "../../generated/ts/registry.js";

/** Latency bucket upper bounds, seconds: 50 µs to 10 s. */
export const LATENCY_BUCKETS = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10] as const;

class MethodStats {
  readonly outcomes = new Map<string, number>();
  /** Per bucket, not cumulative; the last slot is +Inf. */
  readonly buckets = new Float64Array(LATENCY_BUCKETS.length + 1);
  sum = 0;
  count = 0;
}

export interface Sample {
  metricName?: string;
  labels: Record<string, string | number>;
  value: number;
}

export class RequestStats {
  private readonly methods = new Map<string, MethodStats>();

  /** One answered request. Method names outside the registry count as `unknown`, so labels stay bounded. */
  record(method: string, outcome: string, ms: number): void {
    let stats = this.methods.get(method);
    if (!stats) {
      if (!(Object.hasOwn(METHODS, method) || method === "connect" || method === "unknown")) return this.record("unknown", outcome, ms);
      this.methods.set(method, (stats = new MethodStats()));
    }
    stats.outcomes.set(outcome, (stats.outcomes.get(outcome) ?? 0) + 1);
    const seconds = ms / 1000;
    let i = 0;
    while (i < LATENCY_BUCKETS.length && seconds > LATENCY_BUCKETS[i]) i++;
    stats.buckets[i]++;
    stats.sum += seconds;
    stats.count++;
  }

  /** `[method, outcome, count]` for every pair seen. */
  *counts(): Iterable<[string, string, number]> {
    for (const [method, stats] of this.methods) for (const [outcome, n] of stats.outcomes) yield [method, outcome, n];
  }

  /** Histogram samples as Prometheus expects them: cumulative `_bucket{le}`, `_sum`, `_count` per method. */
  histogram(name: string): Sample[] {
    const samples: Sample[] = [];
    for (const [method, stats] of this.methods) {
      let cumulative = 0;
      LATENCY_BUCKETS.forEach((le, i) => samples.push({ metricName: `${name}_bucket`, labels: { le, method }, value: (cumulative += stats.buckets[i]) }));
      samples.push({ metricName: `${name}_bucket`, labels: { le: "+Inf", method }, value: stats.count });
      samples.push({ metricName: `${name}_sum`, labels: { method }, value: stats.sum });
      samples.push({ metricName: `${name}_count`, labels: { method }, value: stats.count });
    }
    return samples;
  }
}
