import { describe, expect, it } from "vitest";
import type { GatewayConfig, HeartbeatEvent } from "../../generated/ts/types.js";
import { FakeTime } from "../../testing/fake-time.js";
import { AgentRuns } from "../agents/runs.js";
import { runFixture } from "../agents/test-support.js";
import { ModelProviders } from "../backends/providers.js";
import { HeartbeatService } from "./service.js";
import { heartbeatSettings, isHeartbeatAck, parseDurationMs } from "./settings.js";

const T0 = Date.UTC(2026, 10, 30, 12, 0, 0);

function fixture(config: GatewayConfig) {
  const f = runFixture();
  const time = new FakeTime(T0);
  const events: HeartbeatEvent[] = [];
  const waiters: ((e: HeartbeatEvent) => void)[] = [];
  let heartbeat: HeartbeatService;
  const runs = new AgentRuns({
    agents: f.agents,
    providers: f.providers,
    sessions: f.sessions,
    emit: { agent: () => {}, chat: () => {} },
    now: time.clock.now,
    settings: () => ({ chatDeltaIntervalMs: 0 }),
    systemEvents: { drain: (key) => heartbeat.drainPrompt(key) },
  });
  heartbeat = new HeartbeatService({
    config: () => config,
    agents: f.agents,
    runs,
    emit: (e) => {
      events.push(e);
      waiters.shift()?.(e);
    },
    clock: time.clock,
    timers: time.timerSource,
  });
  const nextEvent = () => new Promise<HeartbeatEvent>((resolve) => waiters.push(resolve));
  return { ...f, runs, time, heartbeat, events, nextEvent };
}

describe("heartbeat settings", () => {
  it("reads intervals like v3 and gives only the default agent a heartbeat unless agents name their own", () => {
    expect([parseDurationMs("30m"), parseDurationMs("1h30m"), parseDurationMs("90s"), parseDurationMs("5"), parseDurationMs("soon")]).toEqual([1_800_000, 5_400_000, 90_000, 300_000, undefined]);
    const plain = heartbeatSettings({}, ["main", "ops"], "main");
    expect(plain.map((a) => [a.agentId, a.enabled, a.every, a.everyMs])).toEqual([
      ["main", true, "30m", 1_800_000],
      ["ops", false, "disabled", null],
    ]);
    const explicit = heartbeatSettings({ agents: { heartbeat: { every: "1h", prompt: "ping" }, list: [{ id: "ops", heartbeat: { every: "0" } }] } }, ["main", "ops"], "main");
    expect(explicit.map((a) => [a.agentId, a.enabled, a.everyMs, a.prompt])).toEqual([
      ["main", false, null, "ping"],
      ["ops", true, null, "ping"],
    ]);
  });

  it("counts HEARTBEAT_OK with a short remark as an acknowledgement, and a real message as not", () => {
    expect(isHeartbeatAck("HEARTBEAT_OK", 300)).toBe(true);
    expect(isHeartbeatAck("**HEARTBEAT_OK**", 300)).toBe(true);
    expect(isHeartbeatAck("All quiet. HEARTBEAT_OK", 300)).toBe(true);
    expect(isHeartbeatAck("All quiet. HEARTBEAT_OK", 3)).toBe(false);
    expect(isHeartbeatAck("The build is red: 3 tests fail.", 300)).toBe(false);
  });
});

describe("heartbeat service", () => {
  it("runs on its interval; a plain acknowledgement is an ok-token event and leaves no trace in the transcript", async () => {
    const f = fixture({ agents: { heartbeat: { every: "10m", prompt: "Say HEARTBEAT_OK" } } });
    f.heartbeat.start();
    const event = f.nextEvent();
    await f.time.advance(10 * 60_000);
    expect(await event).toMatchObject({ status: "ok-token", reason: "interval", agentId: "main", silent: true });
    expect(f.heartbeat.last()).toEqual(f.events[0]);
    expect((await f.sessions.history("agent:main:main")).messages).toEqual([]);
    expect(f.backend.requests[0].messages.at(-1)).toEqual({ role: "user", content: "Say HEARTBEAT_OK" });
    const second = f.nextEvent();
    await f.time.advance(10 * 60_000);
    await second;
    expect(f.events).toHaveLength(2);
    f.heartbeat.stop();
  });

  it("follows a changed interval once rescheduled (the gateway does so on every config change)", async () => {
    const config: GatewayConfig = { agents: { heartbeat: { every: "1h", prompt: "HEARTBEAT_OK" } } };
    const f = fixture(config);
    f.heartbeat.start();
    await f.time.advance(30 * 60_000);
    config.agents = { heartbeat: { every: "5m", prompt: "HEARTBEAT_OK" } };
    f.heartbeat.reschedule();
    const event = f.nextEvent();
    await f.time.advance(5 * 60_000);
    await event;
    expect(f.events).toHaveLength(1);
    config.agents = { heartbeat: { every: "0" } };
    f.heartbeat.reschedule();
    expect(f.time.pendingTimers).toBe(0);
    f.heartbeat.stop();
  });

  it("keeps a real reply in the transcript and reports it skipped (target none, the default) with a preview", async () => {
    const f = fixture({ agents: { heartbeat: { prompt: "Check the build" } } });
    const event = await f.heartbeat.wakeNow();
    expect(event).toMatchObject({ status: "skipped", reason: "target-none", preview: "Echo: Check the build", hasMedia: false });
    expect((await f.sessions.history("agent:main:main")).messages.map((m) => [m.role, m.content])).toEqual([
      ["user", "Check the build"],
      ["assistant", "Echo: Check the build"],
    ]);
  });

  it("reports a failed run as failed with the error", async () => {
    const f = fixture({ agents: { heartbeat: { model: "test/boom" } } });
    expect(await f.heartbeat.wakeNow()).toMatchObject({ status: "failed", reason: "backend exploded" });
  });

  it("skips (rather than fails) when no model is configured", async () => {
    const f = fixture({});
    const runs = new AgentRuns({ agents: f.agents, providers: new ModelProviders({}), sessions: f.sessions, emit: { agent: () => {}, chat: () => {} } });
    const bare = new HeartbeatService({ config: () => ({}), agents: f.agents, runs, emit: () => {}, clock: f.time.clock, timers: f.time.timerSource });
    expect(await bare.wakeNow()).toMatchObject({ status: "skipped", reason: "no-model" });
  });

  it("set-heartbeats off stops the schedule and wake; on resumes it", async () => {
    const f = fixture({ agents: { heartbeat: { every: "1m", prompt: "HEARTBEAT_OK" } } });
    f.heartbeat.start();
    f.heartbeat.setEnabled(false);
    await f.time.advance(5 * 60_000);
    expect(await f.heartbeat.wakeNow()).toBeUndefined();
    expect(f.events).toEqual([]);
    expect(f.time.pendingTimers).toBe(0);
    f.heartbeat.setEnabled(true);
    const event = f.nextEvent();
    await f.time.advance(60_000);
    expect(await event).toMatchObject({ status: "ok-token" });
    f.heartbeat.stop();
  });

  it("skips an interval beat while the main session is busy", async () => {
    const f = fixture({ agents: { heartbeat: { every: "1m" } } });
    const busy = f.runs.start({ message: "long", model: "test/hold" });
    await f.time.settle();
    f.heartbeat.start();
    await f.time.advance(60_000);
    expect(f.events).toEqual([]);
    f.backend.release();
    await busy.done;
    f.heartbeat.stop();
  });

  it("hands queued system events to the next run as one system message before the prompt, once", async () => {
    const f = fixture({});
    expect(f.heartbeat.enqueue("Node: laptop (192.0.2.7)")).toBe(true);
    expect(f.heartbeat.enqueue("Node: laptop (192.0.2.7)")).toBe(false);
    f.heartbeat.enqueue("Deploy finished");
    expect(f.heartbeat.queuedSystemEvents()).toEqual(["Node: laptop (192.0.2.7)", "Deploy finished"]);
    await f.runs.start({ message: "what happened?" }).done;
    const sent = f.backend.requests[0].messages;
    expect(sent.at(-1)).toEqual({ role: "user", content: "what happened?" });
    expect(sent.at(-2)?.role).toBe("system");
    expect(sent.at(-2)?.content).toContain("- [2026-11-30 12:00:00 UTC] Node: laptop (192.0.2.7)\n- [2026-11-30 12:00:00 UTC] Deploy finished");
    expect(f.heartbeat.queuedSystemEvents()).toEqual([]);
    await f.runs.start({ message: "again" }).done;
    expect(f.backend.requests[1].messages.filter((m) => m.role === "system")).toEqual([]);
    const history = await f.sessions.history("agent:main:main");
    expect(history.messages.map((m) => m.role)).toEqual(["system", "user", "assistant", "user", "assistant"]);
  });

  it("keeps at most 20 events per session, dropping the oldest", () => {
    const f = fixture({});
    for (let i = 0; i < 25; i++) f.heartbeat.enqueue(`event ${i}`);
    const queued = f.heartbeat.queuedSystemEvents();
    expect(queued).toHaveLength(20);
    expect(queued[0]).toBe("event 5");
  });

  it("summarizes every agent's settings for status", () => {
    const f = fixture({ agents: { heartbeat: { every: "45m" } } });
    expect(f.heartbeat.summary()).toEqual({ defaultAgentId: "main", agents: [{ agentId: "main", enabled: true, every: "45m", everyMs: 2_700_000 }] });
  });
});
