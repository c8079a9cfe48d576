/** Cron payloads through the gateway's services: a system event lands in the session store, an agent turn runs and is aborted with its job. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CronJob } from "../../generated/ts/types.js";
import type { AgentRuns, RunSnapshot } from "../agents/runs.js";
import { SessionService } from "../sessions/service.js";
import { gatewayExecutor } from "./gateway-executor.js";

const job = (extra: Partial<CronJob>): CronJob =>
  ({
    id: "j1",
    name: "j",
    enabled: true,
    createdAtMs: 1,
    updatedAtMs: 1,
    schedule: { kind: "every", everyMs: 1000 },
    sessionTarget: "main",
    wakeMode: "now",
    payload: { kind: "systemEvent", text: "x" },
    state: {},
    ...extra,
  }) as CronJob;

function fakeRuns(outcome: Partial<RunSnapshot>, hang = false) {
  const calls: { started: unknown[]; aborted: string[] } = { started: [], aborted: [] };
  let finish!: (run: RunSnapshot) => void;
  const runs = {
    start(input: { runId?: string; sessionKey?: string }) {
      calls.started.push(input);
      const run = { runId: input.runId!, agentId: "main", sessionKey: input.sessionKey!, model: "t/m", status: "running", acceptedAt: 1, text: "" } as RunSnapshot;
      const done = new Promise<RunSnapshot>((resolve) => (finish = resolve));
      if (!hang) queueMicrotask(() => finish({ ...run, status: "ok", text: "All good.", ...outcome } as RunSnapshot));
      return { run, existing: false, done };
    },
    abort(runId: string) {
      calls.aborted.push(runId);
      finish({ runId, status: "aborted", text: "" } as RunSnapshot);
      return true;
    },
  } as unknown as AgentRuns;
  return { runs, calls };
}

describe("gatewayExecutor", () => {
  it("appends a system event to the main session, or to a fresh session per isolated run", async () => {
    const sessions = new SessionService({ stateDir: mkdtempSync(join(tmpdir(), "tidegate-cron-exec-")) });
    const exec = gatewayExecutor({ sessions, runs: () => fakeRuns({}).runs });
    const signal = new AbortController().signal;
    const main = await exec.systemEvent({ kind: "systemEvent", text: "Daily digest" }, { job: job({}), runId: "r1", runAtMs: 5, signal });
    expect(main).toEqual({ summary: "Daily digest" });
    const isolated = await exec.systemEvent({ kind: "systemEvent", text: "Once" }, { job: job({ sessionTarget: "isolated" }), runId: "r2", runAtMs: 6, signal });
    expect(isolated.sessionKey).toBe("agent:main:cron:j1:run:r2");
    expect(
      sessions
        .list()
        .rows.map((r) => r.key)
        .sort(),
    ).toEqual(["agent:main:cron:j1:run:r2", "agent:main:main"]);
    expect(sessions.preview(["agent:main:main"])[0].items.at(-1)).toMatchObject({ role: "system" });
  });

  it("runs an agent turn to its outcome, fails the run with the agent's error, and aborts it when the job stops", async () => {
    const sessions = { append: async () => ({ sessionId: "s" }) } as unknown as SessionService;
    const signal = new AbortController().signal;
    const ok = fakeRuns({});
    expect(await gatewayExecutor({ sessions, runs: () => ok.runs }).agentTurn({ kind: "agentTurn", message: "hi" }, { job: job({}), runId: "r1", runAtMs: 1, signal })).toMatchObject({
      summary: "All good.",
      sessionKey: "agent:main:main",
    });
    const failed = fakeRuns({ status: "error", error: "model down" });
    await expect(gatewayExecutor({ sessions, runs: () => failed.runs }).agentTurn({ kind: "agentTurn", message: "hi" }, { job: job({}), runId: "r2", runAtMs: 1, signal })).rejects.toThrow(
      /ended error: model down/,
    );
    const hung = fakeRuns({}, true);
    const stop = new AbortController();
    const pending = gatewayExecutor({ sessions, runs: () => hung.runs }).agentTurn({ kind: "agentTurn", message: "hi" }, { job: job({}), runId: "r3", runAtMs: 1, signal: stop.signal });
    stop.abort();
    await expect(pending).rejects.toThrow(/ended aborted/);
    expect(hung.calls.aborted).toEqual(["cron-r3"]);
  });
  it("queues a main-session system event for the agent's next turn and, with wakeMode now, runs a heartbeat (v3)", async () => {
    const sessions = new SessionService({ stateDir: mkdtempSync(join(tmpdir(), "tidegate-cron-exec-")) });
    const queued: { text: string; contextKey?: string }[] = [];
    let wakes = 0;
    const heartbeat = {
      mainSessionKey: () => "agent:main:main",
      enqueue: (text: string, options: { contextKey?: string } = {}) => (queued.push({ text, ...options }), true),
      wakeNow: async () => (wakes++, { ts: 1, status: "ok-token" as const }),
    };
    const exec = gatewayExecutor({ sessions, runs: () => fakeRuns({}).runs, heartbeat });
    const signal = new AbortController().signal;
    const later = await exec.systemEvent({ kind: "systemEvent", text: "Check the mail" }, { job: job({ wakeMode: "next-heartbeat" }), runId: "r1", runAtMs: 5, signal });
    expect(later).toEqual({ summary: "Check the mail" });
    expect(wakes).toBe(0);
    const now = await exec.systemEvent({ kind: "systemEvent", text: "Stand-up" }, { job: job({}), runId: "r2", runAtMs: 6, signal });
    expect(now).toEqual({ summary: "Stand-up" });
    expect(wakes).toBe(1);
    expect(queued).toEqual([
      { text: "Check the mail", contextKey: "cron:j1" },
      { text: "Stand-up", contextKey: "cron:j1" },
    ]);
    // Nothing was written to the transcript: the text reaches the agent with its next turn.
    expect(sessions.list().rows).toEqual([]);
  });
});
