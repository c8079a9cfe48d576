/** End to end: the node invoke round trip, its failures, idempotency, and node listing. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GatewayProcess, startGateway } from "../../testing/gateway-process.js";
import { DeviceKey, type Frame, RawClient } from "../../testing/raw-client.js";

let gw: GatewayProcess;
let operator: RawClient;

beforeAll(async () => {
  gw = await startGateway();
  operator = await RawClient.open(gw.url);
  await operator.connect({ token: gw.token, scopes: ["operator.admin"] });
});
afterAll(async () => {
  operator?.close();
  await gw.dispose();
});

async function connectNode(commands = ["system.which", "system.run"], device = new DeviceKey()) {
  const node = await RawClient.open(gw.url);
  const hello = await node.connect({ token: gw.token, role: "node", device, commands, caps: ["system"], client: { displayName: "testnode" } });
  expect(hello.ok).toBe(true);
  expect(hello.payload.auth).toMatchObject({ role: "node", scopes: [] });
  return { node, device };
}

/** Answer every invoke request with `answer(request)`. */
function serve(node: RawClient, answer: (request: Frame["payload"]) => Record<string, unknown>) {
  node.ws.on("message", (data) => {
    const frame = JSON.parse(String(data)) as Frame;
    if (frame.event !== "node.invoke.request") return;
    node.sendRaw(JSON.stringify({ type: "req", id: `r-${frame.payload.id}`, method: "node.invoke.result", params: { id: frame.payload.id, nodeId: frame.payload.nodeId, ...answer(frame.payload) } }));
  });
}

describe("node invoke", () => {
  it("carries a 4 MiB result (a camera snapshot's size) from the node to the operator: frames up to 25 MiB after auth, as v3", async () => {
    const { node, device } = await connectNode(["camera.snap"]);
    const image = "A".repeat(4 * 1024 * 1024);
    serve(node, () => ({ ok: true, payloadJSON: JSON.stringify({ format: "jpeg", base64: image }) }));
    const res = await operator.request("node.invoke", { nodeId: device.id, command: "camera.snap", idempotencyKey: "big-1" }, 30_000);
    expect(res.ok).toBe(true);
    expect(res.payload.payload.base64.length).toBe(image.length);
    node.close();
  }, 60_000);

  it("round-trips a command: request event to the node, result back to the operator", async () => {
    const { node, device } = await connectNode();
    serve(node, (request) => {
      const { bins } = JSON.parse(request.paramsJSON);
      return { ok: true, payloadJSON: JSON.stringify({ bins: Object.fromEntries(bins.map((b: string) => [b, `/usr/bin/${b}`])) }) };
    });
    const res = await operator.request("node.invoke", { nodeId: device.id, command: "system.which", params: { bins: ["ls", "node"] }, idempotencyKey: "k-which" });
    expect(res.payload).toEqual({
      ok: true,
      nodeId: device.id,
      command: "system.which",
      payload: { bins: { ls: "/usr/bin/ls", node: "/usr/bin/node" } },
      payloadJSON: '{"bins":{"ls":"/usr/bin/ls","node":"/usr/bin/node"}}',
    });
    const request = await node.next((f) => f.event === "node.invoke.request");
    expect(request.payload).toMatchObject({ nodeId: device.id, command: "system.which", paramsJSON: '{"bins":["ls","node"]}', timeoutMs: 30000 });
    expect(request.seq).toBeUndefined();
    const ack = await node.next((f) => f.type === "res" && f.id === `r-${request.payload.id}`);
    expect(ack.payload).toEqual({ ok: true });
    node.close();
  });

  it("a repeat with the same idempotency key returns the first result without asking the node again", async () => {
    const { node, device } = await connectNode();
    let asked = 0;
    serve(node, () => ({ ok: true, payload: { n: ++asked } }));
    const call = () => operator.request("node.invoke", { nodeId: device.id, command: "system.run", params: { argv: ["true"] }, idempotencyKey: "same-key" });
    const [a, b] = await Promise.all([call(), call()]);
    const c = await call();
    expect([a.payload.payload, b.payload.payload, c.payload.payload]).toEqual([{ n: 1 }, { n: 1 }, { n: 1 }]);
    expect(asked).toBe(1);
    node.close();
  });

  it("times out with a clear error when the node does not answer", async () => {
    const { node, device } = await connectNode();
    const res = await operator.request("node.invoke", { nodeId: device.id, command: "system.run", timeoutMs: 200, idempotencyKey: "k-timeout" });
    expect(res.error).toMatchObject({ code: "UNAVAILABLE", details: { code: "TIMEOUT" }, retryable: true });
    node.close();
  });

  it("fails when the node disconnects mid-call", async () => {
    const { node, device } = await connectNode();
    node.ws.on("message", (data) => {
      if (String(data).includes("node.invoke.request")) node.close();
    });
    const res = await operator.request("node.invoke", { nodeId: device.id, command: "system.run", idempotencyKey: "k-drop" });
    expect(res.error).toMatchObject({ code: "UNAVAILABLE", details: { code: "NODE_DISCONNECTED" } });
  });

  it("refuses a command the node does not declare", async () => {
    const { node, device } = await connectNode(["system.which"]);
    const res = await operator.request("node.invoke", { nodeId: device.id, command: "camera.snap", idempotencyKey: "k-undeclared" });
    expect(res.error).toMatchObject({ code: "INVALID_REQUEST", details: { code: "NODE_COMMAND_NOT_DECLARED" } });
    node.close();
  });

  it("refuses an unknown node, and a known node that is not connected", async () => {
    const unknown = await operator.request("node.invoke", { nodeId: "f".repeat(64), command: "system.run", idempotencyKey: "k-unknown" });
    expect(unknown.error).toMatchObject({ code: "INVALID_REQUEST", details: { code: "NOT_FOUND" } });
    const { node, device } = await connectNode();
    node.close();
    await node.waitClose();
    for (let i = 0; i < 50 && (await operator.request("node.describe", { nodeId: device.id })).payload.connected; i++) await new Promise((r) => setTimeout(r, 20));
    const offline = await operator.request("node.invoke", { nodeId: device.id, command: "system.run", idempotencyKey: "k-offline" });
    expect(offline.error).toMatchObject({ code: "UNAVAILABLE", details: { code: "NODE_NOT_CONNECTED" } });
  });

  it("passes a node's failure on as an error", async () => {
    const { node, device } = await connectNode();
    serve(node, () => ({ ok: false, error: { code: "NOT_ALLOWED", message: "binary not in allowlist" } }));
    const res = await operator.request("node.invoke", { nodeId: device.id, command: "system.run", idempotencyKey: "k-fail" });
    expect(res.error).toMatchObject({ code: "UNAVAILABLE", message: "binary not in allowlist", details: { code: "NODE_COMMAND_FAILED", nodeCode: "NOT_ALLOWED" } });
    node.close();
  });

  it("a node cannot answer another node's invocation", async () => {
    const { node: target, device } = await connectNode();
    const { node: intruder, device: intruderKey } = await connectNode();
    const pending = operator.request("node.invoke", { nodeId: device.id, command: "system.run", timeoutMs: 500, idempotencyKey: "k-intrude" });
    const request = await target.next((f) => f.event === "node.invoke.request");
    const forged = await intruder.request("node.invoke.result", { id: request.payload.id, nodeId: device.id, ok: true, payload: "forged" });
    // As in v3, a result nobody waits for (here: from the wrong node) is acknowledged and dropped.
    expect(forged.payload).toEqual({ ok: true, ignored: true });
    expect(intruderKey.id).not.toBe(device.id);
    expect((await pending).error?.details.code).toBe("TIMEOUT");
    target.close();
    intruder.close();
  });
});

describe("node listing", () => {
  it("lists connected nodes with sorted caps and commands, and renames them", async () => {
    const { node, device } = await connectNode(["system.which", "system.run"]);
    const list = await operator.request("node.list");
    const entry = list.payload.nodes.find((n: { nodeId: string }) => n.nodeId === device.id);
    expect(entry).toMatchObject({ displayName: "testnode", platform: "linux", caps: ["system"], commands: ["system.run", "system.which"], paired: true, connected: true });
    expect((await operator.request("node.rename", { nodeId: device.id, displayName: "build box" })).payload).toEqual({ nodeId: device.id, displayName: "build box" });
    expect((await operator.request("node.describe", { nodeId: device.id })).payload.displayName).toBe("build box");
    expect((await operator.request("node.describe", { nodeId: "0".repeat(64) })).error?.details.code).toBe("NOT_FOUND");
    node.close();
  });
});
