/** `skills.*` and `tools.catalog`: agent skills (their requirements and installers) and the tool catalog. */
import { Bool, Dict, Enum, Int, Json, List, NoParams, Nullable, Obj, Open, Opt, Str, Text, Type } from "./primitives.js";

export const SkillsStatusParams = Obj("SkillsStatusParams", "Parameters of `skills.status`.", {
  agentId: Opt(Str("Agent whose workspace to inspect; the default agent when absent.")),
});

export const SkillRequirementSet = Obj("SkillRequirementSet", "What a skill needs (or still lacks).", {
  bins: List(Text("A binary."), "Binaries that must all be on PATH."),
  anyBins: List(Text("A binary."), "Binaries of which one must be on PATH."),
  env: List(Text("A variable."), "Environment variables."),
  config: List(Text("A config path."), "Config settings."),
  os: List(Text("An OS."), "Operating systems."),
});

export const SkillConfigCheck = Obj("SkillConfigCheck", "One config setting a skill needs and whether it is set (truthy).", {
  path: Str("Dotted config path, such as `channels.discord.token`."),
  satisfied: Bool("True when the setting is present and truthy."),
});

export const SkillInstallKind = Enum(
  "SkillInstallKind",
  "How an installer installs: `brew` (Homebrew formula), `node` (a global npm package, with `skills.install.nodeManager`), `go` (`go install`), `uv` (`uv tool install`) or `download` (a file or archive fetched over HTTP(S)).",
  ["brew", "node", "go", "uv", "download"],
);

export const SkillInstallOption = Obj("SkillInstallOption", "A way to install what a skill is missing: pass `id` to `skills.install`.", {
  id: Str("Installer id."),
  kind: SkillInstallKind,
  label: Str("What it installs, such as `Install GitHub CLI (brew)`."),
  bins: List(Text("A binary."), "Binaries it provides."),
});

export const SkillStatus = Open("SkillStatus", "One skill and whether it can be used (open: installers add members).", {
  name: Str("Skill name."),
  description: Text("What it does."),
  source: Str("Where it comes from, such as `openclaw-bundled` or `workspace`."),
  bundled: Opt(Bool("True when shipped with the gateway.")),
  filePath: Text("Path of its SKILL.md."),
  baseDir: Text("Its directory."),
  skillKey: Str("Key used in config (`skills.entries.<key>`)."),
  primaryEnv: Opt(Text("Main environment variable (API key).")),
  emoji: Opt(Text("Emoji.")),
  homepage: Opt(Text("Homepage.")),
  always: Bool("Always loaded."),
  disabled: Bool("Disabled in config."),
  blockedByAllowlist: Bool("Not in the bundled-skills allowlist."),
  eligible: Bool("True when every requirement is met."),
  requirements: SkillRequirementSet,
  missing: SkillRequirementSet,
  configChecks: List(SkillConfigCheck, "Config checks and whether they pass."),
  install: List(SkillInstallOption, "Ways to install what is missing (the preferred one for this host; every download when all are downloads)."),
});

export const SkillsStatusResult = Obj("SkillsStatusResult", "Result of `skills.status`.", {
  workspaceDir: Text("Workspace inspected."),
  managedSkillsDir: Text("Where managed skills are installed."),
  skills: List(SkillStatus, "Every skill found."),
});

export const SkillsBinsParams = NoParams("SkillsBinsParams");

export const SkillsBinsResult = Obj("SkillsBinsResult", "Result of `skills.bins` (node role only): binaries the skills of every workspace need, so a node host can report which it has.", {
  bins: List(Str("A binary."), "Binary names, sorted."),
});

export const SkillsInstallParams = Obj("SkillsInstallParams", "Parameters of `skills.install`: run one of a skill's installers.", {
  name: Str("Skill name."),
  installId: Str("Installer id from `skills.status`."),
  timeoutMs: Opt(Int("Give up after this long.", { minimum: 1000 })),
});

export const SkillsInstallResult = Obj("SkillsInstallResult", "Result of `skills.install` (a failure is an UNAVAILABLE error carrying this as payload).", {
  ok: Bool("True when the installer succeeded."),
  message: Text("What happened."),
  stdout: Opt(Text("Installer output.")),
  stderr: Opt(Text("Installer errors.")),
  code: Opt(Nullable(Type.Integer({ description: "Exit code." }))),
  warnings: Opt(List(Text("A warning."), "Warnings about the skill found before installing.")),
});

export const SkillsUpdateParams = Obj("SkillsUpdateParams", "Parameters of `skills.update`: change a skill's config entry.", {
  skillKey: Str("Skill key."),
  enabled: Opt(Bool("Enable or disable it.")),
  apiKey: Opt(Text("API key for it.")),
  env: Opt(Dict(Text("Value."), "Environment variables for it.")),
});

export const SkillsUpdateResult = Obj("SkillsUpdateResult", "Result of `skills.update`.", {
  ok: Bool("Always true on success."),
  skillKey: Str("Skill key."),
  config: Dict(Json("A setting."), "The skill's config entry now."),
});

export const ToolsCatalogParams = Obj("ToolsCatalogParams", "Parameters of `tools.catalog`.", {
  agentId: Opt(Str("Agent; the default agent when absent.")),
  includePlugins: Opt(Bool("Include tools of plugins.")),
});

export const ToolProfileName = Enum("ToolProfileName", "A tool profile.", ["minimal", "coding", "messaging", "full"]);

export const ToolSource = Enum("ToolSource", "Where a tool comes from.", ["core", "plugin"]);

export const ToolCatalogProfile = Obj("ToolCatalogProfile", "A tool profile.", {
  id: ToolProfileName,
  label: Str("Label."),
});

export const ToolCatalogEntry = Obj("ToolCatalogEntry", "One tool.", {
  id: Str("Tool id."),
  label: Str("Label."),
  description: Text("What it does."),
  source: ToolSource,
  pluginId: Opt(Str("Plugin that provides it.")),
  optional: Opt(Bool("Must be enabled explicitly.")),
  defaultProfiles: List(ToolProfileName, "Profiles that include it."),
});

export const ToolCatalogGroup = Obj("ToolCatalogGroup", "A group of tools.", {
  id: Str("Group id."),
  label: Str("Label."),
  source: ToolSource,
  pluginId: Opt(Str("Plugin that provides it.")),
  tools: List(ToolCatalogEntry, "Its tools."),
});

export const ToolsCatalogResult = Obj("ToolsCatalogResult", "Result of `tools.catalog`.", {
  agentId: Str("Agent."),
  profiles: List(ToolCatalogProfile, "Tool profiles."),
  groups: List(ToolCatalogGroup, "Tool groups."),
});
