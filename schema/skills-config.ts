/** `skills.*` and `wizard` in the config file: agent skills and what the onboarding wizard recorded. */
import { Bool, Dict, Enum, Int, Json, List, Obj, Opt, Str } from "./primitives.js";

export const SkillEntrySettings = Obj("SkillEntrySettings", "Settings of one skill, by its skill key (`skills.entries.<key>`).", {
  enabled: Opt(Bool("`false` turns the skill off.")),
  apiKey: Opt(Str("API key; given to the skill as its primary environment variable.", { maxLength: 4096 })),
  env: Opt(Dict(Str("Value."), "Environment variables for the skill (count as present for its requirements).")),
  config: Opt(Dict(Json("A setting."), "Settings of the skill's own.")),
});

export const SkillsSettings = Obj("SkillsSettings", "Agent skills: folders with a `SKILL.md` (bundled, `<workspace>/skills`, `<state>/skills`, `load.extraDirs`).", {
  allowBundled: Opt(List(Str("A skill key or name."), "When set, only these bundled skills are offered.")),
  load: Opt(
    Obj("SkillsLoadSettings", "Where skills are found.", {
      extraDirs: Opt(List(Str("A directory (`~` expands)."), "More folders of skills, lowest precedence.")),
      watch: Opt(Bool("Notice added, removed or edited skills without a restart (default true).")),
      watchDebounceMs: Opt(Int("Accepted for v3 compatibility; changes are noticed on the next `skills.status`.")),
    }),
  ),
  install: Opt(
    Obj("SkillsInstallSettings", "How `skills.install` runs installers.", {
      preferBrew: Opt(Bool("Prefer Homebrew installers when `brew` is on PATH (default true).")),
      nodeManager: Opt(Enum("SkillsNodeManager", "Package manager for `node` installers (default `npm`).", ["npm", "pnpm", "yarn", "bun"])),
    }),
  ),
  entries: Opt(Dict(SkillEntrySettings, "Per-skill settings by skill key.")),
});

export const WizardRunRecord = Obj("WizardRunRecord", "What the onboarding wizard (`wizard.*`, `tidegate onboard`) recorded of its last run.", {
  lastRunAt: Opt(Str("When it last finished (ISO 8601).")),
  lastRunVersion: Opt(Str("Gateway version that ran it.")),
  lastRunCommand: Opt(Str("What started it.")),
  lastRunMode: Opt(Enum("WizardRunMode", "`local` or `remote`.", ["local", "remote"])),
});
