/**
 * From `models.providers` to backends: which backend serves a model reference
 * (`provider/model`, or a bare model id any provider lists), the default
 * model, and the list `models.list` shows. With nothing configured, every
 * lookup fails with an error naming the config key to set.
 */
import type { GatewayConfig, ModelChoice } from "../../generated/ts/types.js";
import { CommandBackend } from "./command.js";
import { OpenAiChatBackend } from "./openai-chat.js";
import { BackendError, type ModelBackend } from "./types.js";

type ProviderConfig = NonNullable<NonNullable<GatewayConfig["models"]>["providers"]>[string];

export interface ResolvedModel {
  backend: ModelBackend;
  provider: string;
  model: string;
  /** `provider/model`. */
  ref: string;
}

export const NO_PROVIDER_MESSAGE =
  "no model provider is configured: set models.providers in the config file, e.g. " + '{ models: { providers: { local: { baseUrl: "http://127.0.0.1:11434/v1", models: [{ id: "llama3.2" }] } } } }';

export function createBackend(id: string, provider: ProviderConfig, env: NodeJS.ProcessEnv = process.env): ModelBackend {
  if (provider.api === "command") {
    if (!provider.command) throw new BackendError("config", `models.providers.${id}.command is required for api "command"`);
    return new CommandBackend({ provider: id, command: provider.command, args: provider.args, input: provider.input, timeoutMs: provider.timeoutMs });
  }
  if (!provider.baseUrl) throw new BackendError("config", `models.providers.${id}.baseUrl is required (such as https://api.openai.com/v1)`);
  const apiKey = provider.apiKey ?? (provider.apiKeyEnv ? env[provider.apiKeyEnv] : undefined);
  if (provider.apiKeyEnv && !apiKey && !provider.apiKey)
    throw new BackendError("config", `models.providers.${id}.apiKeyEnv names ${provider.apiKeyEnv}, which is not set in the gateway's environment`);
  return new OpenAiChatBackend({ provider: id, baseUrl: provider.baseUrl, apiKey, headers: provider.headers, timeoutMs: provider.timeoutMs, maxRetries: provider.maxRetries });
}

export class ModelProviders {
  private readonly backends = new Map<string, ModelBackend>();

  constructor(
    private readonly config: NonNullable<GatewayConfig["models"]> = {},
    private readonly env: NodeJS.ProcessEnv = process.env,
    /** Tests and benches inject backends by provider id. */
    injected: Record<string, ModelBackend> = {},
  ) {
    for (const [id, backend] of Object.entries(injected)) this.backends.set(id, backend);
  }

  private get providers(): Record<string, ProviderConfig> {
    return this.config.providers ?? {};
  }

  get configured(): boolean {
    return Object.keys(this.providers).length > 0 || this.backends.size > 0;
  }

  /** The default model reference: `preferred`, else the first provider's first model. */
  defaultRef(preferred?: string): string {
    if (preferred) return preferred;
    for (const [id, provider] of Object.entries(this.providers)) {
      const model = provider.models?.[0]?.id;
      if (model) return `${id}/${model}`;
      if (provider.api === "command") return `${id}/default`;
    }
    const injected = this.backends.keys().next();
    if (!injected.done) return `${injected.value}/default`;
    throw new BackendError("config", NO_PROVIDER_MESSAGE);
  }

  /** The backend for a reference: `provider/model`, or a model id some provider lists. */
  resolve(ref: string): ResolvedModel {
    if (!this.configured) throw new BackendError("config", NO_PROVIDER_MESSAGE);
    const slash = ref.indexOf("/");
    let provider: string | undefined;
    let model = ref;
    if (slash > 0 && (Object.hasOwn(this.providers, ref.slice(0, slash)) || this.backends.has(ref.slice(0, slash)))) {
      provider = ref.slice(0, slash);
      model = ref.slice(slash + 1);
    } else {
      provider = Object.entries(this.providers).find(([, p]) => p.models?.some((m) => m.id === ref))?.[0];
    }
    if (!provider) {
      const known = this.list().map((m) => `${m.provider}/${m.id}`);
      throw new BackendError("not_found", `unknown model '${ref}'${known.length ? `; configured: ${known.join(", ")}` : ""} (models.providers)`);
    }
    let backend = this.backends.get(provider);
    if (!backend) {
      backend = createBackend(provider, this.providers[provider], this.env);
      this.backends.set(provider, backend);
    }
    return { backend, provider, model, ref: `${provider}/${model}` };
  }

  /** Every model of every provider, for `models.list` and `GET /v1/models`. */
  list(): ModelChoice[] {
    const models: ModelChoice[] = [];
    for (const [id, provider] of Object.entries(this.providers)) {
      for (const m of provider.models ?? []) {
        const choice: ModelChoice = { id: m.id, name: m.name ?? m.id, provider: id };
        if (m.contextWindow !== undefined) choice.contextWindow = m.contextWindow;
        if (m.reasoning !== undefined) choice.reasoning = m.reasoning;
        models.push(choice);
      }
    }
    return models;
  }
}
