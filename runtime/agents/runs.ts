/**
 * Agent runs. `start` checks what can be checked at once (agent, model
 * provider, session queue) and returns the accepted run; the run then waits
 * for its session's lane, streams the backend's reply as `agent` events
 * (lifecycle start/end/error, assistant deltas, tool calls; one `seq` per run)
 * and `chat` events (delta/final/error/aborted), records the user message,
 * the reply and token usage in the transcript, and settles `done`.
 * The same idempotency key returns the same run while it is remembered.
 */
import { randomUUID } from "node:crypto";
import type { AgentEvent, ChatEvent } from "../../generated/ts/types.js";
import type { ResolvedModel } from "../backends/providers.js";
import { BackendError, type BackendMessage, isAbort, type TokenUsage } from "../backends/types.js";
import { GatewayError } from "../errors.js";
import type { AgentRecord } from "./agent-store.js";
import { QueueFullError, SessionLanes } from "./session-lanes.js";
import type { SessionPort, TranscriptMessage } from "./session-port.js";

export type RunStatus = "queued" | "running" | "ok" | "error" | "timeout" | "aborted";

export interface RunSnapshot {
  runId: string;
  agentId: string;
  sessionKey: string;
  /** `provider/model` used. */
  model: string;
  status: RunStatus;
  acceptedAt: number;
  startedAt?: number;
  endedAt?: number;
  /** The reply so far, or in full once ended. */
  text: string;
  error?: string;
  usage?: TokenUsage;
  stopReason?: string;
}

export interface RunInput {
  message: string;
  agentId?: string;
  sessionKey?: string;
  model?: string;
  idempotencyKey?: string;
  /** Use this run id (chat.send uses the client's idempotency key). */
  runId?: string;
  timeoutMs?: number;
  /** The conversation to send instead of the transcript (the OpenAI HTTP API carries its own). */
  context?: BackendMessage[];
  /** Keep no transcript (the caller carries the conversation, as OpenAI HTTP requests without `user` do). */
  ephemeral?: boolean;
  /** Sent as a system message before the conversation (`agent`'s `extraSystemPrompt`). */
  systemPrompt?: string;
  /**
   * Decide at the end whether the turn stays in the transcript (heartbeats drop a plain
   * acknowledgement). When set, the prompt is written together with the reply, after the run.
   */
  keepTurn?: (reply: string) => boolean;
}

export type RunListener = (event: { type: "delta"; delta: string } | { type: "end"; run: RunSnapshot }) => void;

export interface RunDeps {
  agents: { require(id: string): AgentRecord; defaultId(): string };
  providers: { resolve(ref: string): ResolvedModel; defaultRef(preferred?: string): string };
  sessions: SessionPort;
  emit: { agent(payload: AgentEvent): void; chat(payload: ChatEvent): void };
  now?: () => number;
  settings?: () => Partial<RunSettings>;
  /** System events queued for a session: taken when its run starts and sent as a system message before the prompt. */
  systemEvents?: { drain(sessionKey: string): string | undefined };
}

export interface RunSettings {
  /** Runs waiting per session besides the active one (default 16). */
  queueMax: number;
  runTimeoutMs: number;
  defaultModel?: string;
  /** Transcript messages sent as context (default 40). */
  historyLimit: number;
  /** Least time between two `chat` delta events of a run (default 100 ms; 0 sends every delta). */
  chatDeltaIntervalMs: number;
  /** How long finished runs stay available to `agent.wait` and idempotent repeats (default 10 min). */
  retainMs: number;
  /** Most finished runs remembered (oldest forgotten first; default 10000). */
  retainMax: number;
}

const DEFAULTS: RunSettings = { queueMax: 16, runTimeoutMs: 600_000, historyLimit: 40, chatDeltaIntervalMs: 100, retainMs: 10 * 60_000, retainMax: 10_000 };

export const mainSessionKey = (agentId: string) => `agent:${agentId}:main`;

class Run {
  readonly controller = new AbortController();
  readonly listeners = new Set<RunListener>();
  seq = 0;
  endReason?: "aborted" | "timeout";
  resolveDone!: (run: RunSnapshot) => void;
  readonly done = new Promise<RunSnapshot>((resolve) => (this.resolveDone = resolve));

  constructor(
    readonly state: RunSnapshot,
    readonly input: RunInput,
    readonly resolved: ResolvedModel,
  ) {}

  get ended(): boolean {
    return this.state.endedAt !== undefined;
  }
}

export class AgentRuns {
  private readonly runs = new Map<string, Run>();
  private readonly byKey = new Map<string, { runId: string; expiresAt: number }>();
  readonly lanes: SessionLanes;
  private readonly now: () => number;
  private sweptAt = 0;

  constructor(private readonly deps: RunDeps) {
    this.now = deps.now ?? Date.now;
    this.lanes = new SessionLanes(() => this.settings().queueMax);
  }

  settings(): RunSettings {
    return { ...DEFAULTS, ...stripUndefined(this.deps.settings?.() ?? {}) };
  }

  /** Accept a run (or return the one started with the same idempotency key). Throws at once when it cannot run. */
  start(input: RunInput): { run: RunSnapshot; existing: boolean; done: Promise<RunSnapshot> } {
    this.sweep();
    const previous = input.idempotencyKey !== undefined ? this.byKey.get(input.idempotencyKey) : undefined;
    const again = previous && this.runs.get(previous.runId);
    if (again) return { run: this.snapshot(again), existing: true, done: again.done };
    if (input.runId && this.runs.has(input.runId)) {
      const same = this.runs.get(input.runId)!;
      return { run: this.snapshot(same), existing: true, done: same.done };
    }

    const agent = this.deps.agents.require(input.agentId ?? this.deps.agents.defaultId());
    const settings = this.settings();
    let resolved: ResolvedModel;
    try {
      resolved = this.deps.providers.resolve(input.model ?? agent.model ?? this.deps.providers.defaultRef(settings.defaultModel));
    } catch (error) {
      throw backendGatewayError(error);
    }
    const runId = input.runId ?? randomUUID();
    const sessionKey = input.sessionKey ?? mainSessionKey(agent.id);
    let turn: Promise<void>;
    try {
      turn = this.lanes.acquire(sessionKey, runId);
    } catch (error) {
      if (error instanceof QueueFullError) throw new GatewayError("SESSION_QUEUE_FULL", error.message, { sessionKey, queueMax: error.max }, { retryable: true });
      throw error;
    }
    const run = new Run({ runId, agentId: agent.id, sessionKey, model: resolved.ref, status: "queued", acceptedAt: this.now(), text: "" }, input, resolved);
    this.runs.set(runId, run);
    if (input.idempotencyKey !== undefined) this.byKey.set(input.idempotencyKey, { runId, expiresAt: this.now() + settings.retainMs });
    void this.execute(run, turn);
    return { run: this.snapshot(run), existing: false, done: run.done };
  }

  get(runId: string): RunSnapshot | undefined {
    const run = this.runs.get(runId);
    return run && this.snapshot(run);
  }

  /** Follow a run's deltas and end; returns a function that stops following. */
  follow(runId: string, listener: RunListener): () => void {
    const run = this.runs.get(runId);
    if (!run) return () => {};
    if (run.ended) {
      listener({ type: "end", run: this.snapshot(run) });
      return () => {};
    }
    run.listeners.add(listener);
    return () => run.listeners.delete(listener);
  }

  /** The run's outcome, or `timeout` when it has not ended within `timeoutMs`. */
  async wait(runId: string, timeoutMs: number): Promise<RunSnapshot | "timeout"> {
    const run = this.runs.get(runId);
    if (!run) throw new GatewayError("NOT_FOUND", `unknown run ${runId}`, { runId });
    if (run.ended) return this.snapshot(run);
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), timeoutMs)));
    try {
      return await Promise.race([run.done, expired]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Abort a queued or running run; false when it has already ended or does not exist. */
  abort(runId: string): boolean {
    const run = this.runs.get(runId);
    if (!run || run.ended) return false;
    run.endReason ??= "aborted";
    if (this.lanes.cancel(run.state.sessionKey, runId, new BackendError("aborted", "aborted"))) return true;
    run.controller.abort();
    return true;
  }

  /** Abort a session's active and waiting runs; returns their ids. */
  abortSession(sessionKey: string): string[] {
    const ids = [this.lanes.active(sessionKey), ...this.lanes.waiting(sessionKey)].filter((id): id is string => id !== undefined);
    return ids.filter((id) => this.abort(id));
  }

  /** Runs not yet ended. */
  active(): RunSnapshot[] {
    return [...this.runs.values()].filter((r) => !r.ended).map((r) => this.snapshot(r));
  }

  private snapshot(run: Run): RunSnapshot {
    return { ...run.state, ...(run.state.usage ? { usage: { ...run.state.usage } } : {}) };
  }

  private sweep(): void {
    const now = this.now();
    if (now - this.sweptAt < 1000) return;
    this.sweptAt = now;
    for (const [key, entry] of this.byKey) if (entry.expiresAt <= now) this.byKey.delete(key);
    const { retainMs, retainMax } = this.settings();
    let excess = this.runs.size - retainMax;
    for (const [id, run] of this.runs) {
      if (run.ended && (excess > 0 || now - run.state.endedAt! > retainMs)) {
        this.runs.delete(id);
        excess--;
      }
    }
  }

  private agentEvent(run: Run, stream: string, data: Record<string, unknown>): void {
    this.deps.emit.agent({ runId: run.state.runId, seq: ++run.seq, stream, ts: this.now(), data });
  }

  private chatEvent(run: Run, state: ChatEvent["state"], extra: Partial<ChatEvent> = {}): void {
    this.deps.emit.chat({ runId: run.state.runId, sessionKey: run.state.sessionKey, seq: run.seq, state, ...extra });
  }

  private assistantMessage(run: Run) {
    return { role: "assistant", content: [{ type: "text", text: run.state.text }], timestamp: this.now() };
  }

  private async execute(run: Run, turn: Promise<void>): Promise<void> {
    const { state, input } = run;
    const settings = this.settings();
    let timer: NodeJS.Timeout | undefined;
    let acquired = false;
    let held: TranscriptMessage[] | undefined;
    try {
      await turn;
      acquired = true;
      if (run.endReason) throw new BackendError("aborted", "aborted");
      state.status = "running";
      state.startedAt = this.now();
      this.agentEvent(run, "lifecycle", { phase: "start", startedAt: state.startedAt, sessionKey: state.sessionKey, agentId: state.agentId, model: state.model });
      const session = input.ephemeral ? undefined : await this.deps.sessions.ensure(state.sessionKey, state.agentId);
      let { backend, model } = run.resolved;
      if (session?.model && !input.model) {
        const override = this.deps.providers.resolve(session.model);
        ({ backend, model } = override);
        state.model = override.ref;
      }
      const context: BackendMessage[] = input.context
        ? [...input.context]
        : (input.ephemeral ? [] : (await this.deps.sessions.history(state.sessionKey, { limit: settings.historyLimit })).messages)
            .filter((m) => m.role === "user" || m.role === "assistant")
            .map((m) => ({ role: m.role, content: m.content }));
      if (input.systemPrompt) context.unshift({ role: "system", content: input.systemPrompt });
      const events = input.ephemeral ? undefined : this.deps.systemEvents?.drain(state.sessionKey);
      const prompt: TranscriptMessage[] = [
        ...(events ? [{ role: "system" as const, content: events, ts: this.now(), runId: state.runId }] : []),
        { role: "user", content: input.message, ts: this.now(), runId: state.runId },
      ];
      if (!input.ephemeral && !input.keepTurn) for (const message of prompt) await this.deps.sessions.append(state.sessionKey, message);
      else if (input.keepTurn) held = prompt;
      const timeoutMs = input.timeoutMs ?? settings.runTimeoutMs;
      timer = setTimeout(() => {
        run.endReason ??= "timeout";
        run.controller.abort();
      }, timeoutMs);
      let lastChat = 0;
      const messages = input.context ? context : [...context, { role: "user" as const, content: input.message }];
      if (events) messages.splice(Math.max(0, messages.length - 1), 0, { role: "system", content: events });
      for await (const chunk of backend.stream({ model, messages, signal: run.controller.signal })) {
        if (run.endReason) break;
        if (chunk.type === "text") {
          state.text += chunk.delta;
          // Deltas only: the accumulated text would make a long reply cost O(n²) on the wire (chat events carry it, throttled).
          this.agentEvent(run, "assistant", { delta: chunk.delta });
          for (const listener of run.listeners) listener({ type: "delta", delta: chunk.delta });
          const now = this.now();
          if (now - lastChat >= settings.chatDeltaIntervalMs) {
            lastChat = now;
            this.chatEvent(run, "delta", { message: this.assistantMessage(run) });
          }
        } else if (chunk.type === "tool") {
          this.agentEvent(run, "tool", { phase: "call", toolCallId: chunk.id, name: chunk.name, args: chunk.arguments });
        } else if (chunk.type === "usage") {
          state.usage = chunk.usage;
        } else if (chunk.type === "done" && chunk.finishReason) {
          state.stopReason = chunk.finishReason;
        }
      }
      if (run.endReason) throw new BackendError("aborted", "aborted");
      state.status = "ok";
      state.stopReason ??= "stop";
    } catch (error) {
      if (run.endReason || isAbort(error)) {
        state.status = run.endReason === "timeout" ? "timeout" : "aborted";
        state.stopReason = state.status;
        if (state.status === "timeout") state.error = `run exceeded ${input.timeoutMs ?? settings.runTimeoutMs} ms`;
      } else {
        state.status = "error";
        state.stopReason = "error";
        state.error = error instanceof BackendError || error instanceof GatewayError ? error.message : `internal error: ${(error as Error)?.message ?? error}`;
      }
    } finally {
      clearTimeout(timer);
    }
    state.endedAt = this.now();
    try {
      if (input.ephemeral) {
        // nothing to record
      } else if (state.startedAt !== undefined && (state.text || state.status === "ok")) {
        const reply: TranscriptMessage = { role: "assistant", content: state.text, ts: state.endedAt, runId: state.runId, model: state.model, stopReason: state.stopReason };
        if (state.usage) reply.usage = state.usage;
        const dropped = held !== undefined && state.status === "ok" && input.keepTurn?.(state.text) === false;
        if (!dropped) for (const message of [...(held ?? []), reply]) await this.deps.sessions.append(state.sessionKey, message);
      }
      if (state.usage && !input.ephemeral) await this.deps.sessions.addUsage(state.sessionKey, state.usage);
    } catch (error) {
      state.error ??= `transcript not written: ${(error as Error).message}`;
    }
    if (acquired) this.lanes.release(state.sessionKey, state.runId);
    const timing = { startedAt: state.startedAt ?? state.acceptedAt, endedAt: state.endedAt };
    if (state.status === "error") {
      this.agentEvent(run, "lifecycle", { phase: "error", ...timing, error: state.error });
      this.chatEvent(run, "error", { errorMessage: state.error });
    } else {
      this.agentEvent(run, "lifecycle", { phase: "end", ...timing, status: state.status, ...(state.usage ? { usage: state.usage } : {}) });
      if (state.status === "ok") this.chatEvent(run, "final", { message: this.assistantMessage(run) });
      else if (state.status === "aborted") this.chatEvent(run, "aborted", state.text ? { message: this.assistantMessage(run) } : {});
      else this.chatEvent(run, "error", { errorMessage: state.error });
    }
    const final = this.snapshot(run);
    for (const listener of run.listeners) listener({ type: "end", run: final });
    run.listeners.clear();
    run.resolveDone(final);
  }
}

/** A backend failure as the error a caller sees. */
export function backendGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  if (error instanceof BackendError) {
    if (error.kind === "config") return new GatewayError("MODEL_NOT_CONFIGURED", error.message);
    if (error.kind === "not_found") return new GatewayError("NOT_FOUND", error.message);
    return new GatewayError("MODEL_BACKEND_FAILED", error.message, { kind: error.kind }, { retryable: error.kind !== "auth" });
  }
  return GatewayError.from(error);
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
