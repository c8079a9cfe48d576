/**
 * Agent heartbeats and the system-event queue behind `wake`, `system-event`,
 * `set-heartbeats`, `last-heartbeat` and `status`.
 *
 * Each agent with a heartbeat (see `settings.ts`) gets an agent turn on its
 * main session every `every`, with the heartbeat prompt; queued system events
 * reach that turn like any other run's. The outcome goes out as a `heartbeat`
 * event (v3's statuses: `ok-empty` and `ok-token` for an empty reply or a plain
 * `HEARTBEAT_OK`, whose turn is then dropped from the transcript; when the agent
 * said something, `sent` once delivered to the heartbeat's `target` (`last`: the
 * channel/peer the main session last heard from, or a channel with `to`),
 * `skipped` with reason `target-none` (the default target) or `no-target` (no
 * channel or peer to send to) and a preview, `failed` when the send failed;
 * `skipped` with reason `no-model` when no model is configured; `failed` with
 * the error). An
 * interval heartbeat is skipped while the session is busy; `wake now` waits
 * for its turn. Nothing here is persisted (as in v3): the switch, the last
 * event and the queue start afresh with the process.
 */
import type { GatewayConfig, HeartbeatEvent, StatusHeartbeat } from "../../generated/ts/types.js";
import type { RunInput, RunSnapshot } from "../agents/runs.js";
import type { ChannelDelivery } from "../channels/deliver.js";
import type { Clock, TimerSource } from "../cron/time.js";
import { GatewayError } from "../errors.js";
import type { Logger } from "../log.js";
import { type AgentHeartbeat, heartbeatSettings, isHeartbeatAck } from "./settings.js";
import { SystemEventQueue, systemEventsPrompt } from "./system-events.js";

/** Longest reply preview carried by a heartbeat event (as v3). */
const PREVIEW_CHARS = 200;

export interface HeartbeatDeps {
  /** The config in force (read on every use). */
  config(): GatewayConfig;
  agents: { list(): { id: string }[]; defaultId(): string };
  runs: {
    start(input: RunInput): { run: RunSnapshot; done: Promise<RunSnapshot> };
    lanes: { active(sessionKey: string): string | undefined };
  };
  emit(event: HeartbeatEvent): void;
  clock: Clock;
  timers: TimerSource;
  log?: Pick<Logger, "info" | "warn">;
  /** Channel delivery for replies; without it every target is `no-target`. */
  delivery?: Pick<ChannelDelivery, "deliver">;
}

/** What triggered a heartbeat (carried as the event's `reason` for acknowledgements). */
export type HeartbeatTrigger = "interval" | "wake";

export const mainSessionOf = (agentId: string) => `agent:${agentId}:main`;

export class HeartbeatService {
  readonly queue: SystemEventQueue;
  private on = true;
  private lastEvent: HeartbeatEvent | null = null;
  private timer: unknown;
  private stopped = true;
  /** Next due time per agent (monotonic ms) and the interval it was computed with. */
  private readonly due = new Map<string, { at: number; everyMs: number }>();
  private readonly running = new Map<string, Promise<HeartbeatEvent | undefined>>();

  constructor(private readonly deps: HeartbeatDeps) {
    this.queue = new SystemEventQueue(() => deps.clock.now());
  }

  /** Start the schedule. */
  start(): void {
    this.stopped = false;
    this.reschedule();
  }

  /** Stop the schedule (runs already started finish on their own). */
  stop(): void {
    this.stopped = true;
    this.deps.timers.clear(this.timer);
    this.timer = undefined;
  }

  get enabled(): boolean {
    return this.on;
  }

  /** `set-heartbeats`: turn periodic heartbeats on or off until the gateway restarts. */
  setEnabled(enabled: boolean): void {
    this.on = enabled;
    this.reschedule();
  }

  /** The last heartbeat event, or null when none ran since start. */
  last(): HeartbeatEvent | null {
    return this.lastEvent && { ...this.lastEvent };
  }

  /** Heartbeat settings of every agent, for `status`. */
  settings(): AgentHeartbeat[] {
    const ids = this.deps.agents.list().map((a) => a.id);
    return heartbeatSettings(this.deps.config(), ids, this.deps.agents.defaultId());
  }

  /** `status`'s `heartbeat` member. */
  summary(): StatusHeartbeat {
    return {
      defaultAgentId: this.deps.agents.defaultId(),
      agents: this.settings().map(({ agentId, enabled, every, everyMs }) => ({ agentId, enabled, every, everyMs })),
    };
  }

  /** The main session that system events go to: the default agent's. */
  mainSessionKey(): string {
    return mainSessionOf(this.deps.agents.defaultId());
  }

  /** Texts waiting for the main session (`status`'s `queuedSystemEvents`). */
  queuedSystemEvents(): string[] {
    return this.queue.peek(this.mainSessionKey()).map((e) => e.text);
  }

  /** Queue a system event for the main session; false when empty or a repeat. */
  enqueue(text: string, options: { contextKey?: string } = {}): boolean {
    return this.queue.enqueue(this.mainSessionKey(), text, options);
  }

  /** For agent runs: take a session's queued events as one system message. */
  drainPrompt(sessionKey: string): string | undefined {
    return systemEventsPrompt(this.queue.drain(sessionKey));
  }

  /** `wake` with mode `now`: run the default agent's heartbeat at once (whether or not it has a schedule). */
  wakeNow(): Promise<HeartbeatEvent | undefined> {
    return this.runOnce(this.deps.agents.defaultId(), "wake");
  }

  /** Re-read the config: agents and intervals (call when it changes). */
  reschedule(): void {
    this.deps.timers.clear(this.timer);
    this.timer = undefined;
    if (this.stopped) return;
    const now = this.deps.clock.monotonic();
    const active = this.on ? this.settings().filter((s) => s.enabled && s.everyMs) : [];
    const ids = new Set(active.map((s) => s.agentId));
    for (const id of this.due.keys()) if (!ids.has(id)) this.due.delete(id);
    for (const s of active) {
      const current = this.due.get(s.agentId);
      if (!current || current.everyMs !== s.everyMs) this.due.set(s.agentId, { at: now + s.everyMs!, everyMs: s.everyMs! });
    }
    if (this.due.size === 0) return;
    const next = Math.min(...[...this.due.values()].map((d) => d.at));
    this.timer = this.deps.timers.set(() => this.tick(), Math.max(0, next - now));
  }

  private tick(): void {
    this.timer = undefined;
    const now = this.deps.clock.monotonic();
    for (const [agentId, due] of this.due) {
      if (due.at > now) continue;
      due.at = now + due.everyMs;
      const sessionKey = mainSessionOf(agentId);
      // A session busy with a user's run is not interrupted: this beat is skipped (as v3).
      if (this.running.has(agentId) || this.deps.runs.lanes.active(sessionKey) !== undefined) continue;
      void this.runOnce(agentId, "interval");
    }
    this.reschedule();
  }

  /** Run one heartbeat for `agentId` (joining one already running); resolves with its event, or undefined when heartbeats are off. */
  runOnce(agentId: string, trigger: HeartbeatTrigger): Promise<HeartbeatEvent | undefined> {
    if (!this.on) return Promise.resolve(undefined);
    const running = this.running.get(agentId);
    if (running) return running;
    const promise = this.beat(agentId, trigger).finally(() => this.running.delete(agentId));
    this.running.set(agentId, promise);
    return promise;
  }

  /** Deliver a heartbeat reply to the agent's target; the event members that say how it went (v3's statuses and reasons). */
  private async send(agentId: string, settings: AgentHeartbeat, text: string, runId: string): Promise<Pick<HeartbeatEvent, "status" | "reason" | "to" | "channel" | "accountId">> {
    if (settings.target === "none") return { status: "skipped", reason: "target-none" };
    if (!this.deps.delivery) return { status: "skipped", reason: "no-target" };
    const request = { channel: settings.target, to: settings.to, accountId: settings.accountId, sessionKey: mainSessionOf(agentId) };
    const outcome = await this.deps.delivery.deliver(request, text, `heartbeat:${runId}`, { mirror: false });
    if (outcome.delivered) {
      const { channel, to, accountId } = outcome.route;
      return { status: "sent", to, channel, ...(accountId ? { accountId } : {}) };
    }
    const code = outcome.error.details.code;
    if (code === "DELIVERY_TARGET_MISSING" || code === "CHANNEL_UNKNOWN" || code === "CHANNEL_UNSUPPORTED") {
      this.deps.log?.info(`heartbeat of agent ${agentId}: nowhere to send the reply: ${outcome.error.message}`);
      return { status: "skipped", reason: "no-target", ...(outcome.route?.channel ? { channel: outcome.route.channel } : {}) };
    }
    return {
      status: "failed",
      reason: outcome.error.message,
      ...(outcome.route?.channel ? { channel: outcome.route.channel } : {}),
      ...(outcome.route?.accountId ? { accountId: outcome.route.accountId } : {}),
    };
  }

  private async beat(agentId: string, trigger: HeartbeatTrigger): Promise<HeartbeatEvent> {
    const started = this.deps.clock.monotonic();
    const settings = heartbeatSettings(this.deps.config(), [agentId], this.deps.agents.defaultId())[0];
    const base = { agentId } as const;
    let event: Omit<HeartbeatEvent, "ts" | "durationMs">;
    try {
      const { done } = this.deps.runs.start({
        message: settings.prompt,
        agentId,
        sessionKey: mainSessionOf(agentId),
        ...(settings.model ? { model: settings.model } : {}),
        keepTurn: (reply) => !isHeartbeatAck(reply, settings.ackMaxChars),
      });
      const final = await done;
      if (final.status !== "ok") {
        event = { ...base, status: "failed", reason: final.error ?? `the heartbeat run ended ${final.status}` };
      } else if (!final.text.trim()) {
        event = { ...base, status: "ok-empty", reason: trigger, silent: true };
      } else if (isHeartbeatAck(final.text, settings.ackMaxChars)) {
        event = { ...base, status: "ok-token", reason: trigger, silent: true };
      } else {
        event = { ...base, ...(await this.send(agentId, settings, final.text.trim(), final.runId)), preview: final.text.trim().slice(0, PREVIEW_CHARS), hasMedia: false };
      }
    } catch (error) {
      // No model at all (a fresh install): nothing to run, which is not a failure of the heartbeat.
      if (error instanceof GatewayError && error.details.code === "MODEL_NOT_CONFIGURED") event = { ...base, status: "skipped", reason: "no-model" };
      else event = { ...base, status: "failed", reason: (error as Error)?.message ?? String(error) };
    }
    const full: HeartbeatEvent = { ts: this.deps.clock.now(), ...event, durationMs: Math.max(0, Math.round(this.deps.clock.monotonic() - started)) };
    if (full.status === "failed") this.deps.log?.warn(`heartbeat of agent ${agentId} failed: ${full.reason}`);
    this.lastEvent = full;
    this.deps.emit({ ...full });
    return full;
  }
}
