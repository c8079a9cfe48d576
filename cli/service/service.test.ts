/**
 * `tidegate gateway install|uninstall|start|stop|restart|status` through the real CLI, with
 * HOME in a temp dir and a stand-in `systemctl` first on PATH (it records its arguments and
 * plays either a working user manager or a container without one): never the host's own.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { tidegate } from "../../testing/cli.js";
import { type GatewayProcess, startGateway } from "../../testing/gateway-process.js";

const linux = process.platform === "linux";

function fakeSystemctl(working: boolean): { env: Record<string, string>; calls(): string[]; home: string } {
  const root = mkdtempSync(join(tmpdir(), "tidegate-svc-"));
  const bin = join(root, "bin");
  const home = join(root, "home");
  mkdirSync(bin);
  mkdirSync(home);
  const log = join(root, "calls.log");
  writeFileSync(
    join(bin, "systemctl"),
    working
      ? `#!/bin/sh\necho "$*" >> ${log}\nif [ "$2" = show ]; then printf 'LoadState=loaded\\nActiveState=active\\nSubState=running\\nMainPID=4242\\nUnitFileState=enabled\\nExecMainStatus=0\\n'; fi\nexit 0\n`
      : `#!/bin/sh\necho "$*" >> ${log}\necho "Failed to connect to bus: No medium found" >&2\nexit 1\n`,
  );
  chmodSync(join(bin, "systemctl"), 0o755);
  return {
    home,
    env: { HOME: home, PATH: `${bin}:${process.env.PATH}`, TIDEGATE_STATE_DIR: join(root, "state") },
    calls: () => (existsSync(log) ? readFileSync(log, "utf8").trim().split("\n") : []),
  };
}

describe.skipIf(!linux)("service management (systemd, Linux)", () => {
  it("where no user systemd runs: install writes the unit and says what to do instead (exit 69); start says the same", async () => {
    const host = fakeSystemctl(false);
    const installed = await tidegate(["gateway", "install", "--profile", "work"], host.env);
    expect(installed.code).toBe(69);
    const unit = join(host.home, ".config/systemd/user/tidegate-gateway-work.service");
    expect(installed.stdout).toContain(`wrote ${unit}`);
    expect(installed.stderr).toContain("no systemd user instance on this host");
    expect(installed.stderr).toContain("run `tidegate gateway run` in the foreground under your own supervisor");
    expect(readFileSync(unit, "utf8")).toContain('Environment="TIDEGATE_SERVICE_PROFILE=work"');
    expect(readFileSync(unit, "utf8")).toContain(`Environment="TIDEGATE_STATE_DIR=${host.env.TIDEGATE_STATE_DIR}"`);
    const started = await tidegate(["gateway", "start", "--profile", "work"], host.env);
    expect(started.code).toBe(69);
    expect(started.stderr).toContain("under your own supervisor");
    expect(host.calls().every((c) => c === "--user show-environment")).toBe(true);
  });

  it("install refuses to overwrite a different unit without --force; --force overwrites; uninstall removes", async () => {
    const host = fakeSystemctl(true);
    const unit = join(host.home, ".config/systemd/user/tidegate-gateway.service");
    const first = await tidegate(["gateway", "install"], host.env);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("installed and started tidegate-gateway; logs: journalctl --user -u tidegate-gateway");
    expect(host.calls()).toEqual(["--user show-environment", "--user daemon-reload", "--user enable --now tidegate-gateway.service"]);
    const same = await tidegate(["gateway", "install"], host.env);
    expect(same.code).toBe(0);

    writeFileSync(unit, "[Service]\nExecStart=/bin/true\n");
    const refused = await tidegate(["gateway", "install"], host.env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${unit} exists and differs from what this install would write; pass --force`);
    expect(readFileSync(unit, "utf8")).toBe("[Service]\nExecStart=/bin/true\n");

    const forced = await tidegate(["gateway", "install", "--force"], host.env);
    expect(forced.code).toBe(0);
    expect(readFileSync(unit, "utf8")).toContain("ExecStart=");
    expect(readFileSync(unit, "utf8")).toContain('Environment="TIDEGATE_SERVICE_KIND=systemd"');
    expect(host.calls().at(-1)).toBe("--user restart tidegate-gateway.service");

    for (const action of ["stop", "start", "restart"]) {
      const result = await tidegate(["gateway", action], host.env);
      expect(result.code).toBe(0);
      expect(host.calls().at(-1)).toBe(`--user ${action} tidegate-gateway.service`);
    }
    const removed = await tidegate(["gateway", "uninstall"], host.env);
    expect(removed.code).toBe(0);
    expect(existsSync(unit)).toBe(false);
    expect(host.calls()).toContain("--user disable --now tidegate-gateway.service");
    const notInstalled = await tidegate(["gateway", "start"], host.env);
    expect(notInstalled.code).toBe(1);
    expect(notInstalled.stderr).toContain("is not installed");
  });

  it("status combines the manager's view with a live probe of the port: exit 0 when it answers, 3 when not", async () => {
    const host = fakeSystemctl(true);
    await tidegate(["gateway", "install"], host.env);
    const down = await tidegate(["gateway", "status", "--json"], host.env);
    expect(down.code).toBe(3);
    const gateway = await startGateway({ stateDir: host.env.TIDEGATE_STATE_DIR });
    try {
      const up = await tidegate(["gateway", "status", "--json"], host.env);
      expect(up.code).toBe(0);
      const report = JSON.parse(up.stdout);
      expect(report).toMatchObject({
        service: "tidegate-gateway",
        kind: "systemd",
        installed: true,
        manager: { ActiveState: "active", MainPID: "4242" },
        gateway: { url: gateway.url, answers: true, pid: gateway.child.pid },
      });
    } finally {
      await gateway.dispose();
    }
  });
});

describe("gateway status --all", () => {
  const gateways: GatewayProcess[] = [];
  afterAll(async () => Promise.all(gateways.map((g) => g.dispose())));

  it("lists every profile's state directory with its port and whether it answers", async () => {
    const root = mkdtempSync(join(tmpdir(), "tidegate-all-"));
    const base = join(root, ".tidegate");
    gateways.push(await startGateway({ stateDir: base }), await startGateway({ stateDir: `${base}-work` }));
    mkdirSync(`${base}-old`);
    writeFileSync(join(`${base}-old`, "tidegate.json"), "{ gateway: { port: 1 } }");
    const result = await tidegate(["gateway", "status", "--all", "--json"], { TIDEGATE_STATE_DIR: base });
    expect(result.code).toBe(0);
    const { gateways: listed } = JSON.parse(result.stdout);
    expect(listed).toEqual([
      { profile: "default", stateDir: base, port: gateways[0].port, url: gateways[0].url, answers: true, pid: gateways[0].child.pid, tlsFingerprint: null },
      { profile: "old", stateDir: `${base}-old`, port: 1, url: "ws://127.0.0.1:1", answers: false, pid: null, tlsFingerprint: null },
      { profile: "work", stateDir: `${base}-work`, port: gateways[1].port, url: gateways[1].url, answers: true, pid: gateways[1].child.pid, tlsFingerprint: null },
    ]);
    const human = await tidegate(["gateway", "status", "--all"], { TIDEGATE_STATE_DIR: base });
    expect(human.stdout).toMatch(/^PROFILE\s+PORT\s+ANSWERS/);
    expect(human.stdout).toMatch(new RegExp(`work\\s+${gateways[1].port}\\s+yes`));
  });
});
