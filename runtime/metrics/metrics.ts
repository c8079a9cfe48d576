/**
 * The gateway's Prometheus metrics (prom-client, one registry per gateway so
 * several gateways can share a process). Core code never imports this: the
 * composition root hands the router an `observe` callback, the gateway a
 * `refused` callback, and the gauges read the connection table and the event
 * sender's counters when scraped. prom-client takes as long to import as the
 * rest of the gateway, so it is loaded after the port is open
 * (`LazyMetrics`): observations made before then are queued, not lost.
 */
import type { Counter, Histogram, Registry } from "prom-client";
import { RequestStats } from "./request-stats.js";

type PromClient = typeof import("prom-client");

/** What the metrics read at scrape time. */
export interface MetricsSources {
  /** Open (post-handshake) connections with their role. */
  connections(): Iterable<{ role?: string }>;
  /** Sockets still in the handshake. */
  pending(): number;
  /** Event counters of the sender (monotonic). */
  events(): { sent: number; dropped: number; slowClosed: number };
  /** Bytes of node results held now, and the budget (`gateway.limits.maxNodeResultBytes`). */
  nodeResults?(): { held: number; limitBytes: number };
}

export class GatewayMetrics {
  readonly registry: Registry;
  private readonly refusals: Counter<"reason">;
  private readonly storeWrites: Histogram<"store">;

  constructor(prom: PromClient, sources: MetricsSources, requests: RequestStats, options: { processMetrics?: boolean } = {}) {
    const { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } = prom;
    this.registry = new Registry();
    const registers = [this.registry];
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: "tidegate_" });
    new Gauge({
      name: "tidegate_connections",
      help: "Open connections by role (`handshake`: not yet authenticated).",
      labelNames: ["role"],
      registers,
      collect() {
        this.reset();
        const counts: Record<string, number> = { operator: 0, node: 0 };
        for (const conn of sources.connections()) counts[conn.role ?? "unknown"] = (counts[conn.role ?? "unknown"] ?? 0) + 1;
        for (const [role, n] of Object.entries(counts)) this.set({ role }, n);
        this.set({ role: "handshake" }, sources.pending());
      },
    });
    const eventCounter = (name: string, help: string, pick: (e: ReturnType<MetricsSources["events"]>) => number) =>
      new Counter({
        name,
        help,
        registers,
        collect() {
          this.reset();
          this.inc(pick(sources.events()));
        },
      });
    new Gauge({
      name: "tidegate_node_result_bytes",
      help: "Bytes of node results (`node.invoke` answers) held between arrival and delivery (`state=held`) and the budget (`state=limit`).",
      labelNames: ["state"],
      registers,
      collect() {
        const results = sources.nodeResults?.();
        if (!results) return;
        this.set({ state: "held" }, results.held);
        this.set({ state: "limit" }, results.limitBytes);
      },
    });
    eventCounter("tidegate_events_sent_total", "Event frames written to sockets.", (e) => e.sent);
    eventCounter("tidegate_events_dropped_total", "Droppable events skipped for slow consumers.", (e) => e.dropped);
    eventCounter("tidegate_slow_consumer_closes_total", "Sockets closed because their outbound buffer was full.", (e) => e.slowClosed);
    new Counter({
      name: "tidegate_requests_total",
      help: "Requests by method and outcome (`ok` or the error's details.code).",
      labelNames: ["method", "outcome"],
      registers,
      collect() {
        this.reset();
        for (const [method, outcome, n] of requests.counts()) this.inc({ method, outcome }, n);
      },
    });
    // The latency histogram is counted by RequestStats (cheap on the request path) and handed
    // to the registry as a metric object of prom-client's shape.
    const latency = { name: "tidegate_request_duration_seconds", help: "Time from a request frame to its answer, by method.", type: "histogram", aggregator: "sum" };
    this.registry.registerMetric({ ...latency, get: async () => ({ ...latency, values: requests.histogram(latency.name) }) } as never);
    this.refusals = new Counter({ name: "tidegate_handshake_failures_total", help: "Refused `connect` requests by reason (AUTH_* are authentication failures).", labelNames: ["reason"], registers });
    this.storeWrites = new Histogram({
      name: "tidegate_store_write_duration_seconds",
      help: "Durable state writes (temp file, fsync, rename), by store file.",
      labelNames: ["store"],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    });
  }

  /** A refused `connect`, by its details.code. */
  refused(reason: string): void {
    this.refusals.inc({ reason });
  }

  /** A durable write of a state file. */
  storeWrite(store: string, ms: number): void {
    this.storeWrites.observe({ store }, ms / 1000);
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

/** The recorder the gateway holds from its first moment: forwards to `GatewayMetrics` once prom-client is loaded, queues (bounded) until then. */
export class LazyMetrics {
  private impl?: GatewayMetrics;
  private queue: ((m: GatewayMetrics) => void)[] = [];
  private loading?: Promise<GatewayMetrics>;
  private readonly requests = new RequestStats();

  constructor(private readonly sources: MetricsSources) {}

  /** Load prom-client and build the registry (idempotent). */
  load(): Promise<GatewayMetrics> {
    this.loading ??= import("prom-client").then((prom) => {
      const impl = new GatewayMetrics(prom, this.sources, this.requests);
      for (const apply of this.queue) apply(impl);
      this.queue = [];
      this.impl = impl;
      return impl;
    });
    return this.loading;
  }

  private record(apply: (m: GatewayMetrics) => void): void {
    if (this.impl) apply(this.impl);
    else if (this.queue.length < 10_000) this.queue.push(apply);
  }

  /** The router's `observe`: one answered request. */
  request(method: string, outcome: string, ms: number): void {
    this.requests.record(method, outcome, ms);
  }

  refused(reason: string): void {
    this.record((m) => m.refused(reason));
  }

  storeWrite(store: string, ms: number): void {
    this.record((m) => m.storeWrite(store, ms));
  }
}
