/** `tidegate config|logs|sessions`: through the running gateway, and on the files when none runs. */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tidegate } from "../testing/cli.js";
import { freePort, type GatewayProcess, startGateway } from "../testing/gateway-process.js";

describe("with a gateway running", () => {
  let gw: GatewayProcess;
  let env: Record<string, string>;
  beforeAll(async () => {
    gw = await startGateway({ config: { gateway: { reload: { debounceMs: 20 } } } });
    env = { TIDEGATE_STATE_DIR: gw.stateDir, TIDEGATE_URL: gw.url, TIDEGATE_GATEWAY_TOKEN: gw.token };
  });
  afterAll(() => gw.dispose());
  const cli = (...args: string[]) => tidegate(args, env);

  it("config set / get / unset / validate go through the gateway and apply", async () => {
    const set = await cli("config", "set", "gateway.tickIntervalMs", "7000");
    expect(set).toMatchObject({ code: 0, stdout: expect.stringContaining("applied: hot") });
    expect((await cli("config", "get", "gateway.tickIntervalMs")).stdout).toBe("7000\n");
    const refused = await cli("config", "set", "gateway.port", '"nope"');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("gateway.port");
    expect((await cli("config", "unset", "gateway.tickIntervalMs")).code).toBe(0);
    const missing = await cli("config", "get", "gateway.tickIntervalMs");
    expect(missing).toMatchObject({ code: 1, stderr: "Config path not found: gateway.tickIntervalMs\n" });
    expect((await cli("config", "validate")).stdout).toMatch(/tidegate\.json: valid/);
    expect((await cli("config", "set", "gateway.healthIntervalMs", "5000")).code).toBe(0);
    const edit = await tidegate(["config", "edit"], { ...env, EDITOR: "sed -i s/5000/6000/" });
    expect(edit).toMatchObject({ code: 0, stdout: expect.stringContaining("applied: hot") });
    expect((await cli("config", "get", "gateway.healthIntervalMs")).stdout).toBe("6000\n");
    const json = JSON.parse((await cli("config", "get", "--json")).stdout);
    expect(json).toMatchObject({ exists: true, valid: true, hash: expect.any(String) });
  });

  it("sessions lists through the gateway; logs prints the gateway's lines", async () => {
    await cli("call", "sessions.patch", "--params", JSON.stringify({ key: "main", label: "Home" }));
    const list = await cli("sessions");
    expect(list.stdout).toMatch(/Sessions listed: 1/);
    expect(list.stdout).toMatch(/agent:main:main\s+direct\s+Home/);
    const logs = await cli("logs", "--limit", "5");
    expect(logs.stdout).toMatch(/^Log file: .*logs\/gateway\.log$/m);
    expect(logs.stdout).toMatch(/ info /);
    const json = (await cli("logs", "--json", "--limit", "3")).stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(json[0]).toMatchObject({ type: "meta", file: expect.stringContaining("gateway.log") });
    expect(json[1]).toMatchObject({ type: "log", level: expect.any(String), message: expect.any(String) });
  });
});

describe("without a gateway", () => {
  it("config commands work on the file; sessions and logs read the state directory", async () => {
    const stateDir = mkdtempSync(join(tmpdir(), "tidegate-cli-offline-"));
    const port = await freePort();
    // A profile-free state dir and a port nothing listens on: the CLI falls back to the files.
    const env = { TIDEGATE_STATE_DIR: stateDir, TIDEGATE_CONFIG_PATH: "", TIDEGATE_URL: "", TIDEGATE_GATEWAY_TOKEN: "" };
    const cli = (...args: string[]) => tidegate([...args, "--profile", `p${port}`], env);
    const set = await cli("config", "set", "gateway.healthIntervalMs", "5000");
    expect(set).toMatchObject({ code: 0, stdout: expect.stringContaining("no gateway running") });
    const file = `${stateDir}-p${port}/tidegate.json`;
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ gateway: { healthIntervalMs: 5000 } });
    expect((await cli("config", "get", "gateway.healthIntervalMs")).stdout).toBe("5000\n");
    writeFileSync(file, "{ gateway: { port: 0 } }");
    const invalid = await cli("config", "validate");
    expect(invalid.code).toBe(1);
    expect(invalid.stdout).toContain("gateway.port: must be >= 1");
    expect((await cli("sessions")).stdout).toContain("No sessions found.");
    expect((await cli("logs")).stdout).toMatch(/^Log file: /);
  });
});
