/** Heartbeat and system-event handlers over real services and fake time; results validate against the registry. */
import { describe, expect, it } from "vitest";
import type { GatewayConfig, HeartbeatEvent, MethodName } from "../../generated/ts/types.js";
import { validateResult } from "../../generated/ts/validators.js";
import { FakeTime } from "../../testing/fake-time.js";
import { AgentRuns } from "../agents/runs.js";
import { runFixture } from "../agents/test-support.js";
import { Connections } from "../core/connections.js";
import { EventBus } from "../core/events.js";
import { HeartbeatService } from "../heartbeat/service.js";
import { Presence, selfPresence } from "../presence.js";
import type { CallContext } from "./context.js";
import { heartbeatHandlers } from "./heartbeat.js";

const ctx = { caller: {}, signal: new AbortController().signal } as unknown as CallContext;
const T0 = Date.UTC(2026, 10, 30, 12, 0, 0);

function fixture(config: GatewayConfig = {}) {
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
  const connections = new Connections();
  const presence = new Presence(connections, new EventBus(connections, 1 << 20), { presence: 1, health: 1 }, selfPresence("1.0.0", T0), time.clock.now);
  const h = heartbeatHandlers({ heartbeat, presence, clock: time.clock });
  return { ...f, runs, heartbeat, presence, h, events, nextEvent: () => new Promise<HeartbeatEvent>((r) => waiters.push(r)) };
}

async function call<T>(method: MethodName, run: () => T | Promise<T>): Promise<T> {
  const result = await run();
  const checked = validateResult(method, result);
  if (!checked.ok) throw new Error(`${method} result does not validate: ${checked.message}`);
  return result;
}

describe("heartbeat handlers", () => {
  it("last-heartbeat is null until one ran; wake now runs one and queues its text for it", async () => {
    const f = fixture({ agents: { heartbeat: { prompt: "Look around" } } });
    expect(await call("last-heartbeat", () => f.h["last-heartbeat"]({}, ctx))).toBeNull();
    const event = f.nextEvent();
    expect(await call("wake", () => f.h.wake({ mode: "now", text: "Check the build" }, ctx))).toEqual({ ok: true });
    expect(await event).toMatchObject({ status: "skipped", reason: "target-none", preview: "Echo: Look around" });
    expect(await call("last-heartbeat", () => f.h["last-heartbeat"]({}, ctx))).toEqual(f.events[0]);
    const system = f.backend.requests[0].messages.find((m) => m.role === "system");
    expect(system?.content).toContain("Check the build");
  });

  it("wake next-heartbeat only queues; set-heartbeats answers as v3", async () => {
    const f = fixture();
    await call("wake", () => f.h.wake({ mode: "next-heartbeat", text: "hello" }, ctx));
    expect(f.heartbeat.queuedSystemEvents()).toEqual(["hello"]);
    expect(f.events).toEqual([]);
    expect(await call("set-heartbeats", () => f.h["set-heartbeats"]({ enabled: false }, ctx))).toEqual({ ok: true, enabled: false });
    expect(f.heartbeat.enabled).toBe(false);
  });

  it("system-event queues free text and rejects blank text", async () => {
    const f = fixture();
    expect(await call("system-event", () => f.h["system-event"]({ text: "  wire parity probe " }, ctx))).toEqual({ ok: true });
    expect(f.heartbeat.queuedSystemEvents()).toEqual(["wire parity probe"]);
    expect(f.presence.entries()).toHaveLength(1); // only the gateway: free text is not a presence row
    expect(() => f.h["system-event"]({ text: "   " }, ctx)).toThrow(/text required/);
  });

  it("a Node: beacon updates presence and queues only what changed (periodic reasons are not news)", async () => {
    const f = fixture();
    const beacon = { text: "Node: laptop (192.0.2.7) · app 1.2 · mode ui", deviceId: "dev-1", host: "laptop", ip: "192.0.2.7", version: "1.2", mode: "ui", reason: "launch", lastInputSeconds: 4.7 };
    await f.h["system-event"](beacon, ctx);
    expect(f.heartbeat.queuedSystemEvents()).toEqual(["Node: laptop (192.0.2.7) · app 1.2 · mode ui · reason launch"]);
    expect(f.presence.entries().find((e) => e.deviceId === "dev-1")).toMatchObject({ host: "laptop", ip: "192.0.2.7", version: "1.2", mode: "ui", lastInputSeconds: 4, reason: "launch" });
    await f.h["system-event"]({ ...beacon, reason: "periodic", lastInputSeconds: 30 }, ctx);
    expect(f.heartbeat.queuedSystemEvents()).toHaveLength(1);
    await f.h["system-event"]({ ...beacon, reason: "periodic", version: "1.3" }, ctx);
    expect(f.heartbeat.queuedSystemEvents().at(-1)).toBe("app 1.3");
    await f.h["system-event"]({ text: "Node: studio (192.0.2.9) · mode ui", reason: "launch" }, ctx);
    expect(f.presence.entries().find((e) => e.host === "studio")).toMatchObject({ ip: "192.0.2.9", reason: "launch" });
    expect(f.heartbeat.queuedSystemEvents().at(-1)).toBe("Node: studio (192.0.2.9) · reason launch");
  });
});
