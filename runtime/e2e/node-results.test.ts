/**
 * End to end: large node results under the gateway-wide result budget
 * (`gateway.limits.maxNodeResultBytes`): concurrent multi-MiB answers arrive
 * intact, one that does not fit fails with a retryable NODE_RESULT_OVER_BUDGET,
 * and nobody's socket is closed for it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GatewayProcess, startGateway } from "../../testing/gateway-process.js";
import { DeviceKey, type Frame, RawClient } from "../../testing/raw-client.js";

const MIB = 1024 * 1024;
let gw: GatewayProcess;
let operator: RawClient;
let bystander: RawClient;

beforeAll(async () => {
  gw = await startGateway({ config: { gateway: { limits: { maxNodeResultBytes: 16 * MIB } } } });
  operator = await RawClient.open(gw.url);
  await operator.connect({ token: gw.token, scopes: ["operator.admin"] });
  bystander = await RawClient.open(gw.url);
  await bystander.connect({ token: gw.token, scopes: ["operator.read"] });
});
afterAll(async () => {
  operator?.close();
  bystander?.close();
  await gw.dispose();
});

/** A node that answers each `camera.snap` with `sizeOf(request)` bytes of one repeated letter (from its params). */
async function cameraNode(sizeOf: (params: { fill: string; mib: number }) => number) {
  const device = new DeviceKey();
  const node = await RawClient.open(gw.url);
  expect((await node.connect({ token: gw.token, role: "node", device, commands: ["camera.snap"], caps: ["camera"] })).ok).toBe(true);
  node.ws.on("message", (data) => {
    const frame = JSON.parse(String(data)) as Frame;
    if (frame.event !== "node.invoke.request") return;
    const params = JSON.parse(frame.payload.paramsJSON);
    const payloadJSON = JSON.stringify({ format: "jpeg", base64: params.fill.repeat(sizeOf(params)) });
    node.sendRaw(JSON.stringify({ type: "req", id: `r-${frame.payload.id}`, method: "node.invoke.result", params: { id: frame.payload.id, nodeId: device.id, ok: true, payloadJSON } }));
  });
  return { node, nodeId: device.id };
}

const snap = (nodeId: string, fill: string, mib: number) =>
  operator.request("node.invoke", { nodeId, command: "camera.snap", params: { fill, mib }, idempotencyKey: `snap-${nodeId}-${fill}-${mib}` }, 60_000);

describe("node results under the result budget", () => {
  it("concurrent 3 MiB answers from two nodes all arrive intact while other clients keep being answered", async () => {
    const a = await cameraNode((p) => p.mib * MIB);
    const b = await cameraNode((p) => p.mib * MIB);
    const calls = [snap(a.nodeId, "a", 3), snap(a.nodeId, "b", 3), snap(b.nodeId, "c", 3), snap(b.nodeId, "d", 3)];
    const health = await bystander.request("node.list", {}, 60_000);
    expect(health.ok).toBe(true);
    const results = await Promise.all(calls);
    results.forEach((res, i) => {
      expect(res.ok).toBe(true);
      const fill = "abcd"[i];
      expect(res.payload.payload.base64).toBe(fill.repeat(3 * MIB));
      expect(JSON.parse(res.payload.payloadJSON).base64).toBe(fill.repeat(3 * MIB));
    });
    a.node.close();
    b.node.close();
  }, 120_000);

  it("an answer over the budget fails its call with NODE_RESULT_OVER_BUDGET (retryable); sockets stay open and the bytes are given back", async () => {
    const { node, nodeId } = await cameraNode((p) => p.mib * MIB);
    const over = await snap(nodeId, "x", 20);
    expect(over.ok).toBe(false);
    expect(over.error).toMatchObject({ code: "UNAVAILABLE", retryable: true, details: { code: "NODE_RESULT_OVER_BUDGET", nodeId, limitBytes: 16 * MIB } });
    expect(over.error?.message).toMatch(/maxNodeResultBytes/);
    const nodeAck = await node.next((f) => f.type === "res" && typeof f.id === "string" && f.id.startsWith("r-"));
    expect(nodeAck.error).toMatchObject({ details: { code: "NODE_RESULT_OVER_BUDGET" } });
    // Nobody was disconnected, and the budget is whole again: a 12 MiB answer fits.
    expect([operator.closed, bystander.closed, node.closed]).toEqual([undefined, undefined, undefined]);
    expect((await bystander.request("node.list")).ok).toBe(true);
    const fits = await snap(nodeId, "y", 12);
    expect(fits.ok).toBe(true);
    expect(fits.payload.payload.base64).toHaveLength(12 * MIB);
    node.close();
    // Operators see it in /metrics: nothing held now, the budget, and the refused answer.
    const metrics = await (await fetch(`http://127.0.0.1:${gw.port}/metrics`)).text();
    expect(metrics).toContain('tidegate_node_result_bytes{state="held"} 0');
    expect(metrics).toContain(`tidegate_node_result_bytes{state="limit"} ${16 * MIB}`);
    expect(metrics).toMatch(/tidegate_requests_total\{method="node.invoke",outcome="NODE_RESULT_OVER_BUDGET"\} 1/);
  }, 120_000);
});
