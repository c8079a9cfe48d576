/**
 * A skill's `SKILL.md` header, in the v3 format: YAML-style frontmatter
 * between `---` lines (`name`, `description`, `homepage`, …) whose `metadata`
 * member is a JSON5 object with the skill's manifest under `openclaw`:
 *
 *   ---
 *   name: github
 *   description: "GitHub operations via `gh`."
 *   metadata: { "openclaw": { "emoji": "🐙", "requires": { "bins": ["gh"] },
 *     "install": [{ "id": "brew", "kind": "brew", "formula": "gh", "bins": ["gh"] }] } }
 *   ---
 *
 * Only top-level `key: value` lines are read (a value may continue on indented
 * lines, or be a `|`/`>` block); nothing in the file is ever executed, and
 * installer fields that would reach a command line are checked against strict
 * patterns here, so a bad one drops the installer instead of reaching argv.
 */
import JSON5 from "json5";

export type InstallKind = "brew" | "node" | "go" | "uv" | "download";
const KINDS: readonly InstallKind[] = ["brew", "node", "go", "uv", "download"];

/** One installer as declared, after validation. */
export interface InstallSpec {
  kind: InstallKind;
  id?: string;
  label?: string;
  bins?: string[];
  os?: string[];
  formula?: string;
  package?: string;
  module?: string;
  url?: string;
  archive?: string;
  extract?: boolean;
  stripComponents?: number;
  targetDir?: string;
}

/** The `openclaw` manifest of a skill. */
export interface SkillManifest {
  always?: boolean;
  emoji?: string;
  homepage?: string;
  skillKey?: string;
  primaryEnv?: string;
  os?: string[];
  requires?: { bins: string[]; anyBins: string[]; env: string[]; config: string[] };
  install?: InstallSpec[];
}

/** Manifest keys read, first found wins: v3's, then ours. */
const MANIFEST_KEYS = ["openclaw", "tidegate"];

function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    try {
      return JSON.parse(value) as string;
    } catch {
      return value.slice(1, -1);
    }
  }
  if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) return value.slice(1, -1).replaceAll("''", "'");
  return value;
}

const indented = (line: string) => line.startsWith(" ") || line.startsWith("\t");

/** The frontmatter's top-level members as strings; `{}` when the file has none. */
export function parseFrontmatter(content: string): Record<string, string> {
  const text = content.replace(/\r\n?/g, "\n");
  if (!text.startsWith("---")) return {};
  const end = text.indexOf("\n---", 3);
  if (end === -1) return {};
  const lines = text.slice(4, end).split("\n");
  const out: Record<string, string> = {};
  for (let i = 0; i < lines.length; i++) {
    const match = /^([\w-]+):\s*(.*)$/.exec(lines[i]);
    if (!match) continue;
    const [, key, inline] = match;
    const block: string[] = [];
    while (i + 1 < lines.length && (indented(lines[i + 1]) || (lines[i + 1] === "" && i + 2 < lines.length && indented(lines[i + 2])))) block.push(lines[++i]);
    const head = inline.trim();
    let value: string;
    if (/^[|>][+-]?\d*$/.test(head)) {
      const body = block.map((l) => l.trim());
      value = head.startsWith("|") ? body.join("\n") : body.join(" ").replace(/\s+/g, " ");
    } else if (block.length) value = [head, ...block].join("\n");
    else value = unquote(head);
    value = value.trim();
    if (value) out[key] = value;
  }
  return out;
}

function stringList(input: unknown): string[] {
  if (Array.isArray(input)) return input.map((v) => String(v).trim()).filter(Boolean);
  if (typeof input === "string")
    return input
      .split(",")
      .map((v) => v.trim())
      .filter(Boolean);
  return [];
}

const SAFE = {
  // No leading `-` anywhere: a value can never be taken for an option of the installer.
  formula: /^[A-Za-z0-9][A-Za-z0-9@+._/-]*$/,
  npm: /^(@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*(@[A-Za-z0-9][A-Za-z0-9._~^<>=|-]*)?$/,
  goModule: /^[A-Za-z0-9][A-Za-z0-9._~+\-/]*(@[A-Za-z0-9][A-Za-z0-9._~+\-/]*)?$/,
  uv: /^[A-Za-z0-9][A-Za-z0-9._\-[\]=<>!~+,]*$/,
  bin: /^[A-Za-z0-9][A-Za-z0-9._+-]*$/,
};

function safe(pattern: RegExp, raw: unknown): string | undefined {
  if (typeof raw !== "string") return undefined;
  const value = raw.trim();
  if (!value || value.includes("..") || value.includes("\\") || value.includes("://") || !pattern.test(value)) return undefined;
  return value;
}

function safeUrl(raw: unknown): string | undefined {
  if (typeof raw !== "string" || /\s/.test(raw.trim()) || !raw.trim()) return undefined;
  try {
    const url = new URL(raw.trim());
    return url.protocol === "http:" || url.protocol === "https:" ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** One declared installer, or undefined when its kind is unknown or a field it needs is missing or unsafe. */
export function parseInstallSpec(input: unknown): InstallSpec | undefined {
  if (!input || typeof input !== "object") return undefined;
  const raw = input as Record<string, unknown>;
  const kind = String(raw.kind ?? raw.type ?? "")
    .trim()
    .toLowerCase() as InstallKind;
  if (!KINDS.includes(kind)) return undefined;
  const spec: InstallSpec = { kind };
  if (typeof raw.id === "string" && raw.id.trim()) spec.id = raw.id.trim();
  if (typeof raw.label === "string" && raw.label.trim()) spec.label = raw.label.trim();
  const bins = stringList(raw.bins).filter((b) => SAFE.bin.test(b));
  if (bins.length) spec.bins = bins;
  const os = stringList(raw.os);
  if (os.length) spec.os = os;
  if (kind === "brew") spec.formula = safe(SAFE.formula, raw.formula) ?? safe(SAFE.formula, raw.cask);
  if (kind === "node") spec.package = safe(SAFE.npm, raw.package);
  if (kind === "uv") spec.package = safe(SAFE.uv, raw.package);
  if (kind === "go") spec.module = safe(SAFE.goModule, raw.module);
  if (kind === "download") {
    spec.url = safeUrl(raw.url);
    if (typeof raw.archive === "string") spec.archive = raw.archive.trim().toLowerCase();
    if (typeof raw.extract === "boolean") spec.extract = raw.extract;
    if (typeof raw.stripComponents === "number" && Number.isInteger(raw.stripComponents) && raw.stripComponents >= 0) spec.stripComponents = raw.stripComponents;
    if (typeof raw.targetDir === "string" && raw.targetDir.trim()) spec.targetDir = raw.targetDir.trim();
  }
  const needed = { brew: spec.formula, node: spec.package, uv: spec.package, go: spec.module, download: spec.url }[kind];
  return needed ? spec : undefined;
}

/** The manifest in `frontmatter.metadata`, or undefined when there is none or it does not parse. */
export function parseManifest(frontmatter: Record<string, string>): SkillManifest | undefined {
  const raw = frontmatter.metadata;
  if (!raw) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON5.parse(raw);
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== "object") return undefined;
  const block = MANIFEST_KEYS.map((k) => (parsed as Record<string, unknown>)[k]).find((v) => v && typeof v === "object") as Record<string, unknown> | undefined;
  if (!block) return undefined;
  const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : undefined);
  const req = block.requires && typeof block.requires === "object" ? (block.requires as Record<string, unknown>) : undefined;
  const install = (Array.isArray(block.install) ? block.install : []).map(parseInstallSpec).filter((s): s is InstallSpec => s !== undefined);
  const os = stringList(block.os);
  const manifest: SkillManifest = {};
  if (typeof block.always === "boolean") manifest.always = block.always;
  for (const key of ["emoji", "homepage", "skillKey", "primaryEnv"] as const) {
    const value = str(block[key]);
    if (value) manifest[key] = value;
  }
  if (os.length) manifest.os = os;
  if (req) manifest.requires = { bins: stringList(req.bins), anyBins: stringList(req.anyBins), env: stringList(req.env), config: stringList(req.config) };
  if (install.length) manifest.install = install;
  return manifest;
}
