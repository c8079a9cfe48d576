/**
 * The skills of each agent workspace and what they need (`skills.*`).
 *
 * Parsed skills are cached per set of roots; the cache is checked against a
 * cheap fingerprint of the skill folders on every call (so an added, removed
 * or edited SKILL.md shows at once, unless `skills.load.watch` is false) and
 * dropped when the `skills` config changes (`reload()`, the `reload-skills`
 * hot-reload action). Eligibility (PATH, environment, config) is computed per
 * call, so a binary installed a moment ago counts.
 *
 * `update` writes `skills.entries.<key>` through the ConfigService
 * (compare-and-set on the file's hash, atomic, hot-applied); `install` runs
 * one declared installer (installer.ts).
 */
import { homedir } from "node:os";
import { join } from "node:path";
import type { GatewayConfig, SkillsInstallResult, SkillsStatusResult, SkillsUpdateParams, SkillsUpdateResult } from "../../generated/ts/types.js";
import { redactConfig } from "../config/redact.js";
import { ConfigConflictError, type ConfigService } from "../config/service.js";
import { GatewayError } from "../errors.js";
import { runInstaller } from "./installer.js";
import { fingerprint, loadSkills, type SkillEntry, type SkillRoot, skillRoots } from "./loader.js";
import { collectBins, entryConfig, hostFacts, installId, skillStatus } from "./status.js";

export interface SkillServiceOptions {
  stateDir: string;
  config: Pick<ConfigService, "current" | "get" | "patch">;
  /** The workspace of an agent (the default agent when absent); throws NOT_FOUND for an unknown one. */
  workspaceOf(agentId?: string): string;
  /** Every agent's workspace (`skills.bins`). */
  workspaces(): string[];
  /** Skills shipped with the gateway (none by default). */
  bundledDir?: string;
  /** For `~/.agents/skills` (default: the user's home). */
  homeDir?: string;
  /** Environment the requirements are checked against and installers run with (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  platform?: string;
}

/** Default and bounds of `skills.install`'s timeout (v3's). */
export const INSTALL_TIMEOUT_MS = { default: 300_000, max: 900_000 };

export class SkillService {
  private readonly cache = new Map<string, { print: string; skills: SkillEntry[] }>();
  private readonly installing = new Set<string>();

  constructor(private readonly options: SkillServiceOptions) {}

  /** `<state>/skills`: skills installed for every agent. */
  get managedDir(): string {
    return join(this.options.stateDir, "skills");
  }

  private get config(): GatewayConfig {
    return this.options.config.current;
  }

  private get env(): NodeJS.ProcessEnv {
    return this.options.env ?? process.env;
  }

  /** Forget parsed skills (the `skills` config changed). */
  reload(): void {
    this.cache.clear();
  }

  private roots(workspaceDir: string): SkillRoot[] {
    return skillRoots({
      workspaceDir,
      managedDir: this.managedDir,
      bundledDir: this.options.bundledDir,
      extraDirs: this.config.skills?.load?.extraDirs,
      homeDir: this.options.homeDir ?? homedir(),
    });
  }

  /** The skills of a workspace, from the cache when the folders are unchanged. */
  skills(workspaceDir: string): SkillEntry[] {
    const roots = this.roots(workspaceDir);
    const key = JSON.stringify(roots);
    const cached = this.cache.get(key);
    const watch = this.config.skills?.load?.watch !== false;
    if (cached && !watch) return cached.skills;
    const print = fingerprint(roots);
    if (cached?.print === print) return cached.skills;
    const skills = loadSkills(roots);
    this.cache.set(key, { print, skills });
    return skills;
  }

  /** `skills.status`. */
  status(agentId?: string): SkillsStatusResult {
    const workspaceDir = this.options.workspaceOf(agentId);
    const host = hostFacts(this.env, this.options.platform);
    const config = this.config;
    return { workspaceDir, managedSkillsDir: this.managedDir, skills: this.skills(workspaceDir).map((s) => skillStatus(s, config, host)) };
  }

  /** `skills.bins`: every binary the skills of every workspace mention, sorted. */
  bins(): string[] {
    const all = new Set<string>();
    for (const dir of new Set(this.options.workspaces())) for (const bin of collectBins(this.skills(dir))) all.add(bin);
    return [...all].sort();
  }

  /** `skills.update`: change `skills.entries.<key>` (empty `apiKey` or env value removes it). */
  async update(params: SkillsUpdateParams): Promise<SkillsUpdateResult> {
    const entry: Record<string, unknown> = {};
    if (typeof params.enabled === "boolean") entry.enabled = params.enabled;
    if (typeof params.apiKey === "string") entry.apiKey = params.apiKey.trim() || null;
    if (params.env) {
      const env: Record<string, string | null> = {};
      for (const [rawKey, value] of Object.entries(params.env)) {
        const key = rawKey.trim();
        if (key) env[key] = value.trim() || null;
      }
      entry.env = env;
    }
    const patch = JSON.stringify({ skills: { entries: { [params.skillKey]: entry } } });
    // Compare-and-set against the file as it is now; a writer in between makes us read again.
    for (let attempt = 0; ; attempt++) {
      const { hash, exists } = await this.options.config.get();
      try {
        await this.options.config.patch(patch, exists ? hash : undefined, "skills.update");
        break;
      } catch (error) {
        if (!(error instanceof ConfigConflictError) || attempt >= 2) throw error;
      }
    }
    this.reload();
    const now = entryConfig(this.config, params.skillKey) ?? {};
    return { ok: true, skillKey: params.skillKey, config: redactConfig(now, `skills.entries.${params.skillKey}`) as Record<string, unknown> };
  }

  /** `skills.install`: run installer `installId` of skill `name` (a skill of the default agent's workspace). */
  async install(params: { name: string; installId: string; timeoutMs?: number }, signal: AbortSignal): Promise<SkillsInstallResult> {
    const skill = this.skills(this.options.workspaceOf()).find((s) => s.name === params.name);
    if (!skill) throw new GatewayError("NOT_FOUND", `no skill named '${params.name}'; skills.status lists them`, { name: params.name });
    const specs = skill.manifest?.install ?? [];
    const index = specs.findIndex((spec, i) => installId(spec, i) === params.installId);
    if (index === -1) {
      const ids = specs.map(installId);
      throw new GatewayError("NOT_FOUND", `skill '${skill.name}' has no installer '${params.installId}'${ids.length ? `; it has: ${ids.join(", ")}` : "; it declares none"}`, {
        name: skill.name,
        installId: params.installId,
      });
    }
    const key = skill.skillKey;
    if (this.installing.has(key)) throw new GatewayError("CONFLICT", `an installer of skill '${skill.name}' is already running; wait for it to finish`, { name: skill.name });
    this.installing.add(key);
    try {
      const timeoutMs = Math.min(Math.max(params.timeoutMs ?? INSTALL_TIMEOUT_MS.default, 1000), INSTALL_TIMEOUT_MS.max);
      const host = hostFacts(this.env, this.options.platform);
      const safeKey = key.replace(/[^A-Za-z0-9._-]/g, "_").replace(/^\.+/, "_") || "skill";
      // Installers run third-party code: they do not get the gateway's own credentials.
      const { TIDEGATE_GATEWAY_TOKEN: _token, ...env } = this.env;
      const result = await runInstaller(specs[index], {
        env,
        hasBin: host.hasBin,
        nodeManager: this.config.skills?.install?.nodeManager ?? "npm",
        toolsDir: join(this.options.stateDir, "tools", safeKey),
        timeoutMs,
        signal,
      });
      if (!result.ok) throw new GatewayError("INSTALL_FAILED", result.message, { result });
      return result;
    } finally {
      this.installing.delete(key);
    }
  }
}
