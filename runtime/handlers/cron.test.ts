/** cron handlers over a real service in a temp dir with a fake clock. */

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FakeTime } from "../../testing/fake-time.js";
import { CronService } from "../cron/service.js";
import type { GatewayError } from "../errors.js";
import type { CallContext } from "./context.js";
import { cronHandlers } from "./cron.js";

const services: CronService[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.stop()));
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});
const admin = { hasScope: () => true };
const ctx = { caller: admin } as unknown as CallContext;
const readerCtx = { caller: { hasScope: (s: string) => s === "operator.read" } } as unknown as CallContext;

describe("cron handlers", () => {
  it("add, list, update/run/remove by id or jobId, runs", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tidegate-cronh-"));
    dirs.push(dir);
    const time = new FakeTime(0);
    const cron = new CronService({
      dir,
      clock: time.clock,
      timers: time.timerSource,
      executor: { systemEvent: async () => ({ summary: "ok" }), agentTurn: async () => ({}), webhook: async () => ({}) },
    });
    services.push(cron);
    cron.start();
    const h = cronHandlers({ cron });
    const job = await h["cron.add"](
      { name: "probe", schedule: { kind: "every", everyMs: 3_600_000 }, sessionTarget: "main", wakeMode: "next-heartbeat", payload: { kind: "systemEvent", text: "probe" } },
      ctx,
    );
    // v3's paging: without a limit the page is the whole list (50 when empty).
    expect(await h["cron.list"]({}, ctx)).toMatchObject({ total: 1, offset: 0, limit: 1, hasMore: false, nextOffset: null });
    expect(await h["cron.list"]({ includeDisabled: true, limit: 0 as number, offset: 5 }, ctx)).toMatchObject({ jobs: [], total: 1, offset: 1, limit: 1 });
    expect(await h["cron.update"]({ jobId: job.id, patch: { name: "renamed" } }, ctx)).toMatchObject({ name: "renamed" });
    // v3 answers {ok, ran}; the outcome is in the run log.
    expect(await h["cron.run"]({ jobId: job.id }, ctx)).toEqual({ ok: true, ran: true });
    const runs = await h["cron.runs"]({ id: job.id }, ctx);
    expect(runs).toMatchObject({ total: 1, entries: [{ status: "ok", summary: "ok" }] });
    // Members in v3's order; a job's own log names no job (only the listing of every job does).
    expect(Object.keys(runs.entries[0])).toEqual(["ts", "jobId", "action", "status", "summary", "runAtMs", "durationMs", "nextRunAtMs", "deliveryStatus"]);
    expect(await h["cron.runs"]({ scope: "all" }, ctx)).toMatchObject({ entries: [{ jobName: "renamed" }] });
    const status = await h["cron.status"]({}, ctx);
    expect(Object.keys(status)).toEqual(["enabled", "storePath", "jobs", "nextWakeAtMs"]);
    expect(status).toMatchObject({ enabled: true, jobs: 1 });
    // As it goes on the wire (undefined members dropped).
    const state = JSON.parse(JSON.stringify((await h["cron.list"]({}, ctx)).jobs[0].state));
    expect(Object.keys(state)).toEqual(["nextRunAtMs", "lastRunAtMs", "lastRunStatus", "lastStatus", "lastDurationMs", "lastDeliveryStatus", "consecutiveErrors"]);
    // Neither `id` nor `jobId`: v3's words (the CLI prints them as they come).
    for (const method of ["cron.remove", "cron.run", "cron.update"] as const) {
      const call = () => (h[method] as (p: unknown, c: CallContext) => unknown)(method === "cron.update" ? { patch: { enabled: false } } : {}, ctx);
      await expect((async () => call())()).rejects.toMatchObject({
        message: `invalid ${method} params: must have required property 'id'; must have required property 'jobId'; must match a schema in anyOf`,
        details: { code: "INVALID_PARAMS" },
      });
    }
    try {
      await h["cron.run"]({ id: "missing" }, ctx);
    } catch (error) {
      expect((error as GatewayError).details.code).toBe("NOT_FOUND");
    }
    expect(await h["cron.remove"]({ id: job.id }, ctx)).toEqual({ ok: true, removed: true });
  });

  it("readers never see webhook secrets (header values, URL paths, bodies); admins do", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tidegate-cronh-"));
    dirs.push(dir);
    const time = new FakeTime(0);
    const cron = new CronService({ dir, clock: time.clock, timers: time.timerSource, executor: { systemEvent: async () => ({}), agentTurn: async () => ({}), webhook: async () => ({}) } });
    services.push(cron);
    const h = cronHandlers({ cron });
    await h["cron.add"](
      {
        name: "hook",
        schedule: { kind: "every", everyMs: 1000 },
        sessionTarget: "isolated",
        wakeMode: "now",
        payload: { kind: "webhook", url: "https://hooks.example.test/services/T0/B0/secret?x=1", headers: { authorization: "Bearer s3cret" }, body: "token=abc" },
        delivery: { mode: "webhook", to: "https://example.test/private/path" },
      },
      ctx,
    );
    const seen = JSON.stringify(await h["cron.list"]({}, readerCtx));
    for (const secret of ["s3cret", "secret?x", "token=abc", "private/path"]) expect(seen).not.toContain(secret);
    expect(seen).toContain("https://hooks.example.test/…");
    expect(JSON.stringify(await h["cron.list"]({}, ctx))).toContain("Bearer s3cret");
  });
});
