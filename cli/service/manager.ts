/**
 * `tidegate gateway install | uninstall | start | stop | restart | status`:
 * a systemd user unit on Linux, a launchd agent on macOS. Where no user
 * service manager runs (containers, CI, WSL without systemd) the commands say
 * so and exit 69; run `tidegate gateway run` under your own supervisor there.
 *
 * Exit codes: 0 ok; 1 refused or failed (a unit exists and --force was not
 * given, the service manager reported an error, not installed); 3 (`status`)
 * the gateway does not answer on its port; 69 no user service manager here.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, resolve } from "node:path";
import { resolvePaths } from "../../common/paths.js";
import { readGatewayRuntime } from "../../common/runtime-file.js";
import { PRODUCT_VERSION } from "../../generated/ts/registry.js";
import { EXIT_GATEWAY_ERROR, EXIT_UNREACHABLE, fields, printJson } from "../output.js";
import { findProfiles, probeHealth } from "./probe.js";
import { launchdLabel, launchdLogDir, launchdPlist, type ServiceKind, type ServiceSpec, serviceName, systemdUnit, unitPath } from "./units.js";

/** No user service manager on this host. */
export const EXIT_NO_SERVICE_MANAGER = 69;

export interface ServiceFlags {
  dev?: boolean;
  profile?: string;
  force?: boolean;
  json?: boolean;
  all?: boolean;
}

const out = (line: string) => process.stdout.write(line + "\n");
const err = (line: string) => process.stderr.write(line + "\n");

function kindOf(platform = process.platform): ServiceKind | undefined {
  return platform === "linux" ? "systemd" : platform === "darwin" ? "launchd" : undefined;
}

function run(command: string, args: string[]): { ok: boolean; output: string; missing: boolean } {
  const result = spawnSync(command, args, { encoding: "utf8", timeout: 15_000 });
  const missing = (result.error as NodeJS.ErrnoException | undefined)?.code === "ENOENT";
  return { ok: result.status === 0, output: `${result.stdout ?? ""}${result.stderr ?? ""}`.trim() || String(result.error?.message ?? ""), missing };
}

/** Whether a user service manager answers here, and if not, why. */
export function managerAvailable(kind: ServiceKind): { ok: true } | { ok: false; why: string } {
  const probe = kind === "systemd" ? run("systemctl", ["--user", "show-environment"]) : run("launchctl", ["print", `gui/${process.getuid?.() ?? 501}`]);
  if (probe.ok) return { ok: true };
  const tool = kind === "systemd" ? "systemctl" : "launchctl";
  return { ok: false, why: probe.missing ? `${tool} is not installed` : `${tool} --user cannot reach a user service manager (${probe.output.split("\n")[0] || "no answer"})` };
}

function noManager(kind: ServiceKind, why: string, wrote?: string, name = serviceName()): number {
  err(`tidegate: no ${kind === "systemd" ? "systemd user instance" : "launchd session"} on this host: ${why}.`);
  if (wrote) err(`  The unit was written to ${wrote}; it will be picked up where a user service manager runs (\`systemctl --user daemon-reload && systemctl --user enable --now ${name}\`).`);
  err("  Here (a container, CI, or a system without user services), run `tidegate gateway run` in the foreground under your own supervisor");
  err("  (docker's restart policy, s6, supervisord, runit, a system unit, tmux…). Exit code 69.");
  return EXIT_NO_SERVICE_MANAGER;
}

function specFor(flags: ServiceFlags): ServiceSpec {
  const { profile } = resolvePaths(flags);
  const env: Record<string, string> = {};
  if (process.env.TIDEGATE_STATE_DIR) env.TIDEGATE_STATE_DIR = resolve(process.env.TIDEGATE_STATE_DIR);
  if (process.env.TIDEGATE_CONFIG_PATH && !profile) env.TIDEGATE_CONFIG_PATH = resolve(process.env.TIDEGATE_CONFIG_PATH);
  return { profile, nodePath: process.execPath, cliPath: resolve(process.argv[1] ?? "bin/tidegate.js"), version: PRODUCT_VERSION, home: homedir(), env };
}

function unsupported(): number {
  err(`tidegate: service install is supported on Linux (systemd) and macOS (launchd), not ${process.platform}; run \`tidegate gateway run\` under your own supervisor. Exit code 69.`);
  return EXIT_NO_SERVICE_MANAGER;
}

export function install(flags: ServiceFlags): number {
  const kind = kindOf();
  if (!kind) return unsupported();
  const spec = specFor(flags);
  const path = unitPath(kind, spec.home, spec.profile);
  const text = kind === "systemd" ? systemdUnit(spec) : launchdPlist(spec);
  if (existsSync(path)) {
    const current = readFileSync(path, "utf8");
    if (current !== text && !flags.force) {
      err(`tidegate: ${path} exists and differs from what this install would write; pass --force to overwrite it (or \`tidegate gateway uninstall\` first).`);
      return EXIT_GATEWAY_ERROR;
    }
  }
  mkdirSync(dirname(path), { recursive: true });
  if (kind === "launchd") mkdirSync(launchdLogDir(spec.home), { recursive: true });
  writeFileSync(path, text, { mode: 0o644 });
  out(`wrote ${path}`);
  const available = managerAvailable(kind);
  if (!available.ok) return noManager(kind, available.why, path, serviceName(spec.profile));
  const name = serviceName(spec.profile);
  const steps =
    kind === "systemd"
      ? [["systemctl", ["--user", "daemon-reload"]], ["systemctl", ["--user", "enable", "--now", `${name}.service`]], ...(flags.force ? [["systemctl", ["--user", "restart", `${name}.service`]]] : [])]
      : [
          ["launchctl", ["bootout", `gui/${process.getuid?.()}/${launchdLabel(spec.profile)}`]],
          ["launchctl", ["bootstrap", `gui/${process.getuid?.()}`, path]],
        ];
  for (const [command, args] of steps as [string, string[]][]) {
    const result = run(command, args);
    if (!result.ok && !(command === "launchctl" && args[0] === "bootout")) {
      err(`tidegate: ${command} ${args.join(" ")} failed: ${result.output}`);
      return EXIT_GATEWAY_ERROR;
    }
  }
  out(`installed and started ${name}; logs: ${kind === "systemd" ? `journalctl --user -u ${name}` : `${launchdLogDir(spec.home)}/${name}.log`}`);
  return 0;
}

export function uninstall(flags: ServiceFlags): number {
  const kind = kindOf();
  if (!kind) return unsupported();
  const spec = specFor(flags);
  const path = unitPath(kind, spec.home, spec.profile);
  const name = serviceName(spec.profile);
  if (!existsSync(path)) {
    out(`${name} is not installed (no ${path})`);
    return 0;
  }
  const available = managerAvailable(kind);
  if (available.ok) {
    if (kind === "systemd") run("systemctl", ["--user", "disable", "--now", `${name}.service`]);
    else run("launchctl", ["bootout", `gui/${process.getuid?.()}/${launchdLabel(spec.profile)}`]);
  }
  rmSync(path, { force: true });
  if (available.ok && kind === "systemd") run("systemctl", ["--user", "daemon-reload"]);
  out(`removed ${path}${available.ok ? "" : " (no user service manager was running, so nothing had to be stopped)"}`);
  return 0;
}

/** start | stop | restart through the service manager. */
export function control(action: "start" | "stop" | "restart", flags: ServiceFlags): number {
  const kind = kindOf();
  if (!kind) return unsupported();
  const spec = specFor(flags);
  const path = unitPath(kind, spec.home, spec.profile);
  const name = serviceName(spec.profile);
  if (!existsSync(path)) {
    err(`tidegate: ${name} is not installed (no ${path}); run \`tidegate gateway install${spec.profile ? ` --profile ${spec.profile}` : ""}\` first.`);
    return EXIT_GATEWAY_ERROR;
  }
  const available = managerAvailable(kind);
  if (!available.ok) return noManager(kind, available.why);
  const target = `gui/${process.getuid?.()}/${launchdLabel(spec.profile)}`;
  const [command, args] =
    kind === "systemd"
      ? ["systemctl", ["--user", action, `${name}.service`]]
      : action === "start"
        ? ["launchctl", ["kickstart", target]]
        : action === "restart"
          ? ["launchctl", ["kickstart", "-k", target]]
          : ["launchctl", ["kill", "SIGTERM", target]];
  const result = run(command, args as string[]);
  if (!result.ok) {
    err(`tidegate: ${command} ${(args as string[]).join(" ")} failed: ${result.output}`);
    return EXIT_GATEWAY_ERROR;
  }
  out(`${action === "stop" ? "stopped" : action === "start" ? "started" : "restarted"} ${name}`);
  return 0;
}

/** The service manager's view of the unit (a few properties), or why there is none. */
function managerView(kind: ServiceKind, profile: string | undefined): Record<string, string> | { unavailable: string } {
  const available = managerAvailable(kind);
  if (!available.ok) return { unavailable: available.why };
  if (kind === "systemd") {
    const result = run("systemctl", ["--user", "show", `${serviceName(profile)}.service`, "-p", "LoadState,ActiveState,SubState,MainPID,UnitFileState,ExecMainStatus"]);
    return Object.fromEntries(
      result.output
        .split("\n")
        .filter((l) => l.includes("="))
        .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
    );
  }
  const result = run("launchctl", ["print", `gui/${process.getuid?.()}/${launchdLabel(profile)}`]);
  if (!result.ok) return { state: "not loaded" };
  const pick = (key: string) => new RegExp(`^\\s*${key} = (.*)$`, "m").exec(result.output)?.[1] ?? "";
  return { state: pick("state"), pid: pick("pid"), lastExitCode: pick("last exit code") };
}

export async function status(flags: ServiceFlags): Promise<number> {
  if (flags.all) return statusAll(flags);
  const kind = kindOf();
  const paths = resolvePaths(flags);
  const runtime = readGatewayRuntime(paths.stateDir);
  const url = runtime?.url ?? `ws://127.0.0.1:${paths.defaultPort}`;
  const answers = await probeHealth(url);
  const name = serviceName(paths.profile);
  const unit = kind ? unitPath(kind, homedir(), paths.profile) : undefined;
  const installed = unit !== undefined && existsSync(unit);
  const manager = kind ? managerView(kind, paths.profile) : { unavailable: `no service manager support on ${process.platform}` };
  const report = {
    service: name,
    kind: kind ?? null,
    unitPath: unit ?? null,
    installed,
    manager,
    gateway: { url, answers, ...(runtime ? { pid: runtime.pid, version: runtime.version, tlsFingerprint: runtime.tlsFingerprint } : {}) },
  };
  if (flags.json) printJson(report);
  else {
    const view =
      "unavailable" in manager
        ? `unavailable: ${manager.unavailable}`
        : Object.entries(manager)
            .map(([k, v]) => `${k}=${v}`)
            .join(" ");
    out(
      fields([
        ["service", `${name} (${kind ?? "unsupported"}) ${installed ? `installed at ${unit}` : "not installed"}`],
        ["manager", view],
        ["gateway", `${url} ${answers ? "answers /health" : "does not answer"}${runtime ? ` (pid ${runtime.pid}, ${runtime.version})` : ""}`],
        ...(runtime?.tlsFingerprint ? ([["tls sha-256", runtime.tlsFingerprint]] as [string, unknown][]) : []),
      ]),
    );
  }
  return answers ? 0 : EXIT_UNREACHABLE;
}

/** Every profile's gateway on this host: state directory, port, and whether it answers. Exit 0 (the listing is the answer). */
async function statusAll(flags: ServiceFlags): Promise<number> {
  const gateways = findProfiles();
  await Promise.all(gateways.map(async (g) => (g.answers = await probeHealth(g.url))));
  if (flags.json) {
    printJson({
      gateways: gateways.map((g) => ({
        profile: g.profile,
        stateDir: g.stateDir,
        port: g.port,
        url: g.url,
        answers: g.answers,
        pid: g.runtime?.pid ?? null,
        tlsFingerprint: g.runtime?.tlsFingerprint ?? null,
      })),
    });
    return 0;
  }
  if (gateways.length === 0) {
    out("no gateway state directories found");
    return 0;
  }
  const { table } = await import("../output.js");
  out(
    table(
      ["PROFILE", "PORT", "ANSWERS", "PID", "URL", "STATE"],
      gateways.map((g) => [g.profile, g.port, g.answers ? "yes" : "no", g.runtime?.pid, g.url, g.stateDir]),
    ),
  );
  return 0;
}
