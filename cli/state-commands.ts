/**
 * The gateway's state from the command line:
 *
 *   tidegate config get [path] | set <path> <value> | unset <path> | validate | edit
 *   tidegate logs [--follow] [--json] [--limit N] [--max-bytes N]
 *   tidegate sessions [--json] [--active MINUTES] [--limit N] [--agent ID]
 *
 * Each works through the running gateway when one answers, and on the files in
 * the state directory when none runs (`--url` given: the gateway only).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Command } from "commander";
import { DeviceIdentity, DeviceTokenStore, GatewayClient, GatewayClientError } from "../clients/ts/index.js";
import { type ConnectionFlags, gatewayTarget, resolvePaths } from "../common/paths.js";
import type { Scope } from "../generated/ts/types.js";
import { FORBIDDEN_KEYS, parseJson5, validateConfigValue } from "../runtime/config/load.js";
import { ConfigConflictError, ConfigInvalidError, ConfigService, hashText } from "../runtime/config/service.js";
import { parseRecord } from "../runtime/logs/gateway-logger.js";
import { type TailResult, tailLogs } from "../runtime/logs/tail.js";
import { SessionService } from "../runtime/sessions/service.js";
import { ago, EXIT_GATEWAY_ERROR, EXIT_USAGE, printJson, table, UsageError } from "./output.js";
import { reportError } from "./session.js";

const SCOPES: Scope[] = ["operator.admin", "operator.read", "operator.write", "operator.approvals", "operator.pairing"];

function withConnection(command: Command): Command {
  return command
    .option("--url <url>", "gateway URL (default: the local gateway, else the files)")
    .option("--token <token>", "gateway token")
    .option("--password <password>", "gateway password")
    .option("--json", "print JSON")
    .option("--timeout <ms>", "give up on a call after this many milliseconds")
    .option("--dev", "the dev profile")
    .option("--profile <name>", "a named profile");
}

/**
 * A connected client, or undefined when no gateway answers (and no `--url` was given). With
 * `reconnect`, the client comes back by itself (with its backoff) after the gateway restarts;
 * the first connection still fails at once when nothing answers.
 */
async function openGateway(flags: ConnectionFlags, reconnect = false): Promise<GatewayClient | undefined> {
  const { url, token, stateDir } = gatewayTarget(flags);
  const client = new GatewayClient({
    url,
    token,
    password: flags.password,
    scopes: SCOPES,
    reconnect,
    identity: DeviceIdentity.load(stateDir),
    tokens: DeviceTokenStore.at(stateDir),
    client: { id: "cli", mode: "cli" },
    connectTimeoutMs: 3000,
    callTimeoutMs: flags.timeout ? Number(flags.timeout) : 30_000,
  });
  let stopWatching = () => {};
  try {
    // A reconnecting client retries a failed first connection forever: here that failure is the answer.
    const firstFailure = new Promise<never>((_, reject) => (stopWatching = client.onLifecycle("retry", ({ error }) => reject(error))));
    await Promise.race([client.start(), firstFailure]);
    return client;
  } catch (error) {
    await client.close().catch(() => undefined);
    if (error instanceof GatewayClientError && error.fromGateway) throw error;
    if (flags.url || process.env.TIDEGATE_URL) throw error;
    return undefined;
  } finally {
    stopWatching();
  }
}

/** Resolves once `client` is connected again (at once when it is). */
function reconnected(client: GatewayClient): Promise<void> {
  if (client.connected) return Promise.resolve();
  return new Promise((resolve) => {
    const stop = client.onLifecycle("hello", () => (stop(), resolve()));
  });
}

/** Run `online` through the gateway or `offline` on the files; map errors to exit codes. `reconnect`: the client survives gateway restarts. */
async function either(flags: ConnectionFlags, online: (client: GatewayClient) => Promise<void>, offline: () => Promise<void>, reconnect = false): Promise<void> {
  let client: GatewayClient | undefined;
  try {
    client = await openGateway(flags, reconnect);
    if (client) await online(client);
    else await offline();
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`tidegate: ${error.message}\n`);
      process.exitCode = EXIT_USAGE;
    } else if (error instanceof LocalError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = EXIT_GATEWAY_ERROR;
    } else if (error instanceof ConfigConflictError || error instanceof ConfigInvalidError) {
      process.stderr.write(`error: ${error.message}\n`);
      process.exitCode = EXIT_GATEWAY_ERROR;
    } else process.exitCode = reportError(error, flags.json);
  } finally {
    await client?.close().catch(() => undefined);
  }
}

/** A failure reported with exit code 1 without a gateway. */
class LocalError extends Error {}

function splitPath(path: string): string[] {
  const parts = path.split(".").map((p) => p.trim());
  if (parts.some((p) => p === "")) throw new UsageError(`invalid config path '${path}': use dotted keys such as gateway.port`);
  for (const p of parts) if (FORBIDDEN_KEYS.has(p)) throw new UsageError(`forbidden key '${p}' in config path`);
  return parts;
}

function valueAt(root: unknown, parts: string[]): { found: boolean; value?: unknown } {
  let v = root;
  for (const p of parts) {
    if (!v || typeof v !== "object" || !Object.hasOwn(v, p)) return { found: false };
    v = (v as Record<string, unknown>)[p];
  }
  return { found: true, value: v };
}

/** `{a: {b: value}}` for path `a.b`. */
function patchFor(parts: string[], value: unknown): Record<string, unknown> {
  return parts.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value) as Record<string, unknown>;
}

/** A command-line value: JSON5 when it parses (numbers, booleans, objects), else the text itself. */
function parseValue(text: string): unknown {
  try {
    return parseJson5("<value>", text);
  } catch {
    return text;
  }
}

function localConfig(flags: ConnectionFlags): ConfigService {
  const { configPath } = resolvePaths(flags);
  let raw = "";
  let initial = {};
  try {
    raw = readFileSync(configPath, "utf8");
    const checked = validateConfigValue(parseJson5(configPath, raw));
    if (checked.ok) initial = checked.config;
  } catch {
    /* missing or invalid: the service reports it */
  }
  return new ConfigService({ path: configPath, initial, initialHash: hashText(raw) });
}

function printValue(value: unknown, json: boolean | undefined): void {
  if (json || typeof value === "object") printJson(value);
  else process.stdout.write(`${String(value)}\n`);
}

function printWrite(result: { path: string; restart?: { mode: string; hotPaths?: string[]; restartPaths?: string[] } }, json: boolean | undefined, online: boolean): void {
  if (json) return printJson(result);
  const how = !online ? "no gateway running: takes effect at the next start" : result.restart ? `applied: ${result.restart.mode}` : "written";
  process.stdout.write(`updated ${result.path} (${how})\n`);
}

/** `config.patch` through the gateway, re-reading the hash when another writer got there first. */
async function patchOnline(client: GatewayClient, patch: unknown) {
  for (let attempt = 0; ; attempt++) {
    const { hash } = await client.call("config.get", {});
    try {
      return await client.call("config.patch", { raw: JSON.stringify(patch), baseHash: hash });
    } catch (error) {
      if (attempt < 3 && error instanceof GatewayClientError && error.detailCode === "CONFLICT") continue;
      throw error;
    }
  }
}

async function patchOffline(flags: ConnectionFlags, patch: unknown) {
  const service = localConfig(flags);
  const { hash } = await service.get();
  return service.patch(JSON.stringify(patch), hash, "cli");
}

function editText(initial: string, path: string): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), "tidegate-edit-"));
  const file = join(dir, "tidegate.json5");
  try {
    writeFileSync(file, initial, { mode: 0o600 });
    const editor = process.env.VISUAL || process.env.EDITOR || "vi";
    // Through the shell, so EDITOR="code --wait" works; the temp path holds no shell characters.
    const run = spawnSync(`${editor} '${file}'`, { stdio: "inherit", shell: true });
    if (run.status !== 0) throw new LocalError(`${editor} exited with ${run.status}; ${path} left unchanged`);
    const edited = readFileSync(file, "utf8");
    return edited === initial ? undefined : edited;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function printLogLines(result: TailResult, json: boolean | undefined, first: boolean): void {
  if (json) {
    if (first) process.stdout.write(JSON.stringify({ type: "meta", file: result.file, cursor: result.cursor, size: result.size }) + "\n");
    for (const raw of result.lines) {
      const r = parseRecord(raw);
      process.stdout.write(JSON.stringify(r ? { type: "log", time: r.time, level: r.level, message: r.message, raw } : { type: "raw", raw }) + "\n");
    }
    return;
  }
  if (first) process.stdout.write(`Log file: ${result.file}\n`);
  for (const raw of result.lines) {
    const r = parseRecord(raw);
    if (!r) process.stdout.write(raw + "\n");
    else {
      const extra = r.fields
        ? " " +
          Object.entries(r.fields)
            .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
            .join(" ")
        : "";
      process.stdout.write(`${r.time ?? ""} ${r.level ?? ""} ${r.message}${extra}\n`);
    }
  }
}

export function registerStateCommands(program: Command): void {
  const config = program.command("config").description("read and change the gateway config (through the gateway when it runs)");

  withConnection(config.command("get [path]").description("the config, or the value at a dotted path (secrets redacted)")).action((path: string | undefined, flags: ConnectionFlags) =>
    either(
      flags,
      async (client) => {
        const snap = await client.call("config.get", {});
        if (!path) return printValue(flags.json ? snap : snap.parsed, flags.json);
        const at = valueAt(snap.parsed, splitPath(path));
        if (!at.found) throw new LocalError(`Config path not found: ${path}`);
        printValue(at.value, flags.json);
      },
      async () => {
        const service = localConfig(flags);
        const snap = await service.get();
        if (!path) return printValue(flags.json ? snap : snap.parsed, flags.json);
        const at = valueAt(snap.parsed, splitPath(path));
        if (!at.found) throw new LocalError(`Config path not found: ${path}`);
        printValue(at.value, flags.json);
      },
    ),
  );

  withConnection(config.command("set <path> <value>").description("set a value (JSON5, else text); validated before it is written")).action((path: string, value: string, flags: ConnectionFlags) =>
    either(
      flags,
      async (client) => printWrite(await patchOnline(client, patchFor(splitPath(path), parseValue(value))), flags.json, true),
      async () => printWrite(await patchOffline(flags, patchFor(splitPath(path), parseValue(value))), flags.json, false),
    ),
  );

  withConnection(config.command("unset <path>").description("remove a value")).action((path: string, flags: ConnectionFlags) =>
    either(
      flags,
      async (client) => printWrite(await patchOnline(client, patchFor(splitPath(path), null)), flags.json, true),
      async () => printWrite(await patchOffline(flags, patchFor(splitPath(path), null)), flags.json, false),
    ),
  );

  withConnection(config.command("validate").description("check the config file against the schema")).action((flags: ConnectionFlags) =>
    either(
      flags,
      async (client) => {
        const snap = await client.call("config.get", {});
        if (flags.json) printJson({ path: snap.path, valid: snap.valid, issues: snap.issues });
        else process.stdout.write(snap.valid ? `${snap.path}: valid\n` : `${snap.path}: invalid\n${snap.issues.map((i) => `  ${i.path || "(root)"}: ${i.message}`).join("\n")}\n`);
        if (!snap.valid) process.exitCode = EXIT_GATEWAY_ERROR;
      },
      async () => {
        const snap = await localConfig(flags).get();
        if (flags.json) printJson({ path: snap.path, valid: snap.valid, issues: snap.issues });
        else
          process.stdout.write(
            snap.valid ? `${snap.path}: valid${snap.exists ? "" : " (no file: defaults)"}\n` : `${snap.path}: invalid\n${snap.issues.map((i) => `  ${i.path || "(root)"}: ${i.message}`).join("\n")}\n`,
          );
        if (!snap.valid) process.exitCode = EXIT_GATEWAY_ERROR;
      },
    ),
  );

  withConnection(config.command("edit").description("edit the config in $EDITOR; written only when it validates")).action((flags: ConnectionFlags) =>
    either(
      flags,
      async (client) => {
        const snap = await client.call("config.get", {});
        const edited = editText(snap.raw ?? "{\n}\n", snap.path);
        if (edited === undefined) return void process.stdout.write("no changes\n");
        printWrite(await client.call("config.set", { raw: edited, baseHash: snap.hash }), flags.json, true);
      },
      async () => {
        const service = localConfig(flags);
        const snap = await service.get();
        const edited = editText(snap.raw ?? "{\n}\n", snap.path);
        if (edited === undefined) return void process.stdout.write("no changes\n");
        printWrite(await service.set(edited, snap.hash, "cli"), flags.json, false);
      },
    ),
  );

  withConnection(program.command("logs").description("the gateway log (through the gateway, else the files)"))
    .option("--follow", "keep printing new lines")
    .option("--limit <n>", "most lines per read", "200")
    .option("--max-bytes <n>", "most bytes per read", "250000")
    .option("--interval <ms>", "poll interval with --follow", "1000")
    .action((flags: ConnectionFlags & { follow?: boolean; limit: string; maxBytes: string; interval: string }) => {
      const limit = Number(flags.limit);
      const maxBytes = Number(flags.maxBytes);
      const read = async (tail: (cursor?: number) => Promise<TailResult>) => {
        let result = await tail();
        printLogLines(result, flags.json, true);
        if (result.truncated && !flags.follow) process.stderr.write("Log tail truncated (increase --max-bytes).\n");
        while (flags.follow) {
          if (!result.truncated) await new Promise((r) => setTimeout(r, Number(flags.interval)));
          result = await tail(result.cursor);
          if (result.reset) process.stderr.write("(log rotated or truncated; continuing)\n");
          printLogLines(result, flags.json, false);
        }
      };
      /**
       * One `logs.tail` through the gateway. Following, a lost connection (the gateway restarting
       * in-process closes with 1012) waits for the client to reconnect and asks again from the same
       * cursor: a read repeats safely, and the cursor is a position in the log file, so no line is
       * printed twice or skipped (a rotated or truncated file is reported as `reset`).
       */
      const tailOnline = async (client: GatewayClient, cursor?: number): Promise<TailResult> => {
        for (;;) {
          try {
            return (await client.call("logs.tail", { ...(cursor === undefined ? {} : { cursor }), limit, maxBytes })) as TailResult;
          } catch (error) {
            const lost = error instanceof GatewayClientError && (error.code === "DISCONNECTED" || (error.code === "TIMEOUT" && !client.connected));
            if (!flags.follow || !lost) throw error;
            process.stderr.write("(connection to the gateway lost; reconnecting)\n");
            await reconnected(client);
            process.stderr.write("(reconnected; continuing)\n");
          }
        }
      };
      return either(
        flags,
        (client) => read((cursor) => tailOnline(client, cursor)),
        () => read(async (cursor) => tailLogs(join(resolvePaths(flags).stateDir, "logs"), { cursor, limit, maxBytes })),
        flags.follow,
      );
    });

  withConnection(program.command("sessions").description("list sessions (through the gateway, else the store files)"))
    .option("--active <minutes>", "only sessions active within this many minutes")
    .option("--limit <n>", "most sessions")
    .option("--agent <id>", "only this agent's sessions")
    .action((flags: ConnectionFlags & { active?: string; limit?: string; agent?: string }) => {
      const params = {
        ...(flags.active ? { activeMinutes: Number(flags.active) } : {}),
        ...(flags.limit ? { limit: Number(flags.limit) } : {}),
        ...(flags.agent ? { agentId: flags.agent } : {}),
        includeDerivedTitles: true,
        includeLastMessage: true,
      };
      const print = (list: {
        path: string;
        count: number;
        sessions: { key: string; kind: string; label?: string; derivedTitle?: string; updatedAt: number | null; model?: string; totalTokens?: number; lastMessagePreview?: string }[];
      }) => {
        if (flags.json) return printJson(list);
        process.stdout.write(`Session store: ${list.path}\nSessions listed: ${list.count}\n`);
        if (!list.count) return void process.stdout.write("No sessions found.\n");
        process.stdout.write(
          table(
            ["KEY", "KIND", "TITLE", "UPDATED", "MODEL", "TOKENS", "LAST MESSAGE"],
            list.sessions.map((s) => [s.key, s.kind, s.label ?? s.derivedTitle, ago(s.updatedAt ?? undefined), s.model, s.totalTokens, s.lastMessagePreview?.slice(0, 40)]),
          ) + "\n",
        );
      };
      return either(
        flags,
        async (client) => print(await client.call("sessions.list", params)),
        async () => {
          const service = new SessionService({ stateDir: resolvePaths(flags).stateDir });
          const { rows } = service.list({ activeMinutes: params.activeMinutes, limit: params.limit, agentId: params.agentId, derivedTitles: true, lastMessage: true });
          const agents = service.agents;
          print({
            path: agents.length === 1 ? service.storePath(agents[0]) : agents.length ? "(multiple)" : service.storePath(service.defaultAgentId),
            count: rows.length,
            sessions: rows.map((r) => ({
              key: r.key,
              kind: r.kind === "group" || r.kind === "thread" ? "group" : "direct",
              label: r.entry.label,
              derivedTitle: r.derivedTitle,
              updatedAt: r.entry.updatedAt,
              model: r.model,
              totalTokens: r.entry.totalTokens,
              lastMessagePreview: r.lastMessagePreview,
            })),
          });
        },
      );
    });
}
