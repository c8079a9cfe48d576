/**
 * The cron scheduler: jobs in `<state>/cron/jobs.json`, one timer per enabled
 * job, runs through an injected executor, one run-log entry per run.
 *
 * Guarantees (each has a test in service.test.ts):
 * - A job never overlaps itself: a timer that fires while the previous run is
 *   still going records a `skipped` entry; `cron.run` answers `ran: false`.
 * - A job that throws, rejects or hangs is recorded as `error` (a hang with
 *   "timeout: …" after its timeout on the monotonic timer source; the v3 wire
 *   has no `timeout` status) and the scheduler goes on.
 * - Removing or disabling a job clears its timer.
 * - Missed runs (the gateway was down when a job was due): on start each
 *   enabled job whose stored `nextRunAtMs` has passed runs ONCE (catch-up),
 *   then continues on its schedule from now; the other missed occurrences are
 *   not replayed. A one-shot `at` job whose time passed while down runs once.
 *   A run cut short by a crash is recorded as `error` ("interrupted").
 */
import { randomUUID } from "node:crypto";
import type { CronAddParams, CronEvent, CronJob, CronJobPatch, CronRunLogEntry, CronRunStatus } from "../../generated/ts/types.js";
import { GatewayError } from "../errors.js";
import { deliverOutcome, type FailureAlert, reportFailedRun, settleState } from "./delivery.js";
import { type CronExecutor, type CronRunContext, runWithTimeout } from "./executor.js";
import { type CronListOptions, type Page, selectJobs } from "./job-list.js";
import { CronRunLog, DEFAULT_RUN_LOG_LIMITS, type RunLogLimits, type RunLogQuery } from "./run-log.js";
import { nextRunAt } from "./schedule.js";
import { CronStore } from "./store.js";
import type { Clock, TimerSource } from "./time.js";
import { anchored, checkFailureAlert, checkPayload, checkSchedule } from "./validate.js";

/** Node timers cannot wait longer than this; longer waits re-arm. */
const MAX_TIMER_MS = 2 ** 31 - 1;
export const DEFAULT_JOB_TIMEOUT_MS = 10 * 60_000;
/** Grace on top of a webhook's own timeout before the scheduler gives up on it. */
const WEBHOOK_GRACE_MS = 1000;

export interface CronLog {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface CronServiceOptions {
  /** `<state>/cron`. */
  dir: string;
  clock: Clock;
  timers: TimerSource;
  executor: CronExecutor;
  onEvent?: (event: CronEvent) => void;
  log?: CronLog;
  /** When false, jobs are stored and listed but never run on schedule (cron.run still works). */
  enabled?: boolean;
  defaultTimeoutMs?: number;
  runLogLimits?: RunLogLimits;
}

export interface CronRunResultLike {
  ok: true;
  ran: boolean;
  status?: CronRunStatus;
  reason?: "not-due" | "already-running";
}

type Trigger = "schedule" | "catch-up" | "manual";

const notFound = (id: string) => new GatewayError("NOT_FOUND", `no cron job '${id}'`, { id });
const invalid = (message: string) => new GatewayError("INVALID_PARAMS", message);

export class CronService {
  readonly store: CronStore;
  readonly runLog: CronRunLog;
  private readonly jobs = new Map<string, CronJob>();
  private readonly timers = new Map<string, unknown>();
  private readonly running = new Map<string, AbortController>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private started = false;
  private loaded = false;

  constructor(private readonly opts: CronServiceOptions) {
    this.store = new CronStore(opts.dir);
    this.runLog = new CronRunLog(opts.dir, opts.runLogLimits ?? DEFAULT_RUN_LOG_LIMITS);
  }

  get schedulerEnabled(): boolean {
    return this.opts.enabled !== false;
  }

  /** Load the store, record runs a crash cut short, catch up missed runs once, arm timers. */
  /** Read the store (throws on a corrupt one, which is left untouched). */
  load(): void {
    if (this.loaded) return;
    for (const job of this.store.load()) this.jobs.set(job.id, job);
    this.loaded = true;
  }

  start(): void {
    if (this.started) return;
    this.load();
    this.started = true;
    const now = this.opts.clock.now();
    let dirty = false;
    for (const job of this.jobs.values()) {
      if (job.state.runningAtMs !== undefined) {
        this.record(job, { status: "error", error: "interrupted: the gateway stopped during this run", runAtMs: job.state.runningAtMs, durationMs: 0 });
        job.state = { ...job.state, runningAtMs: undefined, lastStatus: "error", lastError: "interrupted: the gateway stopped during this run", lastRunAtMs: job.state.runningAtMs };
        dirty = true;
      }
      if (!job.enabled || !this.schedulerEnabled) continue;
      const due = job.state.nextRunAtMs;
      if (due !== undefined && due <= now) {
        this.opts.log?.info("cron: catching up a missed run", { jobId: job.id, dueAtMs: due });
        this.launch(job, "catch-up");
        continue;
      }
      if (due === undefined) {
        job.state = { ...job.state, nextRunAtMs: this.computeNext(job, now) };
        dirty = true;
      }
      this.arm(job);
    }
    if (dirty) this.persist(true);
  }

  /** Clear every timer and abort running jobs; waits for them to be recorded. */
  async stop(): Promise<void> {
    this.started = false;
    for (const id of [...this.timers.keys()]) this.disarm(id);
    for (const controller of this.running.values()) controller.abort(new Error("the gateway is stopping"));
    await Promise.allSettled([...this.inFlight]);
  }

  list(opts: CronListOptions = {}): { jobs: CronJob[] } & Page {
    const { items, ...rest } = selectJobs([...this.jobs.values()], opts);
    return { jobs: items.map(clone), ...rest };
  }

  get(id: string): CronJob {
    const job = this.jobs.get(id);
    if (!job) throw notFound(id);
    return clone(job);
  }

  /** Jobs running now. */
  get runningJobs(): number {
    return this.running.size;
  }

  /** The scheduler as `cron.status` reports it (v3's members, in v3's order). */
  status(): { enabled: boolean; storePath: string; jobs: number; nextWakeAtMs: number | null } {
    let next: number | null = null;
    for (const job of this.jobs.values()) {
      const at = job.state.nextRunAtMs;
      if (job.enabled && at !== undefined && (next === null || at < next)) next = at;
    }
    return { enabled: this.schedulerEnabled, storePath: this.store.path, jobs: this.jobs.size, nextWakeAtMs: next };
  }

  add(params: CronAddParams): CronJob {
    checkSchedule(params.schedule);
    checkPayload(params);
    const now = this.opts.clock.now();
    const job: CronJob = {
      id: randomUUID(),
      name: params.name,
      ...(params.description !== undefined && { description: params.description }),
      ...(typeof params.agentId === "string" && { agentId: params.agentId }),
      ...(typeof params.sessionKey === "string" && { sessionKey: params.sessionKey }),
      enabled: params.enabled ?? true,
      ...(params.deleteAfterRun !== undefined && { deleteAfterRun: params.deleteAfterRun }),
      createdAtMs: now,
      updatedAtMs: now,
      schedule: anchored(params.schedule, now),
      sessionTarget: params.sessionTarget,
      wakeMode: params.wakeMode,
      payload: params.payload,
      ...(params.delivery !== undefined && { delivery: params.delivery }),
      ...(params.failureAlert !== undefined && { failureAlert: checkFailureAlert(params.failureAlert) }),
      state: {},
    };
    job.state.nextRunAtMs = job.enabled ? this.computeNext(job, now) : undefined;
    this.jobs.set(job.id, job);
    this.persist();
    this.arm(job);
    this.emit({ jobId: job.id, action: "added", nextRunAtMs: job.state.nextRunAtMs, ts: now });
    return clone(job);
  }

  update(id: string, patch: CronJobPatch): CronJob {
    const job = this.jobs.get(id);
    if (!job) throw notFound(id);
    if (patch.schedule) checkSchedule(patch.schedule);
    const now = this.opts.clock.now();
    const { agentId, sessionKey, schedule, failureAlert, ...rest } = patch;
    const next: CronJob = { ...job, ...stripUndefined(rest), state: { ...job.state } };
    if (failureAlert !== undefined) next.failureAlert = checkFailureAlert(failureAlert, job.failureAlert);
    if (schedule) next.schedule = anchored(schedule, now);
    if (agentId === null) delete next.agentId;
    else if (agentId !== undefined) next.agentId = agentId;
    if (sessionKey === null) delete next.sessionKey;
    else if (sessionKey !== undefined) next.sessionKey = sessionKey;
    checkPayload(next);
    next.updatedAtMs = now;
    const reschedule = patch.schedule !== undefined || (patch.enabled !== undefined && patch.enabled !== job.enabled);
    // A new schedule starts afresh: a one-shot `at` that already ran is due again at its new time.
    if (reschedule) next.state.nextRunAtMs = next.enabled ? this.computeNext(next, now, schedule ? false : undefined) : undefined;
    this.jobs.set(id, next);
    this.persist();
    this.arm(next);
    this.emit({ jobId: id, action: "updated", nextRunAtMs: next.state.nextRunAtMs, ts: now });
    return clone(next);
  }

  /** Remove a job and stop its timer; a run in progress is aborted. The run log stays. */
  remove(id: string): { ok: true; removed: boolean } {
    const job = this.jobs.get(id);
    if (!job) return { ok: true, removed: false };
    this.disarm(id);
    this.running.get(id)?.abort(new Error("the job was removed"));
    this.jobs.delete(id);
    this.persist();
    this.emit({ jobId: id, action: "removed", ts: this.opts.clock.now() });
    return { ok: true, removed: true };
  }

  /** Run now (`force`, the default) or only when due (`due`); resolves when the run is recorded. */
  async run(id: string, mode: "due" | "force" = "force"): Promise<CronRunResultLike> {
    const job = this.jobs.get(id);
    if (!job) throw notFound(id);
    if (this.running.has(id)) return { ok: true, ran: false, reason: "already-running" };
    if (mode === "due") {
      const due = job.state.nextRunAtMs;
      if (!job.enabled || due === undefined || due > this.opts.clock.now()) return { ok: true, ran: false, reason: "not-due" };
    }
    const status = await this.launch(job, mode === "due" ? "schedule" : "manual");
    return { ok: true, ran: status !== "skipped", status };
  }

  runs(query: RunLogQuery & { scope?: "job" | "all" } = {}): { entries: CronRunLogEntry[] } & Page {
    const scope = query.scope ?? (query.jobId !== undefined ? "job" : "all");
    if (scope === "job" && query.jobId === undefined) throw invalid("cron.runs: scope `job` needs `id`");
    const names = new Map([...this.jobs.values()].map((j) => [j.id, j.name]));
    // v3 names the jobs (`jobName`) only in a listing of every job.
    return this.runLog.read({ ...query, jobId: scope === "job" ? query.jobId : undefined }, scope === "all" ? names : undefined);
  }

  /** Number of armed timers (tests: removing a job stops its timer). */
  get armedTimers(): number {
    return this.timers.size;
  }

  // ── internals ────────────────────────────────────────────────────────────

  private computeNext(job: CronJob, now: number, hasRun = job.state.lastRunAtMs !== undefined): number | undefined {
    return nextRunAt(job.schedule, now, { createdAtMs: job.createdAtMs, hasRun, jobId: job.id });
  }

  private arm(job: CronJob): void {
    this.disarm(job.id);
    if (!this.started || !this.schedulerEnabled || !job.enabled || job.state.nextRunAtMs === undefined) return;
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, job.state.nextRunAtMs - this.opts.clock.now()));
    this.timers.set(
      job.id,
      this.opts.timers.set(() => this.onTimer(job.id), delay),
    );
  }

  private disarm(id: string): void {
    const handle = this.timers.get(id);
    if (handle === undefined) return;
    this.opts.timers.clear(handle);
    this.timers.delete(id);
  }

  private onTimer(id: string): void {
    this.timers.delete(id);
    const job = this.jobs.get(id);
    if (!job || !this.started) return;
    // A capped wait or a wall clock that moved backwards: not due yet, wait again.
    if (job.state.nextRunAtMs === undefined || job.state.nextRunAtMs > this.opts.clock.now()) return this.arm(job);
    this.launch(job, "schedule");
  }

  private launch(job: CronJob, trigger: Trigger): Promise<CronRunStatus> {
    const task = this.execute(job, trigger);
    this.inFlight.add(task);
    void task.finally(() => this.inFlight.delete(task));
    return task;
  }

  private timeoutOf(job: CronJob): number {
    const p = job.payload;
    if (p.kind === "agentTurn" && p.timeoutSeconds !== undefined) return p.timeoutSeconds * 1000;
    if (p.kind === "webhook") return (p.timeoutMs ?? 30_000) + WEBHOOK_GRACE_MS;
    return this.opts.defaultTimeoutMs ?? DEFAULT_JOB_TIMEOUT_MS;
  }

  private async execute(job: CronJob, trigger: Trigger): Promise<CronRunStatus> {
    const { clock } = this.opts;
    const now = clock.now();
    if (trigger !== "manual") {
      // The next occurrence is strictly after now: missed occurrences are not replayed.
      job.state.nextRunAtMs = job.schedule.kind === "at" ? undefined : this.computeNext(job, now, true);
    }
    if (this.running.has(job.id)) {
      this.record(job, { status: "skipped", error: "the previous run is still in progress", runAtMs: now, durationMs: 0 });
      this.persist(true);
      this.arm(job);
      return "skipped";
    }
    const controller = new AbortController();
    this.running.set(job.id, controller);
    const runId = randomUUID();
    job.state.runningAtMs = now;
    this.persist(true);
    this.arm(job);
    this.emit({ jobId: job.id, action: "started", runAtMs: now, ts: now });
    const started = clock.monotonic();

    const ctx: CronRunContext = { job: clone(job), runId, runAtMs: now, signal: controller.signal };
    let { status, error, outcome } = await runWithTimeout(this.opts.executor, ctx, controller, this.opts.timers, this.timeoutOf(job));
    const delivery = await deliverOutcome(job.delivery, { status, error, outcome }, ctx, this.opts.executor);
    if (delivery.deliveryStatus === "not-delivered" && !job.delivery?.bestEffort && status === "ok") {
      status = "error";
      error = `delivery failed: ${delivery.deliveryError}`;
    }
    this.running.delete(job.id);
    const durationMs = Math.max(0, Math.round(clock.monotonic() - started));
    const current = this.jobs.get(job.id);
    let alert: FailureAlert | undefined;
    if (current) {
      alert = settleState(current, { status, error, durationMs, delivery, runAtMs: now, now: clock.now() });
      // v3: a finished run updates the job.
      current.updatedAtMs = clock.now();
      if (current.schedule.kind === "at") {
        current.enabled = false;
        current.state.nextRunAtMs = undefined;
        this.disarm(current.id);
      }
      if (current.deleteAfterRun && status === "ok") {
        this.disarm(current.id);
        this.jobs.delete(current.id);
        this.emit({ jobId: current.id, action: "removed", ts: clock.now() });
      }
      this.persist(true);
    }
    const finished = {
      status,
      error,
      summary: outcome.summary,
      ...delivery,
      sessionId: outcome.sessionId,
      sessionKey: outcome.sessionKey,
      runAtMs: now,
      durationMs,
      nextRunAtMs: current?.state.nextRunAtMs,
    };
    this.record(job, finished);
    this.emit({ jobId: job.id, action: "finished", ...finished, ts: clock.now() });
    if (status !== "ok") this.opts.log?.warn(`cron: job ${job.id} ${status}`, { jobId: job.id, error, trigger });
    if (status === "error") await reportFailedRun(job, alert, { error, runAtMs: now, durationMs, nextRunAtMs: finished.nextRunAtMs }, ctx, this.opts.executor, this.opts.log);
    return status;
  }

  private record(job: CronJob, fields: Omit<CronRunLogEntry, "ts" | "jobId" | "action">): void {
    const entry = { ts: this.opts.clock.now(), jobId: job.id, action: "finished" as const, ...stripUndefined(fields) } as CronRunLogEntry;
    try {
      this.runLog.append(entry);
    } catch (error) {
      this.opts.log?.error("cron: cannot write the run log", { jobId: job.id, error: String(error) });
    }
  }

  /** Write the store; a failure is logged, and thrown to the caller only for operator changes (not scheduler runs). */
  private persist(fromScheduler = false): void {
    try {
      this.store.save([...this.jobs.values()].map((j) => ({ ...j, state: stripUndefined(j.state) })));
    } catch (error) {
      this.opts.log?.error("cron: cannot write the job store", { path: this.store.path, error: String(error) });
      if (!fromScheduler) throw new GatewayError("INTERNAL", `cannot write ${this.store.path}`, {}, { cause: error });
    }
  }

  private emit(event: CronEvent): void {
    try {
      this.opts.onEvent?.(stripUndefined(event) as CronEvent);
    } catch (error) {
      this.opts.log?.error("cron: event listener failed", { error: String(error) });
    }
  }
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function clone<T>(value: T): T {
  return structuredClone(value);
}
