/** Output leaving through channels: agent `deliver`, cron `announce` and failure destinations, heartbeat targets. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { CronAddParams, GatewayConfig, HeartbeatEvent } from "../../generated/ts/types.js";
import { FakeTime } from "../../testing/fake-time.js";
import { gatewayExecutor } from "../cron/gateway-executor.js";
import { CronService } from "../cron/service.js";
import { systemTimers } from "../cron/time.js";
import { agentHandlers } from "../handlers/agent.js";
import type { CallContext } from "../handlers/context.js";
import { HeartbeatService } from "../heartbeat/service.js";
import { routeOfSessionKey } from "./deliver.js";
import { deliveryFixture } from "./delivery-fixture.js";

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

async function started(extra: Partial<GatewayConfig> = {}, failing = false) {
  const f = deliveryFixture(extra);
  if (failing) f.channel.failing.add("default");
  await f.channels.start();
  stops.push(() => f.channels.stop());
  return f;
}

const ctx = (accepted: unknown[] = []): CallContext => ({
  caller: { connId: "c1", role: "operator", scopes: ["operator.admin"], isLocal: true, hasScope: () => true },
  signal: new AbortController().signal,
  accept: (p) => void accepted.push(p),
});

/** An inbound DM from `from`, answered on the channel (so its session and the main session learn the route). */
async function inbound(f: Awaited<ReturnType<typeof started>>, from: string) {
  const before = f.channel.sent.length;
  f.channel.receive("default", { from, text: "hello" });
  await f.channel.untilSent(before + 1);
}

describe("delivery targets", () => {
  it("explicit channel and to, the peer a session key names, the last route of a session; and what cannot resolve", async () => {
    const f = await started();
    expect(f.delivery.resolve({ channel: "memory", to: "#ops" })).toEqual({ channel: "memory", to: "#ops" });
    expect(routeOfSessionKey("agent:main:group:memory:#ops")).toEqual({ channel: "memory", to: "#ops" });
    expect(f.delivery.resolve({ sessionKey: "agent:main:dm:memory:carol" })).toEqual({ channel: "memory", to: "carol" });
    expect(() => f.delivery.resolve({ sessionKey: "agent:main:main" })).toThrow(expect.objectContaining({ details: expect.objectContaining({ code: "DELIVERY_TARGET_MISSING" }) }));
    expect(() => f.delivery.resolve({ channel: "memory" })).toThrow(/no recipient on memory/);
    expect(() => f.delivery.resolve({ channel: "telegram", to: "x" })).toThrow(expect.objectContaining({ details: expect.objectContaining({ code: "CHANNEL_UNKNOWN" }) }));

    await inbound(f, "alice");
    // The DM's route is kept on its session and on the agent's main session (v3's lastChannel/lastTo).
    expect(f.sessions.get("agent:main:main")).toMatchObject({ lastChannel: "memory", lastTo: "alice", lastAccountId: "default" });
    expect(f.delivery.resolve({ sessionKey: "agent:main:main" })).toEqual({ channel: "memory", to: "alice", accountId: "default" });
    expect(f.delivery.resolve({ channel: "last", to: "#ops", sessionKey: "agent:main:main" })).toEqual({ channel: "memory", to: "#ops" });
  });

  it("chunks long output to the channel's limit and sends a key once", async () => {
    const f = await started();
    const text = `${"word ".repeat(30)}\n\n${"more ".repeat(10)}`;
    const first = await f.delivery.deliver({ channel: "memory", to: "#ops" }, text, "k1");
    expect(first).toMatchObject({ delivered: true, route: { channel: "memory", to: "#ops" } });
    const chunks = f.channel.sent.length;
    expect(chunks).toBeGreaterThan(1);
    expect(f.channel.sent.every((m) => m.text.length <= 100)).toBe(true);
    await f.delivery.deliver({ channel: "memory", to: "#ops" }, text, "k1");
    expect(f.channel.sent).toHaveLength(chunks);
  });
});

describe("agent deliver", () => {
  it("delivers the reply to an explicit channel target; the answer is v3's usual final answer", async () => {
    const f = await started();
    const h = agentHandlers({ agents: f.agents, delivery: f.delivery });
    const final = await h.agent({ message: "status?", idempotencyKey: "a1", deliver: true, channel: "memory", to: "bob" }, ctx());
    expect(final).toMatchObject({ runId: "a1", status: "ok", summary: "completed", result: { payloads: [{ text: "Echo: status?" }] } });
    expect(f.channel.sent).toEqual([expect.objectContaining({ target: { to: "bob", chatType: "dm" }, text: "Echo: status?" })]);
    // A repeat of the same key answers again but sends nothing more.
    await h.agent({ message: "status?", idempotencyKey: "a1", deliver: true, channel: "memory", to: "bob" }, ctx());
    expect(f.channel.sent).toHaveLength(1);
  });

  it("without channel and to, replies to the peer of its session", async () => {
    const f = await started();
    const h = agentHandlers({ agents: f.agents, delivery: f.delivery });
    await h.agent({ message: "ping", idempotencyKey: "a2", deliver: true, sessionKey: "agent:main:group:memory:#ops" }, ctx());
    expect(f.channel.sent).toEqual([expect.objectContaining({ target: { to: "#ops", chatType: "group" }, text: "Echo: ping" })]);
  });

  it("a failed delivery fails the answer (UNAVAILABLE) unless bestEffortDeliver; an unknown channel fails before the run", async () => {
    const f = await started({}, true);
    const h = agentHandlers({ agents: f.agents, delivery: f.delivery });
    const strict = h.agent({ message: "x", idempotencyKey: "a3", deliver: true, channel: "memory", to: "bob", bestEffortDeliver: false }, ctx());
    await expect(strict).rejects.toMatchObject({ code: "UNAVAILABLE", details: { code: "CHANNEL_NOT_RUNNING", runId: "a3", status: "error", channel: "memory" } });
    const lenient = await h.agent({ message: "x", idempotencyKey: "a4", deliver: true, channel: "memory", to: "bob", bestEffortDeliver: true }, ctx());
    expect(lenient).toMatchObject({ status: "ok", result: { payloads: [{ text: "Echo: x" }] } });
    // v3: on a main session delivery is best effort unless said otherwise.
    expect(await h.agent({ message: "y", idempotencyKey: "a5", deliver: true, channel: "memory", to: "bob" }, ctx())).toMatchObject({ status: "ok" });

    const accepted: unknown[] = [];
    await expect(h.agent({ message: "x", idempotencyKey: "a6", deliver: true, channel: "telegram", to: "bob" }, ctx(accepted))).rejects.toMatchObject({
      code: "INVALID_REQUEST",
      details: { code: "CHANNEL_UNKNOWN" },
    });
    await expect(h.agent({ message: "x", idempotencyKey: "a7", deliver: true }, ctx(accepted))).rejects.toMatchObject({ details: { code: "DELIVERY_TARGET_MISSING" } });
    expect(accepted).toEqual([]);
    // A known channel without a recipient runs, then fails the answer (not best effort) or only the delivery.
    await expect(h.agent({ message: "x", idempotencyKey: "a8", deliver: true, channel: "memory", bestEffortDeliver: false }, ctx(accepted))).rejects.toMatchObject({
      details: { code: "DELIVERY_TARGET_MISSING", channel: "memory", runId: "a8" },
    });
    expect(accepted).toHaveLength(1);
    expect(await h.agent({ message: "x", idempotencyKey: "a9", deliver: true, channel: "memory" }, ctx())).toMatchObject({ status: "ok" });
  });
});

describe("cron announce", () => {
  const isolated = (delivery: CronAddParams["delivery"]): CronAddParams => ({
    name: "digest",
    schedule: { kind: "every", everyMs: 3_600_000 },
    sessionTarget: "isolated",
    wakeMode: "now",
    payload: { kind: "agentTurn", message: "summarize" },
    delivery,
  });

  async function cron(failing = false) {
    const f = await started({}, failing);
    const service = new CronService({
      dir: mkdtempSync(join(tmpdir(), "tidegate-cron-delivery-")),
      clock: { now: () => Date.now(), monotonic: () => performance.now() },
      timers: systemTimers,
      executor: gatewayExecutor({ sessions: f.sessions, runs: () => f.agents.runs, delivery: () => f.delivery }),
    });
    stops.push(() => service.stop());
    return { ...f, service };
  }

  it("sends the agent's reply to the job's target and records it as delivered in the run log", async () => {
    const f = await cron();
    const job = f.service.add(isolated({ mode: "announce", channel: "memory", to: "#ops" }));
    expect(await f.service.run(job.id)).toMatchObject({ ran: true, status: "ok" });
    expect(f.channel.sent).toEqual([expect.objectContaining({ target: { to: "#ops", chatType: "group" }, text: "Echo: summarize" })]);
    expect(f.service.runs({ jobId: job.id }).entries[0]).toMatchObject({ status: "ok", delivered: true, deliveryStatus: "delivered" });
    expect(f.service.get(job.id).state).toMatchObject({ lastDelivered: true, lastDeliveryStatus: "delivered" });
  });

  it("a failed announce fails the run (not with bestEffort), and the failure destination hears of it", async () => {
    const f = await cron();
    const job = f.service.add(isolated({ mode: "announce", channel: "memory", to: "#ops", accountId: "ghost", failureDestination: { channel: "memory", to: "oncall" } }));
    expect(await f.service.run(job.id)).toMatchObject({ ran: true, status: "error" });
    const entry = f.service.runs({ jobId: job.id }).entries[0];
    expect(entry).toMatchObject({ status: "error", delivered: false, deliveryStatus: "not-delivered", deliveryError: expect.stringContaining("ghost") });
    expect(entry.error).toMatch(/^delivery failed: /);
    expect(f.service.get(job.id).state).toMatchObject({ lastDelivered: false, lastDeliveryStatus: "not-delivered", lastDeliveryError: expect.stringContaining("ghost") });
    // (Chunked to the memory channel's 100 characters.)
    expect(f.channel.sent.every((m) => m.target.to === "oncall")).toBe(true);
    expect(f.channel.sent.map((m) => m.text).join(" ")).toMatch(/^Cron job "digest" failed: delivery failed: memory account ghost cannot send/);
    const alerts = f.channel.sent.length;

    const lenient = f.service.add(isolated({ mode: "announce", channel: "memory", to: "#ops", accountId: "ghost", bestEffort: true, failureDestination: { channel: "memory", to: "oncall" } }));
    expect(await f.service.run(lenient.id)).toMatchObject({ status: "ok" });
    expect(f.service.runs({ jobId: lenient.id }).entries[0]).toMatchObject({ status: "ok", deliveryStatus: "not-delivered" });
    expect(f.channel.sent).toHaveLength(alerts);
  });
});

describe("cron failure alerts", () => {
  it("after `after` failures in a row, once per cooldown, and again after a success resets it", async () => {
    const f = await started();
    let now = Date.now();
    let fail = true;
    const executor = {
      ...gatewayExecutor({ sessions: f.sessions, runs: () => f.agents.runs, delivery: () => f.delivery }),
      agentTurn: async () => {
        if (fail) throw new Error("backend down");
        return { summary: "fine" };
      },
    };
    const service = new CronService({
      dir: mkdtempSync(join(tmpdir(), "tidegate-cron-alert-")),
      clock: { now: () => now, monotonic: () => performance.now() },
      timers: systemTimers,
      executor,
    });
    stops.push(() => service.stop());
    const job = service.add({
      name: "backup",
      schedule: { kind: "every", everyMs: 86_400_000 },
      sessionTarget: "isolated",
      wakeMode: "now",
      payload: { kind: "agentTurn", message: "back up" },
      failureAlert: { after: 2, channel: "memory", to: "oncall", cooldownMs: 60_000 },
    });
    const alerts = () => f.channel.sent.filter((m) => m.target.to === "oncall").map((m) => m.text);
    await service.run(job.id);
    expect(alerts()).toEqual([]);
    await service.run(job.id);
    expect(alerts()).toEqual(['Cron job "backup" failed 2 times\nLast error: backend down']);
    expect(service.get(job.id).state.lastFailureAlertAtMs).toBe(now);
    await service.run(job.id); // within the cooldown: no alert
    expect(alerts()).toHaveLength(1);
    now += 60_000;
    await service.run(job.id);
    expect(alerts().at(-1)).toMatch(/^Cron job "backup" failed 4 times/);
    fail = false;
    await service.run(job.id);
    expect(service.get(job.id).state).toMatchObject({ consecutiveErrors: 0 });
    expect(service.get(job.id).state.lastFailureAlertAtMs).toBeUndefined();

    // `false` turns alerts off; a bad setting is refused with what is wrong.
    expect(service.update(job.id, { failureAlert: false }).failureAlert).toBe(false);
    expect(() => service.update(job.id, { failureAlert: { after: 0 } })).toThrow(/failureAlert\.after: an integer of at least 1/);
    expect(service.update(job.id, { failureAlert: { after: 3 } }).failureAlert).toEqual({ after: 3 });
  });
});

describe("heartbeat targets", () => {
  async function beat(heartbeat: NonNullable<NonNullable<GatewayConfig["agents"]>["heartbeat"]>, before?: (f: Awaited<ReturnType<typeof started>>) => Promise<void>) {
    const prompt = "The disk is almost full";
    const f = await started({ agents: { heartbeat: { prompt, ...heartbeat } } });
    await before?.(f);
    const time = new FakeTime(Date.now());
    const service = new HeartbeatService({
      config: f.config,
      agents: f.agents.store,
      runs: f.agents.runs,
      emit: () => undefined,
      clock: time.clock,
      timers: time.timerSource,
      delivery: f.delivery,
    });
    const event = (await service.runOnce("main", "wake")) as HeartbeatEvent;
    return { f, event };
  }

  it("target none (the default) keeps the reply: skipped, target-none", async () => {
    const { f, event } = await beat({});
    expect(event).toMatchObject({ status: "skipped", reason: "target-none", preview: "Echo: The disk is almost full" });
    expect(f.channel.sent).toEqual([]);
  });

  it("target last sends to the peer the main session last heard from; without one it is no-target", async () => {
    const { f, event } = await beat({ target: "last" }, (f) => inbound(f, "alice"));
    expect(event).toMatchObject({ status: "sent", channel: "memory", to: "alice", accountId: "default", preview: "Echo: The disk is almost full" });
    expect(f.channel.sent.at(-1)).toMatchObject({ target: { to: "alice", chatType: "dm" }, text: "Echo: The disk is almost full" });

    const nowhere = await beat({ target: "last" });
    expect(nowhere.event).toMatchObject({ status: "skipped", reason: "no-target" });
  });

  it("an explicit channel and to", async () => {
    const { f, event } = await beat({ target: "memory", to: "#ops" });
    expect(event).toMatchObject({ status: "sent", channel: "memory", to: "#ops" });
    expect(f.channel.sent).toEqual([expect.objectContaining({ target: { to: "#ops", chatType: "group" } })]);
  });
});
