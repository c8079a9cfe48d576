/** The generated service definitions: exact text (golden), escaping, and `systemd-analyze verify` where it exists. */
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runProcess } from "../../testing/child.js";
import { TIDEGATE_BIN } from "../../testing/gateway-process.js";
import { launchdPlist, type ServiceSpec, systemdExecArg, systemdQuote, systemdUnit, unitPath, xmlEscape } from "./units.js";

const spec: ServiceSpec = {
  profile: "work",
  nodePath: "/opt/node 20/bin/node",
  cliPath: "/home/ann/src/tide$gate/bin/tidegate.js",
  version: "0.1.0",
  home: "/home/ann",
  env: { TIDEGATE_STATE_DIR: '/home/ann/state "100%"' },
};

describe("systemd user unit", () => {
  it("is exactly this text", () => {
    expect(systemdUnit(spec)).toBe(`[Unit]
Description=tidegate gateway (profile work)

[Service]
Type=simple
ExecStart="/opt/node 20/bin/node" "--max-semi-space-size=1" "/home/ann/src/tide$$gate/bin/tidegate.js" "gateway" "run" "--profile" "work"
Environment="TIDEGATE_SERVICE_KIND=systemd"
Environment="TIDEGATE_SERVICE_VERSION=0.1.0"
Environment="TIDEGATE_SERVICE_PROFILE=work"
Environment="TIDEGATE_STATE_DIR=/home/ann/state \\"100%%\\""
Restart=on-failure
RestartSec=2
# 78: the configuration must not run (e.g. a non-loopback bind without auth); restarting cannot fix it.
RestartPreventExitStatus=78
KillSignal=SIGTERM
TimeoutStopSec=15
StandardOutput=journal
StandardError=journal
SyslogIdentifier=tidegate-gateway-work

[Install]
WantedBy=default.target
`);
  });

  it("the default profile has no suffix and no profile flag; --dev maps to --dev", () => {
    const base = { ...spec, profile: undefined, env: {} };
    expect(systemdUnit(base)).toContain('"gateway" "run"\n');
    expect(systemdUnit(base)).toContain("SyslogIdentifier=tidegate-gateway\n");
    expect(systemdUnit(base)).toContain('Environment="TIDEGATE_SERVICE_PROFILE=default"');
    expect(systemdUnit({ ...spec, profile: "dev" })).toContain('"gateway" "run" "--dev"\n');
    expect(unitPath("systemd", "/home/ann", "work")).toBe("/home/ann/.config/systemd/user/tidegate-gateway-work.service");
    expect(unitPath("systemd", "/home/ann")).toBe("/home/ann/.config/systemd/user/tidegate-gateway.service");
  });

  it("quotes backslashes, quotes and specifiers; doubles $ only in command lines; refuses newlines", () => {
    expect(systemdQuote('a\\b "c" 5% $HOME')).toBe('"a\\\\b \\"c\\" 5%% $HOME"');
    expect(systemdExecArg("$HOME")).toBe('"$$HOME"');
    expect(() => systemdQuote("a\nb")).toThrow(/newline/);
  });

  const analyze = (process.env.PATH ?? "").split(":").some((dir) => existsSync(join(dir, "systemd-analyze")));
  it.skipIf(!analyze)("passes `systemd-analyze --user verify` with no warning (needs systemd-analyze: apt package `systemd`; skipped where it is absent)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tidegate-unit-"));
    const runtime = mkdtempSync(join(tmpdir(), "tidegate-xdg-"));
    // Real, existing paths (verify checks that ExecStart's binary exists), with a space and a % in the state dir.
    for (const profile of [undefined, "work"]) {
      const unit = systemdUnit({ profile, nodePath: process.execPath, cliPath: TIDEGATE_BIN, version: "0.1.0", home: dir, env: { TIDEGATE_STATE_DIR: join(dir, "state 100%") } });
      const path = join(dir, profile ? `tidegate-gateway-${profile}.service` : "tidegate-gateway.service");
      writeFileSync(path, unit);
      const result = await runProcess("systemd-analyze", ["--user", "verify", path], { env: { XDG_RUNTIME_DIR: runtime }, timeoutMs: 30_000 });
      expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: "" });
    }
  });
});

describe("launchd agent plist", () => {
  it("is exactly this text", () => {
    expect(launchdPlist({ ...spec, env: { TIDEGATE_STATE_DIR: "/Users/ann/<state> & 'more'" }, home: "/Users/ann" })).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>Label</key>
  <string>dev.tidegate.gateway.work</string>
  <key>ProgramArguments</key>
  <array>
    <string>/opt/node 20/bin/node</string>
    <string>--max-semi-space-size=1</string>
    <string>/home/ann/src/tide$gate/bin/tidegate.js</string>
    <string>gateway</string>
    <string>run</string>
    <string>--profile</string>
    <string>work</string>
  </array>
  <key>EnvironmentVariables</key>
  <dict>
    <key>TIDEGATE_SERVICE_KIND</key>
    <string>launchd</string>
    <key>TIDEGATE_SERVICE_VERSION</key>
    <string>0.1.0</string>
    <key>TIDEGATE_SERVICE_PROFILE</key>
    <string>work</string>
    <key>TIDEGATE_STATE_DIR</key>
    <string>/Users/ann/&lt;state&gt; &amp; &apos;more&apos;</string>
  </dict>
  <key>RunAtLoad</key>
  <true/>
  <key>KeepAlive</key>
  <dict>
    <key>SuccessfulExit</key>
    <false/>
  </dict>
  <key>ThrottleInterval</key>
  <integer>5</integer>
  <key>ProcessType</key>
  <string>Background</string>
  <key>StandardOutPath</key>
  <string>/Users/ann/Library/Logs/tidegate/tidegate-gateway-work.log</string>
  <key>StandardErrorPath</key>
  <string>/Users/ann/Library/Logs/tidegate/tidegate-gateway-work.err.log</string>
</dict>
</plist>
`);
    expect(unitPath("launchd", "/Users/ann")).toBe("/Users/ann/Library/LaunchAgents/dev.tidegate.gateway.plist");
  });

  it("escapes XML and refuses control characters", () => {
    expect(xmlEscape(`<a href="x">&'`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&apos;");
    expect(() => xmlEscape("a\u0001")).toThrow(/control character/);
  });
});
