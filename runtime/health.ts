/**
 * The health snapshot: taken at start, every `healthIntervalMs` (pushed as a
 * `health` event with a new `stateVersion`), and on `health {probe: true}`.
 * `durationMs` is the time the probes took: today the state directory's
 * writability; the channel section is the channel accounts' live state.
 */
import { accessSync, constants as fs } from "node:fs";
import type { HealthSnapshot } from "../generated/ts/types.js";
import type { EventBus } from "./core/events.js";
import type { StateVersions } from "./presence.js";

export interface HealthOptions {
  stateDir: string;
  intervalMs: number;
  now(): number;
  events: EventBus;
  versions: StateVersions;
  /** The channel section (`channels`, `channelOrder`, `channelLabels`), read live: every snapshot shows the accounts' current state. */
  channels?: () => Pick<HealthSnapshot, "channels" | "channelOrder" | "channelLabels">;
}

export class HealthMonitor {
  private snapshot: HealthSnapshot;
  private timer?: NodeJS.Timeout;
  private soon?: NodeJS.Timeout;

  constructor(private readonly options: HealthOptions) {
    this.snapshot = this.take();
  }

  /** The last snapshot taken. */
  current(): HealthSnapshot {
    return this.options.channels ? { ...this.snapshot, ...this.options.channels() } : this.snapshot;
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
    return { ok, ts: this.options.now(), durationMs, channels: {}, channelOrder: [], channelLabels: {}, defaultAgentId: "main", agents: [] };
  }
}
