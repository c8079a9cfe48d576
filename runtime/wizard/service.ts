/**
 * Wizard sessions (`wizard.*`): one running wizard at a time, as v3 — a second
 * `wizard.start` is refused while one runs. A finished session is forgotten
 * once a client has seen its end; a running one nobody has touched for
 * `idleMs` is cancelled, so an abandoned wizard does not block the next.
 * Sessions live in memory: a restart ends them.
 */
import type { WizardNextResult, WizardStatusResult } from "../../generated/ts/types.js";
import { GatewayError } from "../errors.js";
import type { Logger } from "../log.js";
import { type WizardFlow, WizardSession } from "./session.js";

export interface WizardServiceOptions {
  /** The flow of a new session. */
  flow(mode: "local" | "remote"): WizardFlow;
  log?: Logger;
  /** Cancel a running session after this long without a call (default 30 min). */
  idleMs?: number;
}

export class WizardService {
  private readonly sessions = new Map<string, WizardSession>();
  private readonly sweeper: NodeJS.Timeout;
  private readonly idleMs: number;

  constructor(private readonly options: WizardServiceOptions) {
    this.idleMs = options.idleMs ?? 30 * 60_000;
    this.sweeper = setInterval(() => this.sweep(), Math.min(this.idleMs, 60_000));
    this.sweeper.unref();
  }

  private sweep(): void {
    const now = Date.now();
    for (const session of this.sessions.values()) {
      if (session.status === "running" && now - session.touchedAt > this.idleMs) {
        this.options.log?.info("wizard cancelled after being idle", { sessionId: session.id });
        session.cancel();
      }
    }
  }

  private running(): WizardSession | undefined {
    return [...this.sessions.values()].find((s) => s.status === "running");
  }

  private find(sessionId: string): WizardSession {
    const session = this.sessions.get(sessionId);
    if (!session) throw new GatewayError("NOT_FOUND", `no wizard session '${sessionId}' (it ended, or the gateway restarted); start a new one`, { sessionId });
    return session;
  }

  /** Forget a session whose end a client has seen. */
  private settle(session: WizardSession, result: { done: boolean }): void {
    if (result.done) this.sessions.delete(session.id);
  }

  async start(mode: "local" | "remote" = "local"): Promise<WizardNextResult & { sessionId: string }> {
    const busy = this.running();
    if (busy) throw new GatewayError("WIZARD_RUNNING", "a wizard is already running; finish or cancel it (wizard.cancel) first", { sessionId: busy.id });
    if (mode === "remote")
      throw new GatewayError("INVALID_PARAMS", "mode 'remote' sets up a client to reach another gateway; this gateway's wizard sets up this gateway (mode 'local')", { field: "mode" });
    const session = new WizardSession(this.options.flow(mode), (error) => this.options.log?.error("wizard failed", { error: String((error as Error)?.stack ?? error) }));
    this.sessions.set(session.id, session);
    const result = await session.next();
    this.settle(session, result);
    return { sessionId: session.id, ...result };
  }

  async next(sessionId: string, answer?: { stepId: string; value?: unknown }): Promise<WizardNextResult> {
    const session = this.find(sessionId);
    if (answer) session.answer(answer.stepId, answer.value);
    const result = await session.next();
    this.settle(session, result);
    return result;
  }

  cancel(sessionId: string): WizardStatusResult {
    const session = this.find(sessionId);
    session.cancel();
    this.sessions.delete(sessionId);
    return this.statusOf(session);
  }

  status(sessionId: string): WizardStatusResult {
    const session = this.find(sessionId);
    const status = this.statusOf(session);
    if (session.status !== "running") this.sessions.delete(sessionId);
    return status;
  }

  private statusOf(session: WizardSession): WizardStatusResult {
    return { status: session.status, ...(session.error !== undefined && { error: session.error }) };
  }

  /** Cancel every session (gateway stop). */
  close(): void {
    clearInterval(this.sweeper);
    for (const session of this.sessions.values()) session.cancel();
    this.sessions.clear();
  }
}
