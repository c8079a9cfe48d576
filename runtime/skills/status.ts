/**
 * Whether a skill can be used here, as `skills.status` reports it (v3's
 * rules): every `bins` on PATH, one of `anyBins`, each `env` set (in the
 * gateway's environment, in `skills.entries.<key>.env`, or as the entry's
 * `apiKey` when it is the skill's `primaryEnv`), each `config` path truthy, and
 * this OS in `os`. `always` skills are eligible whatever they lack; a skill
 * turned off (`enabled: false`) or a bundled skill outside
 * `skills.allowBundled` is not.
 */
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import type { GatewayConfig, SkillInstallOption, SkillStatus } from "../../generated/ts/types.js";
import type { InstallSpec } from "./frontmatter.js";
import type { SkillEntry } from "./loader.js";

export type SkillsConfig = NonNullable<GatewayConfig["skills"]>;
export type SkillEntryConfig = NonNullable<SkillsConfig["entries"]>[string];

/** What eligibility is checked against: the host. */
export interface HostFacts {
  platform: string;
  env: NodeJS.ProcessEnv;
  hasBin(bin: string): boolean;
}

/** A PATH lookup (executable files), memoised for one PATH value. */
export function binLookup(env: NodeJS.ProcessEnv): (bin: string) => boolean {
  const dirs = (env.PATH ?? "").split(delimiter).filter(Boolean);
  const seen = new Map<string, boolean>();
  return (bin) => {
    let found = seen.get(bin);
    if (found === undefined) {
      found = dirs.some((dir) => {
        try {
          accessSync(join(dir, bin), constants.X_OK);
          return true;
        } catch {
          return false;
        }
      });
      seen.set(bin, found);
    }
    return found;
  };
}

export function hostFacts(env: NodeJS.ProcessEnv = process.env, platform: string = process.platform): HostFacts {
  return { platform, env, hasBin: binLookup(env) };
}

/** v3's truthiness of a config value at a dotted path (`browser.enabled` counts as on when absent, as in v3). */
export function isConfigPathTruthy(config: unknown, path: string): boolean {
  let value: unknown = config;
  for (const part of path.split(".").filter(Boolean)) {
    if (!value || typeof value !== "object") {
      value = undefined;
      break;
    }
    value = (value as Record<string, unknown>)[part];
  }
  if (value === undefined && (path === "browser.enabled" || path === "browser.evaluateEnabled")) return true;
  if (value === undefined || value === null) return false;
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value !== 0;
  if (typeof value === "string") return value.trim().length > 0;
  return true;
}

export function entryConfig(config: GatewayConfig, skillKey: string): SkillEntryConfig | undefined {
  const entry = config.skills?.entries?.[skillKey];
  return entry && typeof entry === "object" ? entry : undefined;
}

/** Bundled skills offered under `skills.allowBundled`. */
export function allowedByBundledList(skill: SkillEntry, config: GatewayConfig): boolean {
  const list = (config.skills?.allowBundled ?? []).map((s) => s.trim()).filter(Boolean);
  if (!list.length || skill.source !== "openclaw-bundled") return true;
  return list.includes(skill.skillKey) || list.includes(skill.name);
}

/** The installer id `skills.install` takes: the declared id, else `<kind>-<index>`. */
export const installId = (spec: InstallSpec, index: number) => (spec.id ?? `${spec.kind}-${index}`).trim();

function optionOf(spec: InstallSpec, index: number, nodeManager: string): SkillInstallOption {
  let label = spec.label ?? "";
  if (spec.kind === "node" && spec.package) label = `Install ${spec.package} (${nodeManager})`;
  if (!label) {
    if (spec.kind === "brew") label = `Install ${spec.formula} (brew)`;
    else if (spec.kind === "go") label = `Install ${spec.module} (go)`;
    else if (spec.kind === "uv") label = `Install ${spec.package} (uv)`;
    else if (spec.kind === "download") label = `Download ${new URL(spec.url!).pathname.split("/").pop() || spec.url}`;
    else label = "Run installer";
  }
  return { id: installId(spec, index), kind: spec.kind, label, bins: spec.bins ?? [] };
}

/**
 * The installers offered for this host: none when the skill is for another OS;
 * every download when all are downloads; else v3's one preferred installer
 * (brew first when preferred and present, then uv, node, brew when present, go, download, brew, the first).
 */
export function installOptions(skill: SkillEntry, config: GatewayConfig, host: HostFacts): SkillInstallOption[] {
  const os = skill.manifest?.os ?? [];
  if (os.length && !os.includes(host.platform)) return [];
  const specs = (skill.manifest?.install ?? []).map((spec, index) => ({ spec, index })).filter(({ spec }) => !spec.os?.length || spec.os.includes(host.platform));
  if (!specs.length) return [];
  const nodeManager = config.skills?.install?.nodeManager ?? "npm";
  if (specs.every(({ spec }) => spec.kind === "download")) return specs.map(({ spec, index }) => optionOf(spec, index, nodeManager));
  const find = (kind: string) => specs.find(({ spec }) => spec.kind === kind);
  const brew = host.hasBin("brew");
  const preferBrew = config.skills?.install?.preferBrew ?? true;
  const picked = (preferBrew && brew ? find("brew") : undefined) ?? find("uv") ?? find("node") ?? (brew ? find("brew") : undefined) ?? find("go") ?? find("download") ?? find("brew") ?? specs[0];
  return [optionOf(picked.spec, picked.index, nodeManager)];
}

/** One skill's status, in v3's shape. */
export function skillStatus(skill: SkillEntry, config: GatewayConfig, host: HostFacts, bundledNames?: ReadonlySet<string>): SkillStatus {
  const entry = entryConfig(config, skill.skillKey);
  const manifest = skill.manifest;
  const always = manifest?.always === true;
  const disabled = entry?.enabled === false;
  const blockedByAllowlist = !allowedByBundledList(skill, config);
  const requirements = {
    bins: manifest?.requires?.bins ?? [],
    anyBins: manifest?.requires?.anyBins ?? [],
    env: manifest?.requires?.env ?? [],
    config: manifest?.requires?.config ?? [],
    os: manifest?.os ?? [],
  };
  const envSet = (name: string) => Boolean(host.env[name] || entry?.env?.[name] || (entry?.apiKey && manifest?.primaryEnv === name));
  const configChecks = requirements.config.map((path) => ({ path, satisfied: isConfigPathTruthy(config, path) }));
  const missing = always
    ? { bins: [], anyBins: [], env: [], config: [], os: [] }
    : {
        bins: requirements.bins.filter((b) => !host.hasBin(b)),
        anyBins: requirements.anyBins.length && !requirements.anyBins.some((b) => host.hasBin(b)) ? requirements.anyBins : [],
        env: requirements.env.filter((e) => !envSet(e)),
        config: configChecks.filter((c) => !c.satisfied).map((c) => c.path),
        os: requirements.os.length && !requirements.os.includes(host.platform) ? requirements.os : [],
      };
  const met = Object.values(missing).every((list) => list.length === 0);
  const homepage = (manifest?.homepage ?? skill.frontmatter.homepage ?? skill.frontmatter.website ?? skill.frontmatter.url)?.trim();
  const emoji = manifest?.emoji ?? skill.frontmatter.emoji;
  const status: SkillStatus = {
    name: skill.name,
    description: skill.description,
    source: skill.source,
    bundled: bundledNames ? bundledNames.has(skill.name) : skill.source === "openclaw-bundled",
    filePath: skill.filePath,
    baseDir: skill.baseDir,
    skillKey: skill.skillKey,
    always,
    disabled,
    blockedByAllowlist,
    eligible: !disabled && !blockedByAllowlist && met,
    requirements,
    missing,
    configChecks,
    install: installOptions(skill, config, host),
  };
  if (manifest?.primaryEnv) status.primaryEnv = manifest.primaryEnv;
  if (emoji) status.emoji = emoji;
  if (homepage) status.homepage = homepage;
  // v3's key order: primaryEnv, emoji and homepage sit after skillKey.
  const { always: a, disabled: d, blockedByAllowlist: b, eligible: e, requirements: r, missing: m, configChecks: c, install: i, ...head } = status;
  return { ...head, always: a, disabled: d, blockedByAllowlist: b, eligible: e, requirements: r, missing: m, configChecks: c, install: i };
}

/** Every binary the skills mention (requirements and installers), sorted — what `skills.bins` answers nodes. */
export function collectBins(skills: readonly SkillEntry[]): string[] {
  const bins = new Set<string>();
  for (const skill of skills) {
    const m = skill.manifest;
    for (const bin of [...(m?.requires?.bins ?? []), ...(m?.requires?.anyBins ?? []), ...(m?.install ?? []).flatMap((s) => s.bins ?? [])]) if (bin.trim()) bins.add(bin.trim());
  }
  return [...bins].sort();
}
