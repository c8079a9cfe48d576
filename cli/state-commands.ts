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
import { type GatewayClient, GatewayClientError } from "../clients/ts/index.js";
import { type ConnectionFlags, resolvePaths } from "../common/paths.js";
import { FORBIDDEN_KEYS, parseJson5, validateConfigValue } from "../runtime/config/load.js";
import { ConfigService, hashText } from "../runtime/config/service.js";
import { SessionService } from "../runtime/sessions/service.js";
import { either, LocalError, withConnection } from "./gateway-or-files.js";
import { registerLogsCommand } from "./logs-command.js";
import { ago, EXIT_GATEWAY_ERROR, printJson, table, UsageError } from "./output.js";

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

  registerLogsCommand(program);

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
