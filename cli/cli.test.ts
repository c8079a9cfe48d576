/** Every CLI command against the real gateway: human and --json output, exit codes, wrong token, unreachable port. */

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { METHOD_NAMES, METHODS } from "../generated/ts/registry.js";
import { tidegate } from "../testing/cli.js";
import { freePort, type GatewayProcess, startGateway } from "../testing/gateway-process.js";
import { DeviceKey, RawClient } from "../testing/raw-client.js";

let gw: GatewayProcess;
let env: Record<string, string>;
const ORIGIN = "http://remote.example.test";

beforeAll(async () => {
  gw = await startGateway({ config: { gateway: { allowedOrigins: [ORIGIN] } } });
  // The CLI finds the local gateway's token in the state directory, and keeps its own identity there.
  env = { TIDEGATE_STATE_DIR: gw.stateDir, TIDEGATE_URL: gw.url, TIDEGATE_GATEWAY_TOKEN: gw.token };
});
afterAll(() => gw.dispose());

const cli = (...args: string[]) => tidegate(args, env);

/** A remote device asks to pair; returns its request id. */
async function pendingDevice(device = new DeviceKey()) {
  const client = await RawClient.open(gw.url, { Origin: ORIGIN });
  return { device, requestId: (await client.connect({ token: gw.token, device, scopes: ["operator.read"] })).error!.details.requestId as string };
}

describe("health and status", () => {
  it("prints a short human line, or exactly one JSON document", async () => {
    const human = await cli("health");
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^ok · ws:\/\/127\.0\.0\.1:\d+ · answered in \d+ ms\n$/);
    const json = await cli("health", "--json");
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, ts: expect.any(Number) });
    const status = await cli("status");
    expect(status.stdout).toMatch(/^default agent\s+main/m);
    expect(status.stdout).toMatch(/^sessions\s+0/m);
    expect(JSON.parse((await cli("status", "--json")).stdout)).toMatchObject({ heartbeat: { defaultAgentId: "main" }, channelSummary: [], sessions: { count: 0 } });
  });
});

describe("call", () => {
  it("calls any method and prints its result as JSON", async () => {
    const res = await cli("call", "system-presence");
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)[0]).toMatchObject({ mode: "gateway" });
  });

  it("suggests the nearest method names for a typo and exits 2 without connecting", async () => {
    const res = await cli("call", "devce.pair.list");
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("unknown method 'devce.pair.list'; did you mean device.pair.list");
  });

  it("checks params locally: bad JSON and schema violations exit 2", async () => {
    expect((await cli("call", "node.describe", "--params", "{nope")).stderr).toContain("--params is not valid JSON");
    const res = await cli("call", "node.describe", "--params", '{"nodeId":5}');
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("invalid params for node.describe: at /nodeId: must be string");
  });

  it("prints the gateway's error and exits 1", async () => {
    const human = await cli("call", "node.describe", "--params", '{"nodeId":"nope"}');
    expect(human.code).toBe(1);
    expect(human.stderr).toBe("error: INVALID_REQUEST (NOT_FOUND): unknown node nope\n");
    const json = await cli("call", "node.describe", "--params", '{"nodeId":"nope"}', "--json");
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({ ok: false, error: { code: "INVALID_REQUEST", message: "unknown node nope", details: { code: "NOT_FOUND", nodeId: "nope" } } });
  });

  it("a wrong token exits 1 and says what to fix; an unreachable port exits 3", async () => {
    const wrong = await tidegate(["health", "--token", "wrong"], { ...env, TIDEGATE_STATE_DIR: mkdtempSync(join(tmpdir(), "tidegate-cli-")) });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("AUTH_TOKEN_MISMATCH");
    expect(wrong.stderr).toContain("--token");
    const port = await freePort();
    const down = await cli("health", "--url", `ws://127.0.0.1:${port}`, "--json");
    expect(down.code).toBe(3);
    expect(JSON.parse(down.stdout).error.code).toBe("UNREACHABLE");
  });

  it("usage mistakes exit 2", async () => {
    expect((await cli("devices", "frobnicate")).code).toBe(2);
    expect((await cli("call")).code).toBe(2);
    expect((await cli("--version")).code).toBe(0);
  });
});

describe("devices", () => {
  it("lists pending requests and approves one", async () => {
    const { device, requestId } = await pendingDevice();
    const list = await cli("devices", "list");
    expect(list.stdout).toMatch(/^Pending\nREQUEST\s+DEVICE\s+NAME\s+ROLE\s+SCOPES\s+FROM\s+ASKED/m);
    expect(list.stdout).toContain(requestId);
    const json = JSON.parse((await cli("devices", "list", "--json")).stdout);
    expect(json.pending.map((p: { requestId: string }) => p.requestId)).toContain(requestId);
    const approved = await cli("devices", "approve", requestId);
    expect(approved.code).toBe(0);
    expect(approved.stdout).toBe(`approved ${device.id.slice(0, 12)} (request ${requestId})\n`);
    expect((await cli("devices", "approve", requestId)).code).toBe(1);
  });

  it("rejects a request", async () => {
    const { requestId } = await pendingDevice();
    const res = JSON.parse((await cli("devices", "reject", requestId, "--json")).stdout);
    expect(res).toMatchObject({ requestId, deviceId: expect.any(String) });
  });

  it("rotates, revokes and removes by id prefix", async () => {
    const { device, requestId } = await pendingDevice();
    await cli("devices", "approve", requestId);
    const prefix = device.id.slice(0, 10);
    const rotated = await cli("devices", "rotate", prefix, "--json");
    expect(JSON.parse(rotated.stdout)).toMatchObject({ deviceId: device.id, role: "operator", scopes: ["operator.read"] });
    expect((await cli("devices", "rotate", prefix, "--scopes", "operator.admin")).code).toBe(1);
    expect((await cli("devices", "revoke", prefix)).stdout).toContain(`revoked the operator token of ${device.id.slice(0, 12)}`);
    expect((await cli("devices", "remove", prefix)).stdout).toContain(`removed ${device.id.slice(0, 12)}`);
    const missing = await cli("devices", "remove", "ffffffffffff0");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("no device matches");
  });
});

describe("nodes", () => {
  it("lists, describes, renames and invokes a node", async () => {
    const node = await RawClient.open(gw.url);
    const key = new DeviceKey();
    await node.connect({ token: gw.token, role: "node", device: key, commands: ["echo.back"], client: { displayName: "echoer" } });
    node.ws.on("message", (data) => {
      const frame = JSON.parse(String(data));
      if (frame.event === "node.invoke.request")
        node.sendRaw(JSON.stringify({ type: "req", id: "r", method: "node.invoke.result", params: { id: frame.payload.id, nodeId: key.id, ok: true, payloadJSON: frame.payload.paramsJSON } }));
    });
    const list = await cli("nodes", "list");
    expect(list.stdout).toMatch(/^NODE\s+NAME\s+PLATFORM\s+STATE\s+COMMANDS$/m);
    expect(list.stdout).toMatch(new RegExp(`^${key.id.slice(0, 12)}\\s+echoer\\s+linux\\s+connected .*echo\\.back$`, "m"));
    expect(JSON.parse((await cli("nodes", "describe", "echoer", "--json")).stdout)).toMatchObject({ nodeId: key.id, commands: ["echo.back"] });
    expect((await cli("nodes", "rename", key.id.slice(0, 8), "echo box")).stdout).toBe(`renamed ${key.id.slice(0, 12)} to echo box\n`);
    const invoked = await cli("nodes", "invoke", "echo box", "echo.back", "--params", '{"say":"hi"}');
    expect(invoked.code).toBe(0);
    expect(JSON.parse(invoked.stdout)).toEqual({ say: "hi" });
    node.close();
  });
});

describe("methods", () => {
  it("lists every registry method and says which the gateway does not serve yet, without a gateway", async () => {
    const json = await tidegate(["methods", "--json"], { TIDEGATE_STATE_DIR: mkdtempSync(join(tmpdir(), "tidegate-cli-")) });
    expect(json.code).toBe(0);
    const { methods } = JSON.parse(json.stdout) as { methods: { method: string; served: boolean; unavailable?: string }[] };
    expect(methods.map((m) => m.method)).toEqual([...METHOD_NAMES]);
    expect(methods.find((m) => m.method === "node.invoke")).toMatchObject({ served: true, scope: "operator.write", idempotencyKey: true });
    for (const m of methods.filter((row) => !row.served)) expect(m.unavailable).toBe((METHODS[m.method as keyof typeof METHODS] as { unavailable?: string }).unavailable);
    const human = await tidegate(["methods", "--unavailable"], {});
    expect(human.stdout.split("\n")[0]).toMatch(/^METHOD\s+SCOPE\s+SERVED$/);
    expect(human.stdout).not.toContain("node.invoke ");
  });
});
