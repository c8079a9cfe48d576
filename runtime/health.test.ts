/** The health snapshot as v3 shapes it: agents with their session stores, the default agent's store and heartbeat on top. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { EventBus } from "./core/events.js";
import { reusedJson } from "./core/json-cache.js";
import { type AgentHealthSources, agentHealth, HealthMonitor } from "./health.js";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

const agents: AgentHealthSources["agents"] = { store: { list: () => [{ id: "ops", name: "Ops" }, { id: "main" }], defaultId: () => "main" } };
const sessions: AgentHealthSources["sessions"] = {
  storePath: (id) => `/s/agents/${id}/sessions/sessions.json`,
  list: ({ agentId }) => (agentId === "main" ? { rows: [{ key: "agent:main:main", entry: { updatedAt: 900 } }], total: 1 } : { rows: [], total: 0 }),
};

describe("health", () => {
  it("lists the default agent first, each with its store (path, count, five most recent with age)", () => {
    expect(agentHealth(agents, sessions, 1000)).toEqual([
      { agentId: "main", isDefault: true, sessions: { path: "/s/agents/main/sessions/sessions.json", count: 1, recent: [{ key: "agent:main:main", updatedAt: 900, age: 100 }] } },
      { agentId: "ops", name: "Ops", isDefault: false, sessions: { path: "/s/agents/ops/sessions/sessions.json", count: 0, recent: [] } },
    ]);
  });

  it("the snapshot carries v3's members in v3's order; heartbeatSeconds only once heartbeats are known", () => {
    const stateDir = mkdtempSync(join(tmpdir(), "tidegate-health-"));
    dirs.push(stateDir);
    const base = { stateDir, intervalMs: 60_000, now: () => 1000, events: {} as EventBus, versions: { presence: 1, health: 1 } };
    const plain = new HealthMonitor({ ...base, agents: () => agentHealth(agents, sessions, 1000) }).current();
    expect(Object.keys(plain)).toEqual(["ok", "ts", "durationMs", "channels", "channelOrder", "channelLabels", "defaultAgentId", "agents", "sessions"]);
    expect(plain.sessions).toEqual(plain.agents?.[0].sessions);
    const beating = new HealthMonitor({ ...base, agents: () => agentHealth(agents, sessions, 1000, () => ({ enabled: true, every: "30m", everyMs: 1_800_000 })) }).current();
    expect(Object.keys(beating)).toEqual(["ok", "ts", "durationMs", "channels", "channelOrder", "channelLabels", "heartbeatSeconds", "defaultAgentId", "agents", "sessions"]);
    expect(beating.heartbeatSeconds).toBe(1800);
  });

  it("serves the same snapshot, serialized once, until its channel section changes; then a new one", () => {
    const stateDir = mkdtempSync(join(tmpdir(), "tidegate-health-"));
    dirs.push(stateDir);
    let connected = true;
    const monitor = new HealthMonitor({
      stateDir,
      intervalMs: 60_000,
      now: () => 1000,
      events: {} as EventBus,
      versions: { presence: 1, health: 1 },
      channels: () => ({ channels: { irc: { connected } }, channelOrder: ["irc"], channelLabels: { irc: "IRC" } }),
    });
    const first = monitor.current();
    expect(monitor.current()).toBe(first);
    expect(JSON.parse(reusedJson(first)!)).toEqual(JSON.parse(JSON.stringify(first)));
    connected = false;
    const second = monitor.current();
    expect(second).not.toBe(first);
    expect(JSON.parse(reusedJson(second)!).channels).toEqual({ irc: { connected: false } });
    // Plain objects are serialized per answer as before.
    expect(reusedJson({ ok: true })).toBeUndefined();
  });
});
