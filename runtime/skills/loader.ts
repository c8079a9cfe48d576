/**
 * Finding skills: every folder with a `SKILL.md` (that has a `description`)
 * under the skill roots of an agent, in v3's order of precedence — a skill of
 * a later root replaces one of the same name from an earlier root:
 * `skills.load.extraDirs` (`openclaw-extra`) < bundled (`openclaw-bundled`) <
 * `<state>/skills` (`openclaw-managed`) < `~/.agents/skills` < `<workspace>/.agents/skills`
 * < `<workspace>/skills` (`openclaw-workspace`). Source names are v3's, so
 * clients group skills as they do with the reference.
 */
import { type Dirent, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { expandHome } from "../agents/agent-store.js";
import { parseFrontmatter, parseManifest, type SkillManifest } from "./frontmatter.js";

export type SkillSource = "openclaw-extra" | "openclaw-bundled" | "openclaw-managed" | "agents-skills-personal" | "agents-skills-project" | "openclaw-workspace";

/** A skill found on disk. */
export interface SkillEntry {
  name: string;
  description: string;
  source: SkillSource;
  filePath: string;
  baseDir: string;
  /** `skills.entries.<skillKey>` (the manifest's `skillKey`, else the name). */
  skillKey: string;
  frontmatter: Record<string, string>;
  manifest?: SkillManifest;
}

export interface SkillRoot {
  dir: string;
  source: SkillSource;
}

/** Bounds from v3: a root lists at most this many skill folders; a larger SKILL.md is skipped. */
export const MAX_SKILLS_PER_ROOT = 200;
export const MAX_SKILL_FILE_BYTES = 256_000;

/** The roots of one workspace, lowest precedence first. */
export function skillRoots(input: { workspaceDir: string; managedDir: string; bundledDir?: string; extraDirs?: readonly string[]; homeDir?: string }): SkillRoot[] {
  const roots: SkillRoot[] = [];
  for (const dir of input.extraDirs ?? []) if (dir.trim()) roots.push({ dir: expandHome(dir.trim()), source: "openclaw-extra" });
  if (input.bundledDir) roots.push({ dir: input.bundledDir, source: "openclaw-bundled" });
  roots.push({ dir: input.managedDir, source: "openclaw-managed" });
  if (input.homeDir) roots.push({ dir: join(input.homeDir, ".agents", "skills"), source: "agents-skills-personal" });
  roots.push({ dir: resolve(input.workspaceDir, ".agents", "skills"), source: "agents-skills-project" });
  roots.push({ dir: resolve(input.workspaceDir, "skills"), source: "openclaw-workspace" });
  return roots;
}

function childDirs(dir: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    if (entry.isDirectory()) out.push(entry.name);
    else if (entry.isSymbolicLink()) {
      try {
        if (statSync(join(dir, entry.name)).isDirectory()) out.push(entry.name);
      } catch {
        // a broken link is no skill
      }
    }
  }
  return out.sort();
}

/** The skill in `dir`, or undefined when it has no readable `SKILL.md` with a description. */
export function readSkill(dir: string, source: SkillSource): SkillEntry | undefined {
  const filePath = join(dir, "SKILL.md");
  let content: string;
  try {
    if (statSync(filePath).size > MAX_SKILL_FILE_BYTES) return undefined;
    content = readFileSync(filePath, "utf8");
  } catch {
    return undefined;
  }
  const frontmatter = parseFrontmatter(content);
  const description = frontmatter.description?.trim();
  if (!description) return undefined;
  const name = frontmatter.name?.trim() || basename(dir);
  const manifest = parseManifest(frontmatter);
  return { name, description, source, filePath, baseDir: dir, skillKey: manifest?.skillKey ?? name, frontmatter, manifest };
}

/** The skills of one root: the root itself when it holds a SKILL.md, else its child folders (a nested `skills/` folder counts as the root). */
export function loadRoot(root: SkillRoot): SkillEntry[] {
  let base = root.dir;
  const nested = join(base, "skills");
  if (childDirs(nested).some((name) => statSafe(join(nested, name, "SKILL.md")))) base = nested;
  if (statSafe(join(base, "SKILL.md"))) {
    const single = readSkill(base, root.source);
    return single ? [single] : [];
  }
  const out: SkillEntry[] = [];
  for (const name of childDirs(base).slice(0, MAX_SKILLS_PER_ROOT)) {
    const skill = readSkill(join(base, name), root.source);
    if (skill) out.push(skill);
  }
  return out;
}

function statSafe(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Every skill of the roots, later roots winning by name, sorted by name. */
export function loadSkills(roots: readonly SkillRoot[]): SkillEntry[] {
  const byName = new Map<string, SkillEntry>();
  for (const root of roots) for (const skill of loadRoot(root)) byName.set(skill.name, skill);
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * A cheap fingerprint of the roots (folder names and each SKILL.md's size and
 * mtime): when it is unchanged, the parsed skills are still good.
 */
export function fingerprint(roots: readonly SkillRoot[]): string {
  const parts: string[] = [];
  for (const root of roots) {
    for (const base of [root.dir, join(root.dir, "skills")]) {
      parts.push(`#${base}`);
      for (const file of [
        join(base, "SKILL.md"),
        ...childDirs(base)
          .slice(0, MAX_SKILLS_PER_ROOT)
          .map((n) => join(base, n, "SKILL.md")),
      ]) {
        try {
          const st = statSync(file);
          parts.push(`${file}:${st.size}:${st.mtimeMs}`);
        } catch {
          // absent
        }
      }
    }
  }
  return parts.join("\n");
}
