/**
 * The agents family as one service: agent store, model providers (rebuilt when
 * the config's `models` section changes), session access and runs. What
 * handlers, the OpenAI HTTP route and the CLI-facing methods use.
 */
import type { AgentEvent, ChatEvent, GatewayConfig } from "../../generated/ts/types.js";
import { ModelProviders } from "../backends/providers.js";
import type { ModelBackend } from "../backends/types.js";
import { AgentStore } from "./agent-store.js";
import { AgentRuns, type RunDeps, type RunSettings } from "./runs.js";
import { FileSessions, type SessionPort } from "./session-port.js";

export interface AgentServiceOptions {
  stateDir: string;
  /** The current config; read on every use, so changes apply without a restart. */
  config: () => GatewayConfig;
  emit: { agent(payload: AgentEvent): void; chat(payload: ChatEvent): void };
  /** The session store; a small file adapter under the state dir when absent. */
  sessions?: SessionPort;
  now?: () => number;
  /** Backends by provider id that bypass the config (tests, benches). */
  backends?: Record<string, ModelBackend>;
  settings?: Partial<RunSettings>;
  /** Queued system events, handed to a session's next run. */
  systemEvents?: RunDeps["systemEvents"];
}

export class AgentService {
  readonly store: AgentStore;
  readonly sessions: SessionPort;
  readonly runs: AgentRuns;
  private cached?: { models: GatewayConfig["models"]; providers: ModelProviders };

  constructor(private readonly options: AgentServiceOptions) {
    const now = options.now ?? Date.now;
    this.store = new AgentStore(options.stateDir, () => options.config().agents ?? {}, now);
    this.sessions = options.sessions ?? new FileSessions(options.stateDir, now);
    this.runs = new AgentRuns({
      agents: this.store,
      providers: { resolve: (ref) => this.providers().resolve(ref), defaultRef: (preferred) => this.providers().defaultRef(preferred) },
      sessions: this.sessions,
      emit: options.emit,
      now,
      systemEvents: options.systemEvents,
      settings: () => {
        const agents = options.config().agents ?? {};
        return { queueMax: agents.queueMax, runTimeoutMs: agents.runTimeoutMs, defaultModel: agents.model, ...options.settings };
      },
    });
  }

  /** Serve `provider` with `backend` instead of the config (bench, tests). */
  useBackend(provider: string, backend: ModelBackend): void {
    this.options.backends = { ...this.options.backends, [provider]: backend };
    this.cached = undefined;
  }

  /** Abort every run and write pending session changes (gateway shutdown). */
  close(): void {
    for (const run of this.runs.active()) this.runs.abort(run.runId);
    (this.sessions as { flush?: () => void }).flush?.();
  }

  /**
   * The model new sessions use (`agents.model`, else the first configured provider's first model)
   * and its context window when the config gives one; all null without a provider (v3 reports the
   * same members: `status` and `sessions.list` show them as session defaults).
   */
  sessionDefaults(): { modelProvider: string | null; model: string | null; contextTokens: number | null } {
    let ref: string;
    try {
      ref = this.providers().defaultRef(this.options.config().agents?.model);
    } catch {
      return { modelProvider: null, model: null, contextTokens: null };
    }
    const slash = ref.indexOf("/");
    const modelProvider = slash > 0 ? ref.slice(0, slash) : null;
    const model = slash > 0 ? ref.slice(slash + 1) : ref;
    const known = this.providers()
      .list()
      .find((m) => m.id === model && (modelProvider === null || m.provider === modelProvider));
    return { modelProvider, model, contextTokens: known?.contextWindow ?? null };
  }

  /** Providers for the current config (rebuilt when `models` changes). */
  providers(): ModelProviders {
    const models = this.options.config().models;
    if (!this.cached || this.cached.models !== models) this.cached = { models, providers: new ModelProviders(models ?? {}, process.env, this.options.backends ?? {}) };
    return this.cached.providers;
  }
}
