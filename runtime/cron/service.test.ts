/** The scheduler with a fake clock and timers: exact schedules, failures, overlap, restarts. */

import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { CronAddParams, CronEvent } from "../../generated/ts/types.js";
import { FakeTime } from "../../testing/fake-time.js";
import type { CronExecutor, CronRunContext } from "./executor.js";
import { CronService } from "./service.js";

const T0 = Date.UTC(2026, 0, 1, 7, 0, 0);
const dirs: string[] = [];
const services: CronService[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.stop()));
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

type Behaviour = (ctx: CronRunContext) => Promise<{ summary?: string }>;

function setup(opts: { dir?: string; time?: FakeTime; behaviour?: Behaviour; defaultTimeoutMs?: number } = {}) {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), "tidegate-cron-"));
  if (!opts.dir) dirs.push(dir);
  const time = opts.time ?? new FakeTime(T0);
  const calls: CronRunContext[] = [];
  const events: CronEvent[] = [];
  let behaviour: Behaviour = opts.behaviour ?? (async () => ({ summary: "done" }));
  const run = (ctx: CronRunContext) => {
    calls.push(ctx);
    return behaviour(ctx);
  };
  const executor: CronExecutor = { systemEvent: (_p, ctx) => run(ctx), agentTurn: (_p, ctx) => run(ctx), webhook: (_p, ctx) => run(ctx) };
  const service = new CronService({ dir, clock: time.clock, timers: time.timerSource, executor, onEvent: (e) => events.push(e), defaultTimeoutMs: opts.defaultTimeoutMs });
  services.push(service);
  service.start();
  return { dir, time, service, calls, events, setBehaviour: (b: Behaviour) => (behaviour = b) };
}

const every = (everyMs: number, extra: Partial<CronAddParams> = {}): CronAddParams => ({
  name: "tick",
  schedule: { kind: "every", everyMs },
  sessionTarget: "main",
  wakeMode: "now",
  payload: { kind: "systemEvent", text: "tick" },
  ...extra,
});

describe("CronService schedules", () => {
  it("runs an every-second job exactly on its grid and logs each run", async () => {
    const { service, time, calls } = setup();
    const job = service.add(every(1000));
    expect(job.schedule).toEqual({ kind: "every", everyMs: 1000, anchorMs: T0 }); // as the reference stores it
    expect(job.state.nextRunAtMs).toBe(T0 + 1000);
    await time.advance(3500);
    expect(calls.map((c) => c.runAtMs)).toEqual([T0 + 1000, T0 + 2000, T0 + 3000]);
    const { entries, total } = service.runs({ jobId: job.id });
    expect(total).toBe(3);
    expect(entries[0]).toMatchObject({ jobId: job.id, action: "finished", status: "ok", summary: "done", runAtMs: T0 + 3000, nextRunAtMs: T0 + 4000 });
    expect(service.get(job.id).state).toMatchObject({ lastStatus: "ok", nextRunAtMs: T0 + 4000, consecutiveErrors: 0 });
  });

  it("runs a cron expression in its time zone", async () => {
    const { service, time, calls } = setup();
    service.add({ ...every(1), schedule: { kind: "cron", expr: "30 8 * * *", tz: "Europe/Berlin" } });
    await time.advance(29 * 60_000);
    expect(calls).toHaveLength(0);
    await time.advance(60_000);
    expect(calls.map((c) => c.runAtMs)).toEqual([T0 + 30 * 60_000]);
  });

  it("runs an `at` job once, then disables it; deleteAfterRun removes it", async () => {
    const { service, time, calls } = setup();
    const once = service.add({ ...every(1), schedule: { kind: "at", at: new Date(T0 + 5000).toISOString() } });
    const gone = service.add({ ...every(1), schedule: { kind: "at", at: new Date(T0 + 5000).toISOString() }, deleteAfterRun: true });
    await time.advance(60_000);
    expect(calls).toHaveLength(2);
    expect(service.get(once.id)).toMatchObject({ enabled: false, state: { lastStatus: "ok" } });
    expect(service.get(once.id).state.nextRunAtMs).toBeUndefined();
    expect(() => service.get(gone.id)).toThrow(/no cron job/);
    // a new time (re-enabled) makes it due again
    service.update(once.id, { enabled: true, schedule: { kind: "at", at: new Date(T0 + 120_000).toISOString() } });
    expect(service.get(once.id).state.nextRunAtMs).toBe(T0 + 120_000);
    await time.advance(60_000);
    expect(calls).toHaveLength(3);
  });

  it("rejects a bad schedule or webhook url with the field named", () => {
    const { service } = setup();
    expect(() => service.add({ ...every(1), schedule: { kind: "cron", expr: "61 * * * *" } })).toThrow(/schedule\.expr/);
    expect(() => service.add({ ...every(1), schedule: { kind: "cron", expr: "* * * * *", tz: "Nowhere/Land" } })).toThrow(/schedule\.tz/);
    expect(() => service.add({ ...every(1), payload: { kind: "webhook", url: "http://x", headers: { "bad header": "1" } } })).toThrow(/payload\.headers/);
  });
});

describe("CronService failures", () => {
  it("records a throw, a rejection and a hang (timeout) and keeps scheduling", async () => {
    const { service, time, setBehaviour } = setup({ defaultTimeoutMs: 5000 });
    const job = service.add(every(10_000));
    setBehaviour(() => {
      throw new Error("sync boom");
    });
    await time.advance(10_000);
    setBehaviour(() => Promise.reject("just a string"));
    await time.advance(10_000);
    let aborted: unknown;
    setBehaviour((ctx) => new Promise(() => ctx.signal.addEventListener("abort", () => (aborted = ctx.signal.reason))));
    await time.advance(10_000);
    await time.advance(5000);
    setBehaviour(async () => ({ summary: "fine" }));
    await time.advance(5000);
    const { entries } = service.runs({ jobId: job.id });
    expect(entries.map((e) => [e.status, e.error])).toEqual([
      ["ok", undefined],
      ["error", "timeout: no result after 5000 ms"],
      ["error", "just a string"],
      ["error", "sync boom"],
    ]);
    expect(entries[1].durationMs).toBe(5000);
    expect((aborted as Error).message).toBe("timeout: no result after 5000 ms");
    expect(service.get(job.id).state.consecutiveErrors).toBe(0);
  });

  it("never overlaps a job with itself: a tick during a run is skipped, cron.run answers ran:false", async () => {
    let release!: () => void;
    const { service, time, calls } = setup({ behaviour: () => new Promise((r) => (release = () => r({}))) });
    const job = service.add(every(1000));
    await time.advance(1000);
    expect(calls).toHaveLength(1);
    expect(service.runningJobs).toBe(1);
    expect(await service.run(job.id, "force")).toEqual({ ok: true, ran: false, reason: "already-running" });
    await time.advance(2000);
    expect(calls).toHaveLength(1);
    release();
    await time.settle();
    const statuses = service.runs({ jobId: job.id }).entries.map((e) => e.status);
    expect(statuses).toEqual(["ok", "skipped", "skipped"]);
    await time.advance(1000);
    expect(calls).toHaveLength(2);
  });

  it("removing or disabling a job stops its timer", async () => {
    const { service, time, calls } = setup();
    const a = service.add(every(1000));
    const b = service.add(every(1000));
    expect(service.armedTimers).toBe(2);
    service.remove(a.id);
    service.update(b.id, { enabled: false });
    expect(service.armedTimers).toBe(0);
    expect(time.pendingTimers).toBe(0);
    await time.advance(10_000);
    expect(calls).toHaveLength(0);
    expect(service.remove(a.id)).toEqual({ ok: true, removed: false });
  });

  it("cron.run: force runs now and returns the status; due runs only when due", async () => {
    const { service, time, setBehaviour } = setup();
    const job = service.add(every(60_000));
    expect(await service.run(job.id, "due")).toEqual({ ok: true, ran: false, reason: "not-due" });
    setBehaviour(async () => {
      throw new Error("nope");
    });
    expect(await service.run(job.id, "force")).toEqual({ ok: true, ran: true, status: "error" });
    expect(service.get(job.id).state.nextRunAtMs).toBe(T0 + 60_000); // a manual run keeps the schedule
    time.jumpWall(60_000); // due now, timer not fired yet
    setBehaviour(async () => ({}));
    expect(await service.run(job.id, "due")).toEqual({ ok: true, ran: true, status: "ok" });
    expect(service.get(job.id).state.nextRunAtMs).toBe(T0 + 120_000);
    await expect(service.run("missing")).rejects.toThrow(/no cron job 'missing'/);
  });

  it("a wall clock that jumps backwards does not run a job early", async () => {
    const { service, time, calls } = setup();
    service.add(every(10_000));
    time.jumpWall(-60_000);
    await time.advance(10_000);
    expect(calls).toHaveLength(0);
  });
});

describe("CronService persistence and missed runs", () => {
  it("jobs survive a restart; after downtime each job catches up exactly once", async () => {
    const first = setup();
    const job = first.service.add(every(1000, { name: "survivor" }));
    const hourly = first.service.add({ ...every(1), schedule: { kind: "cron", expr: "0 * * * *" } });
    const future = first.service.add({ ...every(1), schedule: { kind: "at", at: new Date(T0 + 10 * 3600_000).toISOString() } });
    await first.time.advance(1000);
    await first.service.stop();
    expect(JSON.parse(readFileSync(join(first.dir, "jobs.json"), "utf8"))).toMatchObject({ version: 1, jobs: [{ name: "survivor" }, {}, {}] });

    // Down for 5 hours and 0.5 s: thousands of every-second runs and 5 hourly runs were missed.
    const time = new FakeTime(T0 + 1000 + 5 * 3600_000 + 500);
    const second = setup({ dir: first.dir, time });
    await time.settle();
    expect(second.calls.map((c) => c.job.id).sort()).toEqual([hourly.id, job.id].sort());
    expect(second.service.get(job.id).state.nextRunAtMs).toBe(T0 + 1000 + 5 * 3600_000 + 1000);
    expect(second.service.get(hourly.id).state.nextRunAtMs).toBe(T0 + 6 * 3600_000);
    expect(second.service.get(future.id).state.nextRunAtMs).toBe(T0 + 10 * 3600_000);
    await time.advance(500);
    expect(second.calls.filter((c) => c.job.id === job.id)).toHaveLength(2);
  });

  it("a run cut short by a crash is recorded as interrupted", async () => {
    const first = setup({ behaviour: () => new Promise(() => undefined) });
    const job = first.service.add(every(1000));
    await first.time.advance(1000);
    // simulate kill -9: copy the store as it is mid-run into a new directory
    const crashed = mkdtempSync(join(tmpdir(), "tidegate-cron-"));
    dirs.push(crashed);
    writeFileSync(join(crashed, "jobs.json"), readFileSync(join(first.dir, "jobs.json")));
    const second = setup({ dir: crashed, time: new FakeTime(T0 + 1200) });
    expect(second.service.runs({ jobId: job.id }).entries[0]).toMatchObject({ status: "error", error: "interrupted: the gateway stopped during this run", runAtMs: T0 + 1000 });
    expect(second.service.get(job.id).state.runningAtMs).toBeUndefined();
  });

  it("a store with a job id that would escape the runs directory is refused, untouched", () => {
    const dir = mkdtempSync(join(tmpdir(), "tidegate-cron-"));
    dirs.push(dir);
    const text = JSON.stringify({ version: 1, jobs: [{ id: "../../etc/x", name: "evil" }] });
    writeFileSync(join(dir, "jobs.json"), text);
    expect(() => setup({ dir })).toThrow(/job id "..\/..\/etc\/x" is not valid/);
    expect(readFileSync(join(dir, "jobs.json"), "utf8")).toBe(text);
  });

  it("a corrupt store is never replaced", () => {
    const dir = mkdtempSync(join(tmpdir(), "tidegate-cron-"));
    dirs.push(dir);
    writeFileSync(join(dir, "jobs.json"), "{ not json");
    expect(() => setup({ dir })).toThrow(/not valid JSON/);
    expect(readFileSync(join(dir, "jobs.json"), "utf8")).toBe("{ not json");
    expect(existsSync(join(dir, "jobs.json.bak"))).toBe(false);
  });
});

describe("CronService list, status, events", () => {
  it("lists by next run, filters and pages; status names the next wake", async () => {
    const { service, events } = setup();
    const slow = service.add(every(60_000, { name: "slow" }));
    const fast = service.add(every(1000, { name: "fast", description: "often" }));
    const off = service.add(every(1000, { name: "off", enabled: false }));
    expect(service.list().jobs.map((j) => j.name)).toEqual(["fast", "slow"]);
    expect(service.list({ includeDisabled: true }).total).toBe(3);
    expect(service.list({ enabled: "disabled" }).jobs.map((j) => j.id)).toEqual([off.id]);
    expect(service.list({ query: "OFTEN" }).jobs.map((j) => j.id)).toEqual([fast.id]);
    expect(service.list({ enabled: "all", sortBy: "name", sortDir: "desc", limit: 1, offset: 1 })).toMatchObject({ total: 3, jobs: [{ name: "off" }] });
    expect(service.status()).toEqual({ enabled: true, storePath: expect.any(String), jobs: 3, nextWakeAtMs: T0 + 1000 });
    expect(service.runningJobs).toBe(0);
    service.update(slow.id, { name: "slower", schedule: { kind: "every", everyMs: 120_000 } });
    expect(service.get(slow.id)).toMatchObject({ name: "slower", state: { nextRunAtMs: T0 + 120_000 } });
    expect(() => service.update("nope", {})).toThrow(/no cron job 'nope'/);
    expect(events.map((e) => e.action)).toEqual(["added", "added", "added", "updated"]);
  });

  it("emits started and finished around each run", async () => {
    const { service, time, events } = setup();
    const job = service.add(every(1000));
    await time.advance(1000);
    expect(events.slice(1)).toEqual([
      { jobId: job.id, action: "started", runAtMs: T0 + 1000, ts: T0 + 1000 },
      { jobId: job.id, action: "finished", status: "ok", summary: "done", deliveryStatus: "not-requested", runAtMs: T0 + 1000, durationMs: 0, nextRunAtMs: T0 + 2000, ts: T0 + 1000 },
    ]);
  });
});

describe("CronService delivery", () => {
  it("webhook delivery POSTs the outcome; announce without channels fails the run unless bestEffort", async () => {
    const { createServer } = await import("node:http");
    const bodies: unknown[] = [];
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (d) => (body += d));
      req.on("end", () => {
        bodies.push(JSON.parse(body));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`;
      const { service } = setup();
      const hooked = service.add(every(60_000, { delivery: { mode: "webhook", to: url } }));
      expect(await service.run(hooked.id)).toMatchObject({ ran: true, status: "ok" });
      expect(bodies[0]).toMatchObject({ jobId: hooked.id, jobName: "tick", status: "ok", summary: "done" });
      expect(service.runs({ jobId: hooked.id }).entries[0]).toMatchObject({ delivered: true, deliveryStatus: "delivered" });

      const agentTurn = { sessionTarget: "isolated", payload: { kind: "agentTurn", message: "hi" } } as const;
      // v3: a main-session event announces nothing (its reply goes out with the heartbeat).
      const event = service.add(every(60_000, { delivery: { mode: "announce", channel: "last" } }));
      expect(await service.run(event.id)).toMatchObject({ ran: true, status: "ok" });
      expect(service.runs({ jobId: event.id }).entries[0]).toMatchObject({ deliveryStatus: "not-requested" });
      const strict = service.add(every(60_000, { ...agentTurn, delivery: { mode: "announce", channel: "last" } }));
      expect(await service.run(strict.id)).toMatchObject({ ran: true, status: "error" });
      expect(service.runs({ jobId: strict.id }).entries[0]).toMatchObject({
        deliveryStatus: "not-delivered",
        error: expect.stringMatching(/^delivery failed: announce delivery needs the channels service/),
      });
      const lenient = service.add(every(60_000, { ...agentTurn, delivery: { mode: "announce", channel: "last", bestEffort: true } }));
      expect(await service.run(lenient.id)).toMatchObject({ ran: true, status: "ok" });
      expect(() => service.add(every(1, { delivery: { mode: "webhook" } }))).toThrow(/delivery\.to/);
      expect(service.runs({ scope: "all", deliveryStatus: "delivered" }).entries.map((e) => e.jobName)).toEqual(["tick"]);
    } finally {
      server.close();
    }
  });
});
