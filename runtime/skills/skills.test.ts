/** Skills over temp-dir skill folders, fake binaries on a temp PATH and a real ConfigService in a temp dir. */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSON5 from "json5";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigService, hashText } from "../config/service.js";
import type { GatewayError } from "../errors.js";
import { parseFrontmatter, parseManifest } from "./frontmatter.js";
import { runProgram } from "./installer.js";
import { SkillService } from "./service.js";

const dirs: string[] = [];
const servers: Server[] = [];
afterEach(() => {
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
  servers.splice(0).forEach((s) => s.close());
});

function skill(root: string, name: string, header: string, body = "Use it.") {
  mkdirSync(join(root, name), { recursive: true });
  writeFileSync(join(root, name, "SKILL.md"), `---\n${header}\n---\n\n# ${name}\n\n${body}\n`);
}

function bin(binDir: string, name: string, script = "#!/bin/sh\nexit 0\n") {
  writeFileSync(join(binDir, name), script);
  chmodSync(join(binDir, name), 0o755);
}

function setup(configText?: string, bundledDir?: string) {
  const root = mkdtempSync(join(tmpdir(), "tidegate-skills-"));
  dirs.push(root);
  const stateDir = join(root, "state");
  const workspace = join(stateDir, "workspace");
  const binDir = join(root, "bin");
  const home = join(root, "home");
  for (const d of [stateDir, workspace, binDir, home]) mkdirSync(d, { recursive: true });
  const configPath = join(stateDir, "tidegate.json");
  if (configText !== undefined) writeFileSync(configPath, configText);
  const config = new ConfigService({ path: configPath, initial: configText ? JSON5.parse(configText) : {}, initialHash: hashText(configText ?? "") });
  const env: NodeJS.ProcessEnv = { PATH: `${binDir}:/usr/bin:/bin`, TIDEGATE_GATEWAY_TOKEN: "gateway-secret" };
  const skills = new SkillService({
    stateDir,
    config,
    workspaceOf: (agentId) => {
      if (agentId && agentId !== "main") throw new Error(`unknown agent ${agentId}`);
      return workspace;
    },
    workspaces: () => [workspace],
    homeDir: home,
    bundledDir,
    env,
    platform: "linux",
  });
  config.setApplier((change) => {
    if (change.plan.actions.includes("reload-skills")) skills.reload();
    return undefined;
  });
  return { root, stateDir, workspace, binDir, configPath, config, skills, env };
}

const GITHUB = `name: github
description: "GitHub operations via \`gh\` CLI: issues, PRs."
metadata:
  {
    "openclaw":
      {
        "emoji": "🐙",
        "requires": { "bins": ["gh"] },
        "install":
          [
            { "id": "brew", "kind": "brew", "formula": "gh", "bins": ["gh"], "label": "Install GitHub CLI (brew)" },
            { "id": "apt", "kind": "apt", "package": "gh", "bins": ["gh"] },
          ],
      },
  }`;

async function failure(work: () => unknown): Promise<GatewayError> {
  try {
    await work();
  } catch (error) {
    return error as GatewayError;
  }
  throw new Error("expected a failure");
}

describe("SKILL.md frontmatter", () => {
  it("reads v3's format: quoted values, a multi-line JSON5 manifest, block scalars; unknown kinds are dropped", () => {
    const fm = parseFrontmatter(`---\n${GITHUB}\nhomepage: https://cli.github.com\nlong: >\n  folded\n  text\n---\nbody`);
    expect(fm.name).toBe("github");
    expect(fm.description).toBe("GitHub operations via `gh` CLI: issues, PRs.");
    expect(fm.homepage).toBe("https://cli.github.com");
    expect(fm.long).toBe("folded text");
    const manifest = parseManifest(fm)!;
    expect(manifest).toEqual({
      emoji: "🐙",
      requires: { bins: ["gh"], anyBins: [], env: [], config: [] },
      install: [{ kind: "brew", id: "brew", label: "Install GitHub CLI (brew)", bins: ["gh"], formula: "gh" }],
    });
    expect(parseFrontmatter("# no header")).toEqual({});
  });

  it("drops installers whose fields could reach a command line as options or shell text", () => {
    const fm = {
      metadata: JSON.stringify({
        openclaw: {
          install: [
            { id: "a", kind: "node", package: "x; touch /tmp/pwned" },
            { id: "b", kind: "brew", formula: "--force" },
            { id: "c", kind: "go", module: "https://evil/x" },
            { id: "d", kind: "download", url: "file:///etc/passwd" },
            { id: "e", kind: "uv", package: "$(reboot)" },
            { id: "ok", kind: "node", package: "@scope/tool@1.2.3" },
          ],
        },
      }),
    };
    expect(parseManifest(fm)!.install).toEqual([{ kind: "node", id: "ok", package: "@scope/tool@1.2.3" }]);
  });
});

describe("skills.status", () => {
  it("reports every skill with what it lacks, in v3's shape; later roots win by name", () => {
    const t = setup(JSON.stringify({ skills: { load: { extraDirs: [] } } }));
    const extra = join(t.root, "extra");
    const managed = join(t.stateDir, "skills");
    skill(join(t.workspace, "skills"), "github", GITHUB);
    skill(extra, "weather", `name: weather\ndescription: Weather via curl.\nmetadata: { "openclaw": { "emoji": "🌤️", "requires": { "bins": ["curl-fake"] } } }`);
    skill(managed, "weather", `name: weather\ndescription: Managed weather.\nmetadata: { "openclaw": { "requires": { "bins": ["curl-fake"] } } }`);
    skill(
      managed,
      "places",
      `name: places\ndescription: Places.\nmetadata: { "openclaw": { "primaryEnv": "PLACES_KEY", "requires": { "env": ["PLACES_KEY"], "config": ["channels.discord.token"], "anyBins": ["jq-fake", "yq-fake"] }, "os": ["darwin"] } }`,
    );
    skill(managed, "no-description", "name: no-description");
    skill(managed, "plain", "description: Just text."); // name from the folder
    bin(t.binDir, "curl-fake");
    const status = t.skills.status();
    expect(status.workspaceDir).toBe(t.workspace);
    expect(status.managedSkillsDir).toBe(managed);
    expect(status.skills.map((s) => `${s.name}:${s.source}`)).toEqual(["github:openclaw-workspace", "places:openclaw-managed", "plain:openclaw-managed", "weather:openclaw-managed"]);
    const [github, places, plain, weather] = status.skills;
    expect(github).toEqual({
      name: "github",
      description: "GitHub operations via `gh` CLI: issues, PRs.",
      source: "openclaw-workspace",
      bundled: false,
      filePath: join(t.workspace, "skills", "github", "SKILL.md"),
      baseDir: join(t.workspace, "skills", "github"),
      skillKey: "github",
      emoji: "🐙",
      always: false,
      disabled: false,
      blockedByAllowlist: false,
      eligible: false,
      requirements: { bins: ["gh"], anyBins: [], env: [], config: [], os: [] },
      missing: { bins: ["gh"], anyBins: [], env: [], config: [], os: [] },
      configChecks: [],
      install: [{ id: "brew", kind: "brew", label: "Install GitHub CLI (brew)", bins: ["gh"] }],
    });
    expect(Object.keys(github).slice(0, 9)).toEqual(["name", "description", "source", "bundled", "filePath", "baseDir", "skillKey", "emoji", "always"]);
    expect(places).toMatchObject({
      primaryEnv: "PLACES_KEY",
      eligible: false,
      missing: { bins: [], anyBins: ["jq-fake", "yq-fake"], env: ["PLACES_KEY"], config: ["channels.discord.token"], os: ["darwin"] },
      configChecks: [{ path: "channels.discord.token", satisfied: false }],
    });
    expect(plain).toMatchObject({ name: "plain", eligible: true });
    expect(weather).toMatchObject({ description: "Managed weather.", eligible: true, missing: { bins: [] } });
  });

  it("env counts from skills.entries (env, or apiKey for the primaryEnv); disabled and allowBundled block; always wins", async () => {
    const t = setup("{}");
    const ws = join(t.workspace, "skills");
    skill(ws, "keyed", `description: K.\nmetadata: { "openclaw": { "primaryEnv": "K_KEY", "requires": { "env": ["K_KEY", "K_OTHER"] } } }`);
    skill(ws, "always-on", `description: A.\nmetadata: { "openclaw": { "always": true, "requires": { "bins": ["nothing-like-this"] } } }`);
    expect(t.skills.status().skills.find((s) => s.name === "keyed")).toMatchObject({ eligible: false, missing: { env: ["K_KEY", "K_OTHER"] } });
    expect(t.skills.status().skills.find((s) => s.name === "always-on")).toMatchObject({ eligible: true, always: true, missing: { bins: [] } });
    await t.skills.update({ skillKey: "keyed", apiKey: "sk-123", env: { K_OTHER: "x" } });
    expect(t.skills.status().skills.find((s) => s.name === "keyed")).toMatchObject({ eligible: true, missing: { env: [] } });
    await t.skills.update({ skillKey: "keyed", enabled: false });
    expect(t.skills.status().skills.find((s) => s.name === "keyed")).toMatchObject({ eligible: false, disabled: true });
  });

  it("bundled skills: marked bundled, overridden by the workspace, limited by skills.allowBundled", async () => {
    const bundled = mkdtempSync(join(tmpdir(), "tidegate-bundled-"));
    dirs.push(bundled);
    skill(bundled, "alpha", "description: Bundled alpha.");
    skill(bundled, "beta", "description: Bundled beta.");
    const t = setup("{}", bundled);
    skill(join(t.workspace, "skills"), "beta", "description: My own beta.");
    expect(t.skills.status().skills.map((s) => [s.name, s.source, s.bundled, s.eligible])).toEqual([
      ["alpha", "openclaw-bundled", true, true],
      ["beta", "openclaw-workspace", false, true],
    ]);
    const { hash } = await t.config.get();
    await t.config.patch(JSON.stringify({ skills: { allowBundled: ["gamma"] } }), hash);
    expect(t.skills.status().skills.map((s) => [s.name, s.blockedByAllowlist, s.eligible])).toEqual([
      ["alpha", true, false],
      ["beta", false, true],
    ]);
  });

  it("notices added, edited and removed skill folders without a restart", () => {
    const t = setup();
    const ws = join(t.workspace, "skills");
    expect(t.skills.status().skills).toEqual([]);
    skill(ws, "one", "description: First.");
    expect(t.skills.status().skills.map((s) => s.description)).toEqual(["First."]);
    skill(ws, "one", "description: First, edited at more length.");
    expect(t.skills.status().skills.map((s) => s.description)).toEqual(["First, edited at more length."]);
    rmSync(join(ws, "one"), { recursive: true });
    expect(t.skills.status().skills).toEqual([]);
  });

  it("extraDirs from the config apply after a config change (reload-skills)", async () => {
    const t = setup("{}");
    const extra = join(t.root, "extra");
    skill(extra, "from-extra", "description: Extra.");
    expect(t.skills.status().skills).toEqual([]);
    const { hash } = await t.config.get();
    await t.config.patch(JSON.stringify({ skills: { load: { extraDirs: [extra] } } }), hash);
    expect(t.skills.status().skills).toMatchObject([{ name: "from-extra", source: "openclaw-extra" }]);
  });

  it("skills.bins: every binary of requirements and installers, sorted and unique", () => {
    const t = setup();
    skill(join(t.workspace, "skills"), "github", GITHUB);
    skill(join(t.workspace, "skills"), "multi", `description: M.\nmetadata: { "openclaw": { "requires": { "bins": ["jq", "gh"], "anyBins": ["rg", "ag"] } } }`);
    expect(t.skills.bins()).toEqual(["ag", "gh", "jq", "rg"]);
  });
});

describe("skills.update", () => {
  it("writes skills.entries.<key> through the config file (atomic, compare-and-set), answers with the secret redacted", async () => {
    const t = setup("{ gateway: { port: 18789 } } // mine");
    const result = await t.skills.update({ skillKey: "github", enabled: true, apiKey: "  ghp-secret  ", env: { GH_HOST: "example.com", " ": "ignored" } });
    expect(result).toEqual({ ok: true, skillKey: "github", config: { enabled: true, apiKey: "__OPENCLAW_REDACTED__", env: { GH_HOST: "example.com" } } });
    const onDisk = JSON5.parse(readFileSync(t.configPath, "utf8"));
    expect(onDisk).toEqual({ gateway: { port: 18789 }, skills: { entries: { github: { enabled: true, apiKey: "ghp-secret", env: { GH_HOST: "example.com" } } } } });
    // Empty values remove.
    const cleared = await t.skills.update({ skillKey: "github", apiKey: "", env: { GH_HOST: "" } });
    expect(cleared.config).toEqual({ enabled: true, env: {} });
    expect(t.config.current.skills?.entries?.github).toEqual({ enabled: true, env: {} });
  });

  it("a concurrent edit of the file is not lost: the update re-reads and applies on top of it", async () => {
    const t = setup("{}");
    // Someone edits the file behind the service's back (the watcher has not run yet).
    writeFileSync(t.configPath, JSON.stringify({ logging: { level: "debug" } }));
    await t.skills.update({ skillKey: "x", enabled: false });
    expect(JSON5.parse(readFileSync(t.configPath, "utf8"))).toEqual({ logging: { level: "debug" }, skills: { entries: { x: { enabled: false } } } });
  });
});

describe("skills.install", () => {
  function installable(t: ReturnType<typeof setup>, installers: unknown[]) {
    skill(join(t.workspace, "skills"), "tool", `description: T.\nmetadata: ${JSON.stringify({ openclaw: { requires: { bins: ["mytool"] }, install: installers } })}`);
  }

  it("node: runs the package manager with an argv (no shell), then the skill is eligible", async () => {
    const t = setup("{}");
    const log = join(t.root, "npm-args");
    // A fake npm that records its argv and "installs" the binary.
    bin(t.binDir, "npm", `#!/bin/sh\nprintf '%s\\n' "$@" > '${log}'\nenv > '${log}.env'\nprintf '#!/bin/sh\\n' > '${t.binDir}/mytool'\nchmod +x '${t.binDir}/mytool'\necho added 1 package\n`);
    installable(t, [{ id: "node", kind: "node", package: "mytool@1.0.0", bins: ["mytool"] }]);
    expect(t.skills.status().skills[0]).toMatchObject({ eligible: false, install: [{ id: "node", kind: "node", label: "Install mytool@1.0.0 (npm)", bins: ["mytool"] }] });
    const result = await t.skills.install({ name: "tool", installId: "node" }, new AbortController().signal);
    expect(result).toMatchObject({ ok: true, code: 0, stdout: "added 1 package" });
    expect(readFileSync(log, "utf8").trim().split("\n")).toEqual(["install", "-g", "--ignore-scripts", "mytool@1.0.0"]);
    // Installers run third-party code: the gateway's own token is not in their environment.
    expect(readFileSync(`${log}.env`, "utf8")).not.toContain("gateway-secret");
    expect(t.skills.status().skills[0]).toMatchObject({ eligible: true });
  });

  it("a failing installer answers INSTALL_FAILED with the output; a missing tool names the kind and what to do", async () => {
    const t = setup("{}");
    bin(t.binDir, "npm", "#!/bin/sh\necho 'npm ERR! 404 Not Found - mytool' >&2\nexit 1\n");
    installable(t, [
      { id: "node", kind: "node", package: "mytool" },
      { id: "brew", kind: "brew", formula: "mytool" },
      { id: "go", kind: "go", module: "example.com/mytool@latest" },
    ]);
    const failed = await failure(() => t.skills.install({ name: "tool", installId: "node" }, new AbortController().signal));
    expect(failed.code).toBe("UNAVAILABLE");
    expect(failed.details.code).toBe("INSTALL_FAILED");
    expect(failed.message).toBe("Install failed (exit 1): npm ERR! 404 Not Found - mytool");
    expect(failed.details.result).toMatchObject({ ok: false, code: 1, stderr: "npm ERR! 404 Not Found - mytool" });
    const brew = await failure(() => t.skills.install({ name: "tool", installId: "brew" }, new AbortController().signal));
    expect(brew.details).toMatchObject({ code: "INSTALLER_UNAVAILABLE", kind: "brew" });
    expect(brew.message).toMatch(/Homebrew.*install 'mytool' with your system package manager/);
    const go = await failure(() => t.skills.install({ name: "tool", installId: "go" }, new AbortController().signal));
    expect(go.message).toMatch(/Go toolchain.*go install example.com\/mytool@latest/);
    const unknown = await failure(() => t.skills.install({ name: "tool", installId: "nope" }, new AbortController().signal));
    expect(unknown.details.code).toBe("NOT_FOUND");
    expect(unknown.message).toContain("it has: node, brew, go");
    expect((await failure(() => t.skills.install({ name: "ghost", installId: "x" }, new AbortController().signal))).details.code).toBe("NOT_FOUND");
  });

  it("a hanging installer is stopped at its timeout, and when the caller goes away", async () => {
    const t = setup("{}");
    bin(t.binDir, "npm", "#!/bin/sh\necho started\nexec sleep 60\n");
    installable(t, [{ id: "node", kind: "node", package: "mytool" }]);
    const timedOut = await failure(() => t.skills.install({ name: "tool", installId: "node", timeoutMs: 1000 }, new AbortController().signal));
    expect(timedOut.message).toMatch(/timed out after 1000 ms/);
    const abort = new AbortController();
    const pending = failure(() => t.skills.install({ name: "tool", installId: "node" }, abort.signal));
    abort.abort();
    expect((await pending).message).toMatch(/cancelled/);
  });

  it("download: fetched into <state>/tools/<key>/ and unpacked with tar; a targetDir outside is refused", async () => {
    const t = setup("{}");
    const src = join(t.root, "src");
    mkdirSync(join(src, "pkg", "bin"), { recursive: true });
    writeFileSync(join(src, "pkg", "bin", "mytool"), "#!/bin/sh\n");
    const packed = await runProgram(["tar", "-czf", join(t.root, "pkg.tar.gz"), "-C", src, "pkg"], { env: process.env, timeoutMs: 30_000, signal: new AbortController().signal });
    expect(packed.code).toBe(0);
    const archive = readFileSync(join(t.root, "pkg.tar.gz"));
    const server = createServer((req, res) => (req.url === "/pkg.tar.gz" ? res.end(archive) : res.writeHead(404).end()));
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    installable(t, [
      { id: "dl", kind: "download", url: `${base}/pkg.tar.gz`, stripComponents: 1, targetDir: "runtime" },
      { id: "missing", kind: "download", url: `${base}/nope.tar.gz` },
      { id: "escape", kind: "download", url: `${base}/pkg.tar.gz`, targetDir: "../../elsewhere" },
    ]);
    expect(t.skills.status().skills[0].install.map((o) => o.id)).toEqual(["dl", "missing", "escape"]);
    const ok = await t.skills.install({ name: "tool", installId: "dl" }, new AbortController().signal);
    const target = join(t.stateDir, "tools", "tool", "runtime");
    expect(ok).toMatchObject({ ok: true, message: `Downloaded and extracted to ${target}` });
    expect(existsSync(join(target, "bin", "mytool"))).toBe(true);
    expect((await failure(() => t.skills.install({ name: "tool", installId: "missing" }, new AbortController().signal))).message).toBe(`Download failed (HTTP 404) from ${base}`);
    const outside = await failure(() => t.skills.install({ name: "tool", installId: "escape" }, new AbortController().signal));
    expect(outside.details.code).toBe("INVALID_PARAMS");
    expect(existsSync(join(t.stateDir, "elsewhere"))).toBe(false);
  });
});
