/**
 * The service definitions `tidegate gateway install` writes, as pure text:
 * a systemd user unit and a launchd agent plist. One escaping helper per
 * format: `systemdQuote` (and `systemdExecArg` for command lines, where `$`
 * is also special) and `xmlEscape`.
 */
import { join } from "node:path";

export interface ServiceSpec {
  /** Profile name (`dev` for --dev); undefined for the default gateway. */
  profile?: string;
  /** Absolute path of the node binary. */
  nodePath: string;
  /** Absolute path of bin/tidegate.js. */
  cliPath: string;
  /** The registry's PRODUCT_VERSION. */
  version: string;
  home: string;
  /** Extra environment carried into the service (e.g. TIDEGATE_STATE_DIR set at install time). */
  env?: Record<string, string>;
}

export type ServiceKind = "systemd" | "launchd";

/** `tidegate-gateway` or `tidegate-gateway-<profile>`. */
export const serviceName = (profile?: string) => (profile ? `tidegate-gateway-${profile}` : "tidegate-gateway");

/** launchd label: `dev.tidegate.gateway` or `dev.tidegate.gateway.<profile>`. */
export const launchdLabel = (profile?: string) => (profile ? `dev.tidegate.gateway.${profile}` : "dev.tidegate.gateway");

/** Where the definition lives for `kind`. */
export function unitPath(kind: ServiceKind, home: string, profile?: string): string {
  return kind === "systemd" ? join(home, ".config/systemd/user", `${serviceName(profile)}.service`) : join(home, "Library/LaunchAgents", `${launchdLabel(profile)}.plist`);
}

/** macOS log files (launchd has no journal for agents). */
export const launchdLogDir = (home: string) => join(home, "Library/Logs/tidegate");

/** The command the service runs (the same young-generation flag as bin/tidegate.js's shebang). */
export function serviceCommand(spec: ServiceSpec): string[] {
  const profileArgs = spec.profile === "dev" ? ["--dev"] : spec.profile ? ["--profile", spec.profile] : [];
  return [spec.nodePath, "--max-semi-space-size=1", spec.cliPath, "gateway", "run", ...profileArgs];
}

/** Metadata every service carries in its environment, then the extra environment. */
export function serviceEnvironment(kind: ServiceKind, spec: ServiceSpec): [string, string][] {
  return [
    ["TIDEGATE_SERVICE_KIND", kind],
    ["TIDEGATE_SERVICE_VERSION", spec.version],
    ["TIDEGATE_SERVICE_PROFILE", spec.profile ?? "default"],
    ...Object.entries(spec.env ?? {}).sort(([a], [b]) => a.localeCompare(b)),
  ];
}

/** A systemd value in double quotes: `\` and `"` backslashed, `%` (specifiers) doubled; newlines cannot be expressed and are refused. */
export function systemdQuote(value: string): string {
  if (/[\n\r\0]/.test(value)) throw new Error(`cannot put a value with a newline or NUL into a systemd unit: ${JSON.stringify(value)}`);
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/%/g, "%%")}"`;
}

/** One argument of an `Exec…=` line: quoted as `systemdQuote`, with `$` doubled (no variable expansion). */
export const systemdExecArg = (value: string) => systemdQuote(value.replace(/\$/g, "$$$$"));

/** The systemd user unit. Logs go to the journal (`journalctl --user -u NAME`). */
export function systemdUnit(spec: ServiceSpec): string {
  const name = serviceName(spec.profile);
  return [
    "[Unit]",
    `Description=tidegate gateway${spec.profile ? ` (profile ${spec.profile})` : ""}`,
    "",
    "[Service]",
    "Type=simple",
    `ExecStart=${serviceCommand(spec).map(systemdExecArg).join(" ")}`,
    ...serviceEnvironment("systemd", spec).map(([key, value]) => `Environment=${systemdQuote(`${key}=${value}`)}`),
    "Restart=on-failure",
    "RestartSec=2",
    "# 78: the configuration must not run (e.g. a non-loopback bind without auth); restarting cannot fix it.",
    "RestartPreventExitStatus=78",
    "KillSignal=SIGTERM",
    "TimeoutStopSec=15",
    "StandardOutput=journal",
    "StandardError=journal",
    `SyslogIdentifier=${name}`,
    "",
    "[Install]",
    "WantedBy=default.target",
    "",
  ].join("\n");
}

/** Text for a plist `<string>`: `& < > " '` as entities; control characters other than tab/newline refused. */
export function xmlEscape(value: string): string {
  if (/[\0-\x08\x0b\x0c\x0e-\x1f]/.test(value)) throw new Error(`cannot put a control character into a plist: ${JSON.stringify(value)}`);
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

/** The launchd agent. Logs go to ~/Library/Logs/tidegate/<name>.log and .err.log. */
export function launchdPlist(spec: ServiceSpec): string {
  const s = (value: string) => `<string>${xmlEscape(value)}</string>`;
  const logs = launchdLogDir(spec.home);
  const name = serviceName(spec.profile);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    "<dict>",
    "  <key>Label</key>",
    `  ${s(launchdLabel(spec.profile))}`,
    "  <key>ProgramArguments</key>",
    "  <array>",
    ...serviceCommand(spec).map((arg) => `    ${s(arg)}`),
    "  </array>",
    "  <key>EnvironmentVariables</key>",
    "  <dict>",
    ...serviceEnvironment("launchd", spec).flatMap(([key, value]) => [`    <key>${xmlEscape(key)}</key>`, `    ${s(value)}`]),
    "  </dict>",
    "  <key>RunAtLoad</key>",
    "  <true/>",
    "  <key>KeepAlive</key>",
    "  <dict>",
    "    <key>SuccessfulExit</key>",
    "    <false/>",
    "  </dict>",
    "  <key>ThrottleInterval</key>",
    "  <integer>5</integer>",
    "  <key>ProcessType</key>",
    "  <string>Background</string>",
    "  <key>StandardOutPath</key>",
    `  ${s(join(logs, `${name}.log`))}`,
    "  <key>StandardErrorPath</key>",
    `  ${s(join(logs, `${name}.err.log`))}`,
    "</dict>",
    "</plist>",
    "",
  ].join("\n");
}
