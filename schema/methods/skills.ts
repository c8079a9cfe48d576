/** Registry entries of the methods whose params live in `schema/skills.ts`. */

import { method } from "../registry-spec.js";
import * as sk from "../skills.js";

export const skillsMethods = {
  "skills.status": method({
    params: sk.SkillsStatusParams,
    result: sk.SkillsStatusResult,
    scope: "operator.read",
    description: "Every skill of an agent's workspace and whether its requirements are met.",
    example: { params: {}, result: { workspaceDir: "~/.tidegate/workspace", managedSkillsDir: "~/.tidegate/skills", skills: [] } },
  }),
  "skills.bins": method({
    params: sk.SkillsBinsParams,
    result: sk.SkillsBinsResult,
    scope: "node",
    description: "Binaries the skills need (asked by node hosts to report which they have).",
    example: { params: {}, result: { bins: ["gh", "jq"] } },
  }),
  "skills.install": method({
    params: sk.SkillsInstallParams,
    result: sk.SkillsInstallResult,
    scope: "operator.admin",
    description: "Run one of a skill's installers.",
    example: { params: { name: "github", installId: "brew", timeoutMs: 120000 }, result: { ok: true, message: "Installed gh" } },
  }),
  "skills.update": method({
    params: sk.SkillsUpdateParams,
    result: sk.SkillsUpdateResult,
    scope: "operator.admin",
    description: "Enable or disable a skill, or set its API key or environment.",
    example: { params: { skillKey: "github", enabled: true }, result: { ok: true, skillKey: "github", config: { enabled: true } } },
  }),
  "tools.catalog": method({
    params: sk.ToolsCatalogParams,
    result: sk.ToolsCatalogResult,
    scope: "operator.read",
    description: "The tools an agent can be given, by group and profile.",
    example: {
      params: { includePlugins: true },
      result: {
        agentId: "main",
        profiles: [{ id: "coding", label: "Coding" }],
        groups: [{ id: "fs", label: "Files", source: "core", tools: [{ id: "read", label: "read", description: "Read file contents", source: "core", defaultProfiles: ["coding"] }] }],
      },
    },
  }),
  // ── speech ──────────────────────────────────────────────────────────────────────
};
