/**
 * The health snapshot: taken at start, every `healthIntervalMs` (pushed as a
 * `health` event with a new `stateVersion`), and on `health {probe: true}`.
 * `durationMs` is the time the probes took: today the state directory's
 * writability; the channel section is the channel accounts' live state.
 */
import { accessSync, constants as fs } from "node:fs";
import type { AgentHealth, HealthSnapshot } from "../generated/ts/types.js";
import type { EventBus } from "./core/events.js";
import { unchanging } from "./core/json-cache.js";
import type { StateVersions } from "./presence.js";

export interface HealthOptions {
  stateDir: string;
  intervalMs: number;
  now(): number;
  events: EventBus;
  versions: StateVersions;
  /** The channel section (`channels`, `channelOrder`, `channelLabels`), read live: every snapshot shows the accounts' current state. */
  channels?: () => Pick<HealthSnapshot, "channels" | "channelOrder" | "channelLabels">;
  /** Each configured agent with its session store summary (and heartbeat settings, when known), the default first. */
  agents?: () => AgentHealth[];
}

export class HealthMonitor {
  private snapshot: HealthSnapshot;
  private timer?: NodeJS.Timeout;
  private soon?: NodeJS.Timeout;
  private merged?: { from: HealthSnapshot; key: string; value: HealthSnapshot };

  constructor(private readonly options: HealthOptions) {
    this.snapshot = this.take();
  }

  /** The last snapshot taken. */
  current(): HealthSnapshot {
    const { channels } = this.options;
    if (!channels) return this.snapshot;
    const section = channels();
    const key = JSON.stringify(section);
    if (this.merged?.from === this.snapshot && this.merged.key === key) return this.merged.value;
    // Answered to every `health` call: the whole snapshot's JSON text is made once per change, not per answer.
    const value = unchanging({ ...this.snapshot, ...section });
    this.merged = { from: this.snapshot, key, value };
    return value;
  }

  /** Take a fresh snapshot now (without broadcasting it). */
  probe(): HealthSnapshot {
    this.snapshot = this.take();
    return this.current();
  }

  /** Re-take and broadcast the snapshot periodically. */
  start(intervalMs = this.options.intervalMs): void {
    clearInterval(this.timer);
    this.timer = setInterval(() => this.publish(), intervalMs).unref();
  }

  /** Broadcast a fresh snapshot soon (changes within `delayMs` go out as one event): a channel connected or failed. */
  changed(delayMs = 1000): void {
    if (this.soon) return;
    this.soon = setTimeout(() => {
      this.soon = undefined;
      this.publish();
    }, delayMs);
    this.soon.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    clearTimeout(this.soon);
    this.soon = undefined;
  }

  private publish(): void {
    this.probe();
    this.options.versions.health++;
    this.options.events.broadcast("health", this.current(), { stateVersion: { ...this.options.versions } });
  }

  private take(): HealthSnapshot {
    const started = performance.now();
    let ok = true;
    try {
      accessSync(this.options.stateDir, fs.W_OK);
    } catch {
      ok = false;
    }
    const durationMs = Math.round(performance.now() - started);
    const agents = this.options.agents?.() ?? [];
    const defaultAgent = agents.find((a) => a.isDefault) ?? agents[0];
    const everyMs = defaultAgent?.heartbeat?.everyMs;
    // v3's members in v3's order; `sessions` repeats the default agent's store.
    return unchanging({
      ok,
      ts: this.options.now(),
      durationMs,
      channels: {},
      channelOrder: [],
      channelLabels: {},
      ...(defaultAgent?.heartbeat ? { heartbeatSeconds: everyMs ? Math.round(everyMs / 1000) : 0 } : {}),
      defaultAgentId: defaultAgent?.agentId ?? "main",
      agents,
      ...(defaultAgent?.sessions ? { sessions: defaultAgent.sessions } : {}),
    });
  }
}

/** What `agentHealth` reads: the configured agents and their session stores. */
export interface AgentHealthSources {
  agents: { store: { list(): { id: string; name?: string }[]; defaultId(): string } };
  sessions: { storePath(agentId: string): string; list(options: { agentId: string; limit: number }): { rows: { key: string; entry: { updatedAt?: number } }[]; total: number } };
}

/** Sessions shown per agent in `health` (v3: the five most recent). */
const RECENT_SESSIONS = 5;

/** Each configured agent as v3's `health` lists it: id, name, whether default, its session store (path, count, recent). */
export function agentHealth(
  agents: AgentHealthSources["agents"],
  sessions: AgentHealthSources["sessions"],
  now: number,
  /** Each agent's heartbeat settings, once heartbeats exist (v3 lists them; `heartbeatSeconds` follows the default agent's). */
  heartbeat?: (agentId: string) => AgentHealth["heartbeat"],
): AgentHealth[] {
  const defaultId = agents.store.defaultId();
  const list = agents.store.list();
  const ordered = [...list.filter((a) => a.id === defaultId), ...list.filter((a) => a.id !== defaultId)];
  return ordered.map((agent) => {
    const { rows, total } = sessions.list({ agentId: agent.id, limit: RECENT_SESSIONS });
    const recent = rows.map((r) => ({ key: r.key, updatedAt: r.entry.updatedAt || null, age: r.entry.updatedAt ? Math.max(0, now - r.entry.updatedAt) : null }));
    const beat = heartbeat?.(agent.id);
    return {
      agentId: agent.id,
      ...(agent.name ? { name: agent.name } : {}),
      isDefault: agent.id === defaultId,
      ...(beat ? { heartbeat: beat } : {}),
      sessions: { path: sessions.storePath(agent.id), count: total, recent },
    };
  });
}
