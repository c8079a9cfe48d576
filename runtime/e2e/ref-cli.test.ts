/**
 * End to end: what the protocol v3 reference CLI (OpenClaw 2026.3.2) sends for `health`, `status`,
 * `devices list`, `system presence`, `cron *`, `approvals get`, `gateway call config.get` and
 * `sessions.list`, and the result members its printed output reads — so that the same commands
 * print the same against this gateway as against the reference (scripts/ref-cli-compare.mjs runs
 * the real CLI; this suite needs no reference install).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GatewayProcess, startGateway } from "../../testing/gateway-process.js";
import { DeviceKey, RawClient } from "../../testing/raw-client.js";

/** The scopes the CLI's RPC commands ask for, in the order it sends them. */
const CLI_SCOPES = ["operator.admin", "operator.read", "operator.write", "operator.approvals", "operator.pairing"];
/** The client of `health` and `status` (callGateway without a client name): least privilege. */
const BACKEND = { id: "gateway-client", mode: "backend", version: "dev", platform: "linux" };

let gw: GatewayProcess;
let cli: RawClient;
const cliDevice = new DeviceKey();

beforeAll(async () => {
  gw = await startGateway();
  cli = await RawClient.open(gw.url);
  expect((await cli.connect({ token: gw.token, device: cliDevice, scopes: CLI_SCOPES })).ok).toBe(true);
});
afterAll(async () => {
  cli?.close();
  await gw?.dispose();
});

describe("devices, presence: what `devices list`, `system presence` and `status` print", () => {
  it("a silently paired CLI device is listed as v3 lists it: clientMode, scopes in the order asked, tokens last, no lastUsedAtMs without a device token", async () => {
    const res = await cli.request("device.pair.list", {});
    const row = res.payload.paired.find((d: { deviceId: string }) => d.deviceId === cliDevice.id);
    expect(Object.keys(row)).toEqual(["deviceId", "publicKey", "platform", "clientId", "clientMode", "role", "roles", "scopes", "createdAtMs", "approvedAtMs", "tokens"]);
    expect(row).toMatchObject({ clientId: "cli", clientMode: "cli", role: "operator", roles: ["operator"], scopes: CLI_SCOPES });
    expect(row.tokens).toEqual([{ role: "operator", scopes: [...CLI_SCOPES].sort(), createdAtMs: expect.any(Number) }]);
  });

  it("`health`'s gateway-client/backend connection with the shared token and one scope: accepted, not paired, listed in presence; its row stays after it leaves (reason disconnect)", async () => {
    const device = new DeviceKey();
    const backend = await RawClient.open(gw.url);
    const hello = await backend.connect({ token: gw.token, device, scopes: ["operator.read"], client: BACKEND });
    expect(hello.ok).toBe(true);
    expect(hello.payload.auth).toBeUndefined();
    const paired = (await cli.request("device.pair.list", {})).payload.paired.map((d: { deviceId: string }) => d.deviceId);
    expect(paired).not.toContain(device.id);

    const row = async () => ((await cli.request("system-presence")).payload as { deviceId?: string }[]).find((p) => p.deviceId === device.id);
    const live = await row();
    expect(live).toEqual({
      host: "gateway-client",
      version: "dev",
      platform: "linux",
      mode: "backend",
      deviceId: device.id,
      roles: ["operator"],
      scopes: ["operator.read"],
      instanceId: device.id,
      reason: "connect",
      ts: expect.any(Number),
      text: "Node: gateway-client · mode backend",
    });
    backend.close();
    await backend.waitClose();
    await cli.next((f) => f.event === "presence" && (f.payload.presence as { deviceId?: string; reason?: string }[]).some((p) => p.deviceId === device.id && p.reason === "disconnect"));
    expect(await row()).toMatchObject({ reason: "disconnect", mode: "backend", text: "Node: gateway-client · mode backend" });
  });

  it("the gateway's own row leads, as v3 words it (the `status` Gateway line reads host, ip, version, platform)", async () => {
    const [self] = (await cli.request("system-presence")).payload as { text: string; platform: string; version: string }[];
    expect(self).toMatchObject({ mode: "gateway", reason: "self", platform: expect.stringMatching(/^\w+ \S+$/) });
    expect(self.text).toMatch(new RegExp(`^Gateway: \\S+( \\([\\d.]+\\))? · app ${self.version.replaceAll(".", "\\.")} · mode gateway · reason self$`));
  });
});

describe("nodes: what `nodes status` and `devices list` print once a node host joined", () => {
  it("a local node shows no address (v3 reports none for loopback clients); the newest approval is listed first", async () => {
    const device = new DeviceKey();
    const node = await RawClient.open(gw.url);
    const client = { id: "node-host", mode: "node", displayName: "probe-node", version: "2026.3.2", platform: "linux" };
    expect((await node.connect({ token: gw.token, role: "node", device, client, caps: ["system"], commands: ["system.run", "system.which"] })).ok).toBe(true);
    const listed = (await cli.request("node.list", {})).payload.nodes.find((n: { nodeId: string }) => n.nodeId === device.id);
    expect(listed).toMatchObject({ displayName: "probe-node", connected: true, paired: true });
    expect(listed.remoteIp).toBeUndefined();
    const presence = ((await cli.request("system-presence")).payload as { deviceId?: string; ip?: string }[]).find((p) => p.deviceId === device.id);
    expect(presence).toMatchObject({ mode: "node", roles: ["node"] });
    expect(presence?.ip).toBeUndefined();
    const paired = (await cli.request("device.pair.list", {})).payload.paired as { deviceId: string; approvedAtMs: number }[];
    expect(paired[0].deviceId).toBe(device.id);
    expect(paired.map((d) => d.approvedAtMs)).toEqual([...paired.map((d) => d.approvedAtMs)].sort((a, b) => b - a));
    node.close();
  });
});

describe("cron: what `cron list|status|run|edit|rm` print", () => {
  it("paging, status members, run answer and v3's error without an id", async () => {
    const empty = await cli.request("cron.list", { includeDisabled: true });
    expect(empty.payload).toEqual({ jobs: [], total: 0, offset: 0, limit: 50, hasMore: false, nextOffset: null });
    const status = await cli.request("cron.status", {});
    expect(Object.keys(status.payload)).toEqual(["enabled", "storePath", "jobs", "nextWakeAtMs"]);
    const added = await cli.request("cron.add", {
      name: "probe",
      enabled: true,
      schedule: { kind: "every", everyMs: 3_600_000 },
      sessionTarget: "main",
      wakeMode: "now",
      payload: { kind: "systemEvent", text: "ping" },
    });
    const id = added.payload.id as string;
    expect((await cli.request("cron.list", { includeDisabled: true })).payload).toMatchObject({ total: 1, limit: 1, hasMore: false, nextOffset: null });
    expect((await cli.request("cron.run", { id, mode: "force" }, 30_000)).payload).toEqual({ ok: true, ran: true });
    const runs = await cli.request("cron.runs", { id, limit: 50 });
    expect(runs.payload.entries[0]).toMatchObject({ action: "finished", status: "ok", summary: "ping", deliveryStatus: "not-requested" });
    expect(runs.payload.entries[0].jobName).toBeUndefined();
    for (const method of ["cron.update", "cron.remove", "cron.run"]) {
      const res = await cli.request(method, method === "cron.update" ? { patch: { enabled: false } } : {});
      expect(res.error).toMatchObject({
        code: "INVALID_REQUEST",
        message: `invalid ${method} params: must have required property 'id'; must have required property 'jobId'; must match a schema in anyOf`,
      });
    }
    expect((await cli.request("cron.remove", { id })).payload).toEqual({ ok: true, removed: true });
  }, 40_000);
});

describe("approvals, config, sessions, health, status, errors", () => {
  it("`approvals get --gateway`: the file exists after the first read, with the socket path, defaults and agents (token never shown)", async () => {
    const res = await cli.request("exec.approvals.get", {});
    expect(res.payload).toEqual({
      path: expect.stringMatching(/exec-approvals\.json$/),
      exists: true,
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      file: { version: 1, socket: { path: expect.stringMatching(/exec-approvals\.sock$/) }, defaults: {}, agents: {} },
    });
  });

  it("`gateway call config.get`: v3's members in v3's order", async () => {
    const res = await cli.request("config.get", {});
    expect(Object.keys(res.payload)).toEqual(["path", "exists", "raw", "parsed", "resolved", "valid", "config", "hash", "issues", "warnings", "legacyIssues"]);
  });

  it("`sessions.list`, `health`, `status`: the default agent with its store, as v3 reports them", async () => {
    const list = await cli.request("sessions.list", { includeGlobal: true, includeUnknown: true });
    // No model provider configured here: no defaults to name.
    expect(list.payload).toMatchObject({ path: "(multiple)", count: expect.any(Number), defaults: {} });
    const backend = await RawClient.open(gw.url);
    expect((await backend.connect({ token: gw.token, device: new DeviceKey(), scopes: ["operator.read"], client: BACKEND })).ok).toBe(true);
    const health = (await backend.request("health")).payload;
    const store = { path: expect.stringMatching(/agents\/main\/sessions\/sessions\.json$/), count: expect.any(Number), recent: expect.any(Array) };
    expect(health).toMatchObject({ defaultAgentId: "main", agents: [{ agentId: "main", isDefault: true, sessions: store }], sessions: store });
    const status = (await backend.request("status")).payload;
    expect(status.sessions).toMatchObject({ paths: [store.path], defaults: { model: null, contextTokens: null }, byAgent: [{ agentId: "main", ...store }] });
    backend.close();
  });

  it("an unknown method is named as v3 names it", async () => {
    const res = await cli.request("unknown.method");
    expect(res.error).toMatchObject({ code: "INVALID_REQUEST", message: "unknown method: unknown.method" });
  });
});
