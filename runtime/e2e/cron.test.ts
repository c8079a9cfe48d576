/** End to end: a real job every second against the real process — it runs, is logged, announced, survives a restart, and stops when removed. */

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GatewayProcess, startGateway } from "../../testing/gateway-process.js";
import { RawClient } from "../../testing/raw-client.js";

let gw: GatewayProcess;
let admin: RawClient;
let server: Server;
const hits: { path: string; body: string }[] = [];
let hookUrl = "";

async function waitFor<T>(check: () => T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      hits.push({ path: req.url ?? "", body });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  gw = await startGateway();
  admin = await RawClient.open(gw.url);
  await admin.connect({ token: gw.token });
});
afterAll(async () => {
  admin?.close();
  await gw?.dispose();
  server.close();
});

describe("cron (real process)", () => {
  it("runs a webhook job every second, logs and announces each run, keeps it across a restart, stops it on remove", async () => {
    const added = await admin.request("cron.add", {
      name: "every second",
      schedule: { kind: "every", everyMs: 1000 },
      sessionTarget: "isolated",
      wakeMode: "now",
      payload: { kind: "webhook", url: `${hookUrl}/tick` },
    });
    expect(added.ok).toBe(true);
    const id = added.payload.id as string;
    await waitFor(() => (hits.filter((h) => h.path === "/tick").length >= 3 ? true : undefined), "three webhook POSTs");
    expect(JSON.parse(hits[0].body)).toMatchObject({ jobId: id, name: "every second" });

    const started = await admin.next((f) => f.event === "cron" && f.payload.jobId === id && f.payload.action === "started");
    const finished = await admin.next((f) => f.event === "cron" && f.payload.jobId === id && f.payload.action === "finished");
    expect(started.payload.runAtMs).toBeTypeOf("number");
    expect(finished.payload).toMatchObject({ status: "ok", summary: "HTTP 200: ok" });

    const runs = (await admin.request("cron.runs", { id, limit: 2 })).payload;
    expect(runs.total).toBeGreaterThanOrEqual(3);
    expect(runs.entries).toHaveLength(2);
    expect(runs.entries[0].ts).toBeGreaterThanOrEqual(runs.entries[1].ts);
    expect(runs).toMatchObject({ hasMore: true, nextOffset: 2, entries: [{ jobId: id, action: "finished", status: "ok" }, {}] });
    const status = (await admin.request("cron.status")).payload;
    expect(status).toMatchObject({ enabled: true, jobs: 1 });

    // Restart on the same state directory: the job is still there and runs again.
    admin.close();
    await gw.stop();
    gw = await startGateway({ stateDir: gw.stateDir, port: gw.port, token: gw.token });
    admin = await RawClient.open(gw.url);
    await admin.connect({ token: gw.token });
    expect((await admin.request("cron.list", {})).payload).toMatchObject({ total: 1, jobs: [{ id, name: "every second" }] });
    const before = hits.length;
    await waitFor(() => (hits.length >= before + 2 ? true : undefined), "runs after the restart");

    expect((await admin.request("cron.remove", { id })).payload).toEqual({ ok: true, removed: true });
    await new Promise((r) => setTimeout(r, 300)); // a POST already in flight may still land
    const afterRemove = hits.length;
    await new Promise((r) => setTimeout(r, 2500));
    expect(hits.length).toBe(afterRemove);
  }, 40_000);

  it("a systemEvent job queues its text for the main session's next turn and wakes the heartbeat (v3)", async () => {
    const added = await admin.request("cron.add", {
      name: "digest",
      schedule: { kind: "every", everyMs: 1000 },
      sessionTarget: "main",
      wakeMode: "now",
      payload: { kind: "systemEvent", text: "Daily digest" },
    });
    const id = added.payload.id as string;
    await waitFor(() => (admin.frames.some((f) => f.event === "cron" && f.payload.jobId === id && f.payload.action === "finished") ? true : undefined), "a finished run");
    const entry = (await admin.request("cron.runs", { id })).payload.entries[0];
    // As v3 records it: the event's text is the summary, no session named.
    expect(entry).toMatchObject({ status: "ok", summary: "Daily digest" });
    expect(entry.sessionKey).toBeUndefined();
    // No model is configured here: the heartbeat is skipped and the text stays queued for the next turn.
    expect(admin.frames.some((f) => f.event === "heartbeat")).toBe(true);
    const status = await admin.request("status", {});
    expect(status.payload.queuedSystemEvents).toContain("Daily digest");
    await admin.request("cron.remove", { id });
  }, 20_000);

  it("records a failing job and keeps scheduling; a reader may list but not add", async () => {
    const added = await admin.request("cron.add", {
      name: "fails",
      schedule: { kind: "every", everyMs: 1000 },
      sessionTarget: "isolated",
      wakeMode: "now",
      payload: { kind: "agentTurn", message: "hi" },
    });
    const id = added.payload.id as string;
    await waitFor(() => (admin.frames.filter((f) => f.event === "cron" && f.payload.jobId === id && f.payload.action === "finished").length >= 2 ? true : undefined), "two failed runs");
    const entry = (await admin.request("cron.runs", { id })).payload.entries[0];
    // No model provider is configured here: the agent turn fails with the config key to set, and the scheduler goes on.
    expect(entry).toMatchObject({ status: "error", error: expect.stringMatching(/models\.providers/) });
    const reader = await RawClient.open(gw.url);
    await reader.connect({ token: gw.token, scopes: ["operator.read"] });
    expect((await reader.request("cron.list", {})).ok).toBe(true);
    expect(
      (await reader.request("cron.add", { name: "x", schedule: { kind: "every", everyMs: 1000 }, sessionTarget: "main", wakeMode: "now", payload: { kind: "systemEvent", text: "x" } })).error,
    ).toMatchObject({ code: "INVALID_REQUEST", details: { code: "MISSING_SCOPE" } });
    reader.close();
    await admin.request("cron.remove", { id });
  }, 20_000);
});
