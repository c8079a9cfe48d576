/**
 * Heartbeats, system events and usage end to end against the real gateway
 * process and the loopback OpenAI-compatible test backend: a system event
 * reaches the next run's prompt, `wake now` runs a heartbeat whose event
 * arrives and `last-heartbeat` returns, and a run's tokens show in
 * `sessions.usage` and `usage.cost` priced with the configured cost.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GatewayClient } from "../../clients/ts/index.js";
import type { HeartbeatEvent } from "../../generated/ts/types.js";
import { type FakeOpenAi, startFakeOpenAi } from "../../testing/fake-openai.js";
import { type GatewayProcess, startGateway } from "../../testing/gateway-process.js";

let backend: FakeOpenAi;
let gw: GatewayProcess;
let client: GatewayClient;

beforeAll(async () => {
  backend = await startFakeOpenAi({ apiKey: "sk-fake" });
  gw = await startGateway({
    config: {
      models: backend.models([{ id: "echo", cost: { input: 1000, output: 2000 } }]),
      // The fake echoes the prompt, so this heartbeat's reply is a plain acknowledgement.
      agents: { heartbeat: { every: "24h", prompt: "HEARTBEAT_OK" } },
    },
    env: backend.env,
  });
  client = new GatewayClient({ url: gw.url, token: gw.token, reconnect: false });
  await client.start();
});
afterAll(async () => {
  await client?.close();
  await gw?.dispose();
  await backend?.close();
});

describe("system events, heartbeats and usage over the wire", () => {
  it("a system event is queued, shown by status, and reaches the next run's prompt once", async () => {
    expect(await client.call("system-event", { text: "Deploy 42 finished" })).toEqual({ ok: true });
    const status = await client.call("status", {});
    expect(status.queuedSystemEvents).toEqual(["Deploy 42 finished"]);
    expect(status.heartbeat).toEqual({ defaultAgentId: "main", agents: [{ agentId: "main", enabled: true, every: "24h", everyMs: 86_400_000 }] });
    const before = backend.requests.length;
    expect(await client.call("agent", { message: "what is new?", idempotencyKey: "e2e-sys-1" })).toMatchObject({ status: "ok" });
    const sent = backend.requests[before].messages;
    expect(sent.at(-1)).toEqual({ role: "user", content: "what is new?" });
    expect(sent.at(-2)?.role).toBe("system");
    expect(sent.at(-2)?.content).toMatch(/Runtime System Events[\s\S]*\] Deploy 42 finished$/);
    expect((await client.call("status", {})).queuedSystemEvents).toEqual([]);
  });

  it("the run's tokens show in sessions.usage and usage.cost, priced with the model's configured cost", async () => {
    // The fake counts the last user message's length as prompt tokens and 7 completion tokens.
    const usage = await client.call("sessions.usage", { key: "agent:main:main" });
    expect(usage.totals).toMatchObject({ input: 12, output: 7, totalTokens: 19, missingCostEntries: 0 });
    expect(usage.totals.totalCost).toBeCloseTo((12 * 1000 + 7 * 2000) / 1e6, 10);
    expect(usage.sessions).toMatchObject([{ key: "agent:main:main", usage: { messageCounts: { user: 1, assistant: 1 } } }]);
    const cost = await client.call("usage.cost", { days: 1 });
    expect(cost.totals).toMatchObject({ totalTokens: 19 });
    expect(cost.totals.totalCost).toBeCloseTo(0.026, 10);
    expect(cost.daily).toHaveLength(1);
    const logs = await client.call("sessions.usage.logs", { key: "agent:main:main" });
    expect(logs.logs.map((l) => (l as { role: string }).role)).toEqual(["user", "assistant"]);
  });

  it("wake now runs a heartbeat: its event arrives, last-heartbeat returns it, and the acknowledgement leaves the transcript as it was", async () => {
    expect(await client.call("last-heartbeat", {})).toBeNull();
    const arrived = new Promise<HeartbeatEvent>((resolve) => {
      const stop = client.on("heartbeat", (e) => {
        stop();
        resolve(e);
      });
    });
    const before = backend.requests.length;
    expect(await client.call("wake", { mode: "now", text: "Check the build" })).toEqual({ ok: true });
    const event = await arrived;
    expect(event).toMatchObject({ status: "ok-token", reason: "wake", agentId: "main" });
    expect(await client.call("last-heartbeat", {})).toEqual(event);
    expect(backend.requests[before].messages.at(-2)?.content).toContain("Check the build");
    const history = await client.call("chat.history", { sessionKey: "agent:main:main" });
    expect(history.messages.map((m) => m.role)).toEqual(["system", "user", "assistant"]);
    expect(await client.call("set-heartbeats", { enabled: false })).toEqual({ ok: true, enabled: false });
  });
});
