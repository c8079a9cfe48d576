/**
 * The onboarding flow: walks a new gateway's owner through what the config
 * needs — a model provider (an OpenAI-compatible API, or a local `command`),
 * the default model, and how clients authenticate — then, once confirmed,
 * writes it with ONE merge patch through the ConfigService: compare-and-set
 * against the file as it was when the wizard started (someone else's edit in
 * between fails the wizard instead of being overwritten), atomic, applied at
 * once (a changed `gateway.auth` restarts the gateway in-process a little
 * later, so the final step still reaches the client). Secrets typed in
 * (API key, token, password) are never shown back: the summary says "(set)".
 */
import type { GatewayConfig, ModelProvider } from "../../generated/ts/types.js";
import { ConfigConflictError, type ConfigService } from "../config/service.js";
import { GatewayError } from "../errors.js";
import type { Prompter, WizardFlow } from "./session.js";

export interface OnboardingDeps {
  config: Pick<ConfigService, "current" | "get" | "patch" | "path">;
  version: string;
  now(): number;
  /** The gateway's environment (is the API key variable set?). */
  env: NodeJS.ProcessEnv;
  /** A new random gateway token. */
  newToken(): string;
  /** The running gateway's shared secret came from `--token`/`--password` (or the token variable), which win over the file. */
  authFromFlags?: boolean;
}

/** Delay before the in-process restart a changed `gateway.auth` needs, so the last step reaches the client first. */
export const RESTART_DELAY_MS = 2000;

const PROVIDER_KEYS = ["api", "baseUrl", "apiKey", "apiKeyEnv", "headers", "command", "args", "input", "timeoutMs", "maxRetries", "models"] as const;
const ID = /^[a-z0-9][a-z0-9_-]*$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const required = (what: string) => (v: string) => (v ? undefined : `${what} is required`);
const providerId = (v: string) => (ID.test(v) && v.length <= 64 ? undefined : "use lowercase letters, digits, '-' and '_' (such as openai or local)");
function httpUrl(v: string): string | undefined {
  try {
    const url = new URL(v);
    return url.protocol === "http:" || url.protocol === "https:" ? undefined : "the base URL must start with http:// or https://";
  } catch {
    return "enter a URL such as https://api.openai.com/v1 or http://127.0.0.1:11434/v1";
  }
}

interface Plan {
  patch: Record<string, unknown>;
  /** What the final step lists: dotted path → shown value. */
  summary: [string, string][];
  notes: string[];
  authChanged: boolean;
}

async function askProvider(p: Prompter, current: GatewayConfig, env: NodeJS.ProcessEnv, plan: Plan): Promise<void> {
  const existing = Object.keys(current.models?.providers ?? {});
  const kind = await p.select({
    title: "Model provider",
    message: existing.length ? `Configured now: ${existing.join(", ")}. Add or replace a provider?` : "Where do agent replies come from?",
    options: [
      { value: "openai-chat", label: "OpenAI-compatible API", hint: "OpenAI, Ollama, vLLM, LM Studio, OpenRouter…" },
      { value: "command", label: "Local command", hint: "a program whose stdout is the reply" },
      { value: "skip", label: existing.length ? "Keep the providers as they are" : "Skip for now", hint: "agents cannot reply until a provider is set" },
    ],
    initialValue: existing.length ? "skip" : "openai-chat",
  });
  if (kind === "skip") return;
  const id = await p.text({ message: "Provider id (agents name models as <provider>/<model>)", initialValue: kind === "command" ? "local" : "openai", validate: providerId });
  const provider: ModelProvider = { api: kind };
  let model: string;
  if (kind === "openai-chat") {
    provider.baseUrl = await p.text({ message: "Base URL of the API", initialValue: "https://api.openai.com/v1", validate: httpUrl });
    const keySource = await p.select({
      message: "API key",
      options: [
        { value: "env", label: "From an environment variable", hint: "recommended: the key stays out of the config file" },
        { value: "inline", label: "Store it in the config file", hint: "kept with mode 0600, never shown back" },
        { value: "none", label: "No key", hint: "local servers such as Ollama" },
      ],
      initialValue: "env",
    });
    if (keySource === "env") {
      provider.apiKeyEnv = await p.text({
        message: "Environment variable holding the key",
        initialValue: "OPENAI_API_KEY",
        validate: (v) => (ENV_NAME.test(v) ? undefined : "use letters, digits and '_' (such as OPENAI_API_KEY)"),
      });
      if (!env[provider.apiKeyEnv]) plan.notes.push(`${provider.apiKeyEnv} is not set in the gateway's environment: set it and restart the gateway before the first agent run.`);
    } else if (keySource === "inline") {
      provider.apiKey = await p.text({ message: "API key", sensitive: true, validate: required("the API key") });
    }
    model = await p.text({ message: "Model id", initialValue: "gpt-4o-mini", validate: required("the model id") });
  } else {
    provider.command = await p.text({ message: "Program to run (a path or a name on PATH)", placeholder: "/usr/local/bin/my-agent", validate: required("the program") });
    const args = await p.text({ message: "Arguments, separated by spaces (optional; {prompt} is replaced by the prompt, else it arrives on stdin)", initialValue: "" });
    const list = args.split(/\s+/).filter(Boolean);
    if (list.length) provider.args = list;
    provider.input = list.some((a) => a.includes("{prompt}")) ? "argument" : "stdin";
    model = await p.text({ message: "Model id (passed to the program as TIDEGATE_MODEL)", initialValue: "default", validate: required("the model id") });
  }
  provider.models = [{ id: model }];
  // The provider is replaced as a whole: members this answer does not set are removed.
  const replaced: Record<string, unknown> = { ...provider };
  for (const key of PROVIDER_KEYS) if (!(key in replaced)) replaced[key] = null;
  plan.patch.models = { providers: { [id]: replaced } };
  plan.summary.push([`models.providers.${id}.api`, kind]);
  if (provider.baseUrl) plan.summary.push([`models.providers.${id}.baseUrl`, provider.baseUrl]);
  if (provider.apiKeyEnv) plan.summary.push([`models.providers.${id}.apiKeyEnv`, provider.apiKeyEnv]);
  if (provider.apiKey) plan.summary.push([`models.providers.${id}.apiKey`, "(set)"]);
  if (provider.command) plan.summary.push([`models.providers.${id}.command`, [provider.command, ...(provider.args ?? [])].join(" ")]);
  plan.summary.push([`models.providers.${id}.models`, model]);
  const ref = `${id}/${model}`;
  const makeDefault = await p.confirm({ title: "Default model", message: `Make ${ref} the default model of every agent?`, initialValue: true });
  if (makeDefault) {
    plan.patch.agents = { model: ref };
    plan.summary.push(["agents.model", ref]);
  }
}

async function askAuth(p: Prompter, current: GatewayConfig, deps: OnboardingDeps, plan: Plan): Promise<void> {
  const mode = current.gateway?.auth?.mode ?? "token";
  const choice = await p.select({
    title: "Gateway access",
    message: `How do clients authenticate? Now: ${mode} mode.`,
    options: [
      { value: "keep", label: "Keep it as it is" },
      { value: "token-new", label: "A new random token", hint: "written to the config file; every client needs it" },
      { value: "token", label: "A token I choose" },
      { value: "password", label: "A password" },
      { value: "none", label: "No shared secret", hint: "loopback binds only; paired devices still authenticate" },
    ],
    initialValue: "keep",
  });
  if (choice === "keep") return;
  const strong = (what: string) => (v: string) => (v.length >= 12 ? undefined : `the ${what} must have at least 12 characters`);
  let auth: Record<string, unknown>;
  if (choice === "token-new") auth = { mode: "token", token: deps.newToken(), password: null };
  else if (choice === "token") auth = { mode: "token", token: await p.text({ message: "Token", sensitive: true, validate: strong("token") }), password: null };
  else if (choice === "password") auth = { mode: "password", password: await p.text({ message: "Password", sensitive: true, validate: strong("password") }), token: null };
  else {
    const bind = current.gateway?.bind ?? "loopback";
    if (bind !== "loopback") throw new GatewayError("INVALID_PARAMS", `auth mode none needs gateway.bind loopback (it is ${bind}); nothing was written`);
    auth = { mode: "none", token: null, password: null };
  }
  plan.patch.gateway = { auth };
  plan.authChanged = true;
  if (deps.authFromFlags)
    plan.notes.push("This gateway was started with --token/--password (or TIDEGATE_GATEWAY_TOKEN), which win over the config file: the access written here applies once it starts without them.");
  plan.summary.push(["gateway.auth.mode", String(auth.mode)]);
  if (typeof auth.token === "string") plan.summary.push(["gateway.auth.token", choice === "token-new" ? `(new, in ${deps.config.path})` : "(set)"]);
  if (typeof auth.password === "string") plan.summary.push(["gateway.auth.password", "(set)"]);
}

const listing = (rows: [string, string][]) => rows.map(([path, value]) => `  ${path}: ${value}`).join("\n");

/** The onboarding wizard (`wizard.start` with mode `local`). */
export function onboardingFlow(deps: OnboardingDeps): WizardFlow {
  return async (p) => {
    // The file as it is now: the write at the end is compare-and-set against it.
    const { hash: baseHash, exists } = await deps.config.get();
    const current = deps.config.current;
    await p.note("Tidegate onboarding", `This sets up ${deps.config.path}: a model provider, the default model and how clients authenticate. Nothing is written until you confirm at the end.`);
    const plan: Plan = { patch: {}, summary: [], notes: [], authChanged: false };
    await askProvider(p, current, deps.env, plan);
    await askAuth(p, current, deps, plan);
    if (!plan.summary.length) {
      await p.note("Done", "Nothing to change: the config file was left as it is.");
      return;
    }
    const write = await p.confirm({ title: "Write the config", message: `Write these settings to ${deps.config.path}?\n${listing(plan.summary)}`, initialValue: true });
    if (!write) {
      await p.note("Done", "Nothing was written.");
      return;
    }
    plan.patch.wizard = { lastRunAt: new Date(deps.now()).toISOString(), lastRunVersion: deps.version, lastRunCommand: "wizard.start", lastRunMode: "local" };
    let outcome: Awaited<ReturnType<ConfigService["patch"]>>;
    try {
      outcome = await deps.config.patch(JSON.stringify(plan.patch), exists ? baseHash : undefined, "wizard", plan.authChanged ? RESTART_DELAY_MS : undefined);
    } catch (error) {
      if (error instanceof ConfigConflictError) throw new GatewayError("CONFLICT", "the config file changed while the wizard ran; nothing was written — start the wizard again");
      throw new GatewayError("INVALID_PARAMS", `the config was not written: ${(error as Error).message}`);
    }
    const lines = [`Wrote ${deps.config.path}:`, listing(plan.summary), ...plan.notes];
    if (outcome.restartRequired) lines.push(`The gateway restarts to apply: ${outcome.restart.restartPaths.join(", ")}. Clients reconnect with the new credentials.`);
    await p.note("Done", lines.join("\n"));
  };
}
