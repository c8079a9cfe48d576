/**
 * Running a skill's declared installer (`skills.install`). Every installer is
 * a program started with an argv array — never a shell — whose arguments were
 * checked when the SKILL.md was parsed (frontmatter.ts). A run has a timeout
 * and stops when the caller goes away (TERM, then KILL); its output is kept up
 * to a bound (the tail). `download` fetches over HTTP(S) into
 * `<state>/tools/<skillKey>/` (never outside it), writes through a temp file
 * and a rename, and unpacks archives with `tar`/`unzip`.
 *
 * Kinds whose tool is not on this host fail before anything runs, with an
 * error that names the tool and what to do instead.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, readdir, rename, rm } from "node:fs/promises";
import { basename, isAbsolute, join, relative, resolve } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { SkillsInstallResult } from "../../generated/ts/types.js";
import { GatewayError } from "../errors.js";
import type { InstallSpec } from "./frontmatter.js";

/** Output kept per stream (its end). */
export const OUTPUT_KEEP_BYTES = 64 * 1024;
/** Largest download accepted. */
export const MAX_DOWNLOAD_BYTES = 512 * 1024 * 1024;
const KILL_GRACE_MS = 2000;

export interface RunOutcome {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  aborted: boolean;
}

export interface InstallContext {
  /** Environment of installer programs (PATH decides which tools exist). */
  env: NodeJS.ProcessEnv;
  hasBin(bin: string): boolean;
  nodeManager: "npm" | "pnpm" | "yarn" | "bun";
  /** `<state>/tools/<skillKey>`: where downloads go. */
  toolsDir: string;
  timeoutMs: number;
  signal: AbortSignal;
}

const keepTail = (text: string) => (text.length > OUTPUT_KEEP_BYTES ? text.slice(-OUTPUT_KEEP_BYTES) : text);

/** Run `argv` (no shell) with a timeout and an abort signal; output kept bounded. */
export function runProgram(argv: readonly string[], options: { env: NodeJS.ProcessEnv; timeoutMs: number; signal: AbortSignal; cwd?: string }): Promise<RunOutcome> {
  return new Promise((done) => {
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    let aborted = false;
    const child = spawn(argv[0], argv.slice(1), { env: options.env, cwd: options.cwd, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.setEncoding("utf8").on("data", (t: string) => (stdout = keepTail(stdout + t)));
    child.stderr.setEncoding("utf8").on("data", (t: string) => (stderr = keepTail(stderr + t)));
    let killTimer: NodeJS.Timeout | undefined;
    const stop = () => {
      child.kill("SIGTERM");
      killTimer = setTimeout(() => child.kill("SIGKILL"), KILL_GRACE_MS);
      killTimer.unref();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, options.timeoutMs);
    const onAbort = () => {
      aborted = true;
      stop();
    };
    if (options.signal.aborted) onAbort();
    else options.signal.addEventListener("abort", onAbort, { once: true });
    const finish = (code: number | null, extra = "") => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      options.signal.removeEventListener("abort", onAbort);
      done({ code, stdout, stderr: keepTail(stderr + extra), timedOut, aborted });
    };
    child.once("error", (error) => finish(null, String(error.message)));
    child.once("close", (code) => finish(code));
  });
}

/** A one-line summary of failed output (v3: the first `error` line, else the last line). */
function summarize(text: string): string | undefined {
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  const line = lines.find((l) => /^error\b/i.test(l)) ?? lines.find((l) => /\b(err!|error:|failed)\b/i.test(l)) ?? lines.at(-1);
  if (!line) return undefined;
  const flat = line.replace(/\s+/g, " ");
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}

function outcomeResult(run: RunOutcome, what: string, timeoutMs: number): SkillsInstallResult {
  const base = { stdout: run.stdout.trim(), stderr: run.stderr.trim(), code: run.code };
  if (run.code === 0 && !run.timedOut && !run.aborted) return { ok: true, message: `Installed (${what})`, ...base };
  if (run.timedOut) return { ok: false, message: `Install timed out after ${timeoutMs} ms (${what}); raise timeoutMs or run it yourself`, ...base };
  if (run.aborted) return { ok: false, message: `Install cancelled (${what})`, ...base };
  const code = typeof run.code === "number" ? `exit ${run.code}` : "did not start";
  const summary = summarize(run.stderr) ?? summarize(run.stdout);
  return { ok: false, message: `Install failed (${code})${summary ? `: ${summary}` : ""}`, ...base };
}

const unavailable = (kind: string, message: string) => new GatewayError("INSTALLER_UNAVAILABLE", message, { kind });

/** The argv of a package-manager installer, or an INSTALLER_UNAVAILABLE error naming the missing tool. */
export function installArgv(spec: InstallSpec, ctx: Pick<InstallContext, "hasBin" | "nodeManager">): string[] {
  switch (spec.kind) {
    case "brew":
      if (!ctx.hasBin("brew"))
        throw unavailable(
          "brew",
          `installer kind 'brew' needs Homebrew, which is not on this gateway's PATH: install '${spec.formula}' with your system package manager (apt, dnf, pacman…) or install Homebrew (https://brew.sh)`,
        );
      return ["brew", "install", spec.formula!];
    case "node": {
      const pm = ctx.nodeManager;
      if (!ctx.hasBin(pm))
        throw unavailable(
          "node",
          `installer kind 'node' uses ${pm} (skills.install.nodeManager), which is not on this gateway's PATH: install Node.js/${pm}, or set skills.install.nodeManager to one you have`,
        );
      const argv = { npm: ["npm", "install", "-g"], pnpm: ["pnpm", "add", "-g"], yarn: ["yarn", "global", "add"], bun: ["bun", "add", "-g"] }[pm];
      return [...argv, "--ignore-scripts", spec.package!];
    }
    case "go":
      if (!ctx.hasBin("go"))
        throw unavailable(
          "go",
          `installer kind 'go' needs the Go toolchain, which is not on this gateway's PATH: install Go (https://go.dev/doc/install), or run 'go install ${spec.module}' where Go is`,
        );
      return ["go", "install", spec.module!];
    case "uv":
      if (!ctx.hasBin("uv")) throw unavailable("uv", `installer kind 'uv' needs uv, which is not on this gateway's PATH: install it (https://docs.astral.sh/uv/getting-started/installation/)`);
      return ["uv", "tool", "install", spec.package!];
    default:
      throw unavailable(spec.kind, `installer kind '${spec.kind}' is not run as a command`);
  }
}

function archiveType(spec: InstallSpec, filename: string): string | undefined {
  if (spec.archive) return spec.archive;
  const lower = filename.toLowerCase();
  if (lower.endsWith(".tar.gz") || lower.endsWith(".tgz")) return "tar.gz";
  if (lower.endsWith(".tar.bz2") || lower.endsWith(".tbz2")) return "tar.bz2";
  if (lower.endsWith(".tar.xz")) return "tar.xz";
  if (lower.endsWith(".zip")) return "zip";
  return undefined;
}

const inside = (root: string, path: string) => {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
};

/** A `download` installer: fetch into the skill's tools folder, then unpack. */
async function download(spec: InstallSpec, ctx: InstallContext): Promise<SkillsInstallResult> {
  const url = new URL(spec.url!);
  const filename = basename(url.pathname) || "download";
  const target = spec.targetDir ? resolve(ctx.toolsDir, spec.targetDir) : ctx.toolsDir;
  if (!inside(ctx.toolsDir, target)) throw new GatewayError("INVALID_PARAMS", `the installer's targetDir '${spec.targetDir}' leaves the skill's tools folder ${ctx.toolsDir}; fix the SKILL.md`);
  const type = archiveType(spec, filename);
  const extract = spec.extract ?? Boolean(type);
  if (extract) {
    const tool = type === "zip" ? "unzip" : "tar";
    if (!type) throw unavailable("download", `the download installer asks to extract ${filename} but its archive type is unknown; set "archive" in the SKILL.md`);
    if (!ctx.hasBin(tool)) throw unavailable("download", `extracting ${filename} needs '${tool}', which is not on this gateway's PATH: install it and retry`);
  }
  await mkdir(target, { recursive: true, mode: 0o700 });
  // Parts left by a download that was killed never become the file; drop them.
  for (const name of await readdir(target)) if (name.startsWith(`.${filename}.`) && name.endsWith(".part")) await rm(join(target, name), { force: true });
  const finalPath = join(target, filename);
  const temp = join(target, `.${filename}.${randomBytes(4).toString("hex")}.part`);
  const timeout = AbortSignal.timeout(ctx.timeoutMs);
  const signal = AbortSignal.any([timeout, ctx.signal]);
  let bytes = 0;
  try {
    const response = await fetch(url, { signal, redirect: "follow" });
    if (!response.ok || !response.body) return { ok: false, message: `Download failed (HTTP ${response.status}) from ${url.origin}`, stdout: "", stderr: "", code: null };
    const declared = Number(response.headers.get("content-length") ?? 0);
    if (declared > MAX_DOWNLOAD_BYTES) return { ok: false, message: `Download refused: ${declared} bytes is over the ${MAX_DOWNLOAD_BYTES}-byte limit`, stdout: "", stderr: "", code: null };
    const body = Readable.fromWeb(response.body as import("node:stream/web").ReadableStream);
    body.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > MAX_DOWNLOAD_BYTES) body.destroy(new Error(`over the ${MAX_DOWNLOAD_BYTES}-byte limit`));
    });
    await pipeline(body, createWriteStream(temp, { mode: 0o600 }), { signal });
    await rename(temp, finalPath);
  } catch (error) {
    await rm(temp, { force: true });
    const why = timeout.aborted ? `timed out after ${ctx.timeoutMs} ms` : ctx.signal.aborted ? "cancelled" : (error as Error).message;
    return { ok: false, message: `Download failed: ${why}`, stdout: "", stderr: why, code: null };
  }
  if (!extract) return { ok: true, message: `Downloaded to ${finalPath}`, stdout: `downloaded=${bytes}`, stderr: "", code: 0 };
  const strip = spec.stripComponents ? [`--strip-components=${spec.stripComponents}`] : [];
  const argv = type === "zip" ? ["unzip", "-o", "-q", finalPath, "-d", target] : ["tar", "-xf", finalPath, "-C", target, "--no-same-owner", ...strip];
  const run = await runProgram(argv, { env: ctx.env, timeoutMs: ctx.timeoutMs, signal: ctx.signal });
  const result = outcomeResult(run, "extract", ctx.timeoutMs);
  if (result.ok) result.message = `Downloaded and extracted to ${target}`;
  return result;
}

/** Run one installer; a failure the caller can read comes back as `ok: false`, a missing tool as an error. */
export async function runInstaller(spec: InstallSpec, ctx: InstallContext): Promise<SkillsInstallResult> {
  if (spec.kind === "download") return download(spec, ctx);
  const argv = installArgv(spec, ctx);
  const run = await runProgram(argv, { env: ctx.env, timeoutMs: ctx.timeoutMs, signal: ctx.signal });
  return outcomeResult(run, argv.slice(0, 2).join(" "), ctx.timeoutMs);
}
