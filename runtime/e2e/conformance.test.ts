/**
 * End to end: every request shape the protocol v3 reference's own clients send (CLI, Control UI,
 * node host, exec tool, apps; schema/testdata/v3-client-requests.ts) sent to the real gateway
 * process. Served methods answer a result our validator accepts, or a domain error (an unknown id),
 * never INVALID_PARAMS; unbuilt methods answer UNAVAILABLE / NOT_IMPLEMENTED with a reason.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { METHODS } from "../../generated/ts/registry.js";
import type { MethodName } from "../../generated/ts/types.js";
import { validateResult } from "../../generated/ts/validators.js";
import { type ClientRequest, V3_CLIENT_REQUESTS } from "../../schema/testdata/v3-client-requests.js";
import { type GatewayProcess, startGateway } from "../../testing/gateway-process.js";
import { DeviceKey, type Frame, RawClient } from "../../testing/raw-client.js";

const ALL_OPERATOR_SCOPES = ["operator.admin", "operator.read", "operator.write", "operator.approvals", "operator.pairing"];
const SAMPLE_NODE = "8da7d515f2c4496192aae480be3611ea803db6e126555402fd3e715bbe10a8b4";

let gw: GatewayProcess;
let operator: RawClient;
let node: RawClient;
let nodeId: string;

beforeAll(async () => {
  gw = await startGateway();
  operator = await RawClient.open(gw.url);
  expect((await operator.connect({ token: gw.token, scopes: ALL_OPERATOR_SCOPES })).ok).toBe(true);
  const device = new DeviceKey();
  nodeId = device.id;
  node = await RawClient.open(gw.url);
  const hello = await node.connect({ token: gw.token, role: "node", device, caps: ["system"], commands: ["system.which", "system.run"], client: { displayName: "testnode" } });
  expect(hello.ok).toBe(true);
  // Serve invocations as the v3 node host does: answer with node.invoke.result and payloadJSON.
  // Blocking approval requests (as the exec tool and `nodes run` send them) wait for an operator: deny each one.
  operator.ws.on("message", (data) => {
    const frame = JSON.parse(String(data)) as Frame;
    if (frame.event !== "exec.approval.requested") return;
    operator.sendRaw(JSON.stringify({ type: "req", id: randomUUID(), method: "exec.approval.resolve", params: { id: frame.payload.id, decision: "deny" } }));
  });
  node.ws.on("message", (data) => {
    const frame = JSON.parse(String(data)) as Frame;
    if (frame.event !== "node.invoke.request") return;
    const result = { id: frame.payload.id, nodeId: frame.payload.nodeId, ok: true, payloadJSON: JSON.stringify({ done: frame.payload.command }) };
    node.sendRaw(JSON.stringify({ type: "req", id: randomUUID(), method: "node.invoke.result", params: result }));
  });
});
afterAll(async () => {
  operator?.close();
  node?.close();
  await gw?.dispose();
});

/** Send a request as the reference client does: without a `params` member when it has none. */
async function send(client: RawClient, request: ClientRequest): Promise<Frame> {
  const id = randomUUID();
  const params = request.params && JSON.parse(JSON.stringify(request.params).replaceAll(SAMPLE_NODE, nodeId));
  client.sendRaw(JSON.stringify(params === undefined ? { type: "req", id, method: request.method } : { type: "req", id, method: request.method, params }));
  return client.next((f) => f.type === "res" && f.id === id, 10_000);
}

const unavailable = (method: string) => (METHODS as Record<string, { unavailable?: string }>)[method]?.unavailable;

describe("requests of the v3 reference's clients, answered by the real gateway", () => {
  it.each(V3_CLIENT_REQUESTS.map((r) => [`${r.client}: ${r.method} ${r.note ?? ""}`.trim(), r] as const))("%s", async (_label, request) => {
    const res = await send(request.role === "node" ? node : operator, request);
    if (unavailable(request.method) !== undefined) {
      expect(res.ok).toBe(false);
      expect(res.error).toMatchObject({ code: "UNAVAILABLE", details: { code: "NOT_IMPLEMENTED" } });
      expect(res.error?.message).toContain(unavailable(request.method));
      return;
    }
    if (res.ok) {
      const checked = validateResult(request.method as MethodName, res.payload);
      expect(checked.ok ? "ok" : checked.message).toBe("ok");
    } else {
      // A domain answer (the sample ids do not exist here), never a rejected request shape.
      expect(res.error?.details?.code).not.toBe("INVALID_PARAMS");
      // Domain refusals of built families: stale baseHash, no model provider configured, a command the test node does not serve,
      // a channel this gateway does not have (the reference's clients name WhatsApp).
      expect(["NOT_FOUND", "NODE_NOT_CONNECTED", "MISSING_SCOPE", "CONFLICT", "MODEL_NOT_CONFIGURED", "NODE_COMMAND_NOT_DECLARED", "EXPIRED", "ALREADY_RESOLVED", "CHANNEL_UNKNOWN"]).toContain(
        res.error?.details?.code,
      );
    }
  });
});

describe("v3 shapes of the served methods", () => {
  it("system-presence is a bare list: the gateway's row and one row per device", async () => {
    const res = await operator.request("system-presence");
    expect(Array.isArray(res.payload)).toBe(true);
    expect(res.payload[0]).toMatchObject({ mode: "gateway", reason: "self" });
    const rows = (res.payload as { deviceId?: string }[]).filter((row) => row.deviceId === nodeId);
    expect(rows).toHaveLength(1);
  });

  it("status answers the v3 summary", async () => {
    const res = await operator.request("status", undefined);
    expect(res.payload).toMatchObject({ heartbeat: { defaultAgentId: expect.any(String) }, channelSummary: [], queuedSystemEvents: [], sessions: { count: expect.any(Number) } });
  });

  it("device.pair.list lists roles and scopes as strings and tokens without secrets", async () => {
    const res = await operator.request("device.pair.list", {});
    const me = (res.payload.paired as { roles: unknown[]; scopes: unknown[]; tokens?: { role: string }[] }[]).find((d) => d.roles.includes("operator"));
    expect(me).toBeDefined();
    expect(me!.scopes).toEqual(expect.arrayContaining(["operator.read"]));
    expect(me!.tokens?.[0]).toMatchObject({ role: "operator", scopes: expect.any(Array), createdAtMs: expect.any(Number) });
    expect(JSON.stringify(res.payload)).not.toMatch(/"token"\s*:/);
  });

  it("node.describe is flat", async () => {
    const res = await operator.request("node.describe", { nodeId });
    expect(res.payload).toMatchObject({ nodeId, displayName: expect.any(String), caps: ["system"], connected: true, paired: true });
    expect(res.payload.node).toBeUndefined();
  });

  it("a late node.invoke.result is acknowledged and ignored", async () => {
    const res = await node.request("node.invoke.result", { id: "late-1", nodeId, ok: true });
    expect(res.payload).toEqual({ ok: true, ignored: true });
  });
});
