/** The node result budget: answers held as one JSON text, charged until delivered, refused when over. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Connection, type SocketPort } from "../core/connection.js";
import { Connections } from "../core/connections.js";
import { EventBus } from "../core/events.js";
import { IdempotencyCache } from "../core/idempotency.js";
import { PreparedResult } from "../core/prepared-result.js";
import { sendResult } from "../core/router.js";
import { GatewayError } from "../errors.js";
import { DeviceStore } from "../state/device-store.js";
import { NodeRegistry } from "./registry.js";

const MIB = 1024 * 1024;
const turn = () => new Promise((done) => setImmediate(done));

function setup(budgetBytes: number) {
  const connections = new Connections();
  const devices = new DeviceStore(mkdtempSync(join(tmpdir(), "tidegate-nodes-")), () => 1);
  const nodes = new NodeRegistry(connections, devices, new EventBus(connections, 1 << 30), budgetBytes);
  const requests: string[] = [];
  const socket: SocketPort = { send: (text) => void requests.push(JSON.parse(text).payload.id), close: () => {}, bufferedAmount: 0 };
  const node = new Connection("node-conn", "nonce", socket, { remoteAddress: "127.0.0.1", forwarded: false });
  Object.assign(node, { phase: "open", role: "node", deviceId: "node-1", commands: ["camera.snap"], connectedAtMs: 1 });
  connections.add(node);
  /** An answer of about `bytes` bytes of JSON text. */
  const answer = (id: string, bytes: number, fill = "A") => ({ id, nodeId: "node-1", ok: true, payloadJSON: JSON.stringify({ base64: fill.repeat(bytes - 13) }) });
  return { nodes, requests, answer };
}

/** A caller's socket that records the frames it is sent. */
function caller() {
  const frames: string[] = [];
  const conn = new Connection("caller", "nonce", { send: (text) => void frames.push(text), close: () => {}, bufferedAmount: 0 }, { remoteAddress: "127.0.0.1", forwarded: false });
  conn.phase = "open";
  return { conn, frames };
}

describe("node results", () => {
  it("holds concurrent answers against the budget and refuses the one that does not fit, with a retryable error for both sides", async () => {
    const { nodes, requests, answer } = setup(3 * MIB);
    const calls = [0, 1, 2].map(() => nodes.invokeForCaller("node-1", "camera.snap", {}, 10_000));
    const outcomes = calls.map((c) =>
      c.then(
        (v) => v,
        (e: GatewayError) => e,
      ),
    );
    expect(nodes.finish(answer(requests[0], 1.2 * MIB, "a"), "node-1")).toBe(true);
    expect(nodes.finish(answer(requests[1], 1.2 * MIB, "b"), "node-1")).toBe(true);
    expect(() => nodes.finish(answer(requests[2], 1.2 * MIB, "c"), "node-1")).toThrow(expect.objectContaining({ details: expect.objectContaining({ code: "NODE_RESULT_OVER_BUDGET" }) }));
    const [first, second, third] = await Promise.all(outcomes);
    expect(third).toBeInstanceOf(GatewayError);
    expect((third as GatewayError).toShape()).toMatchObject({ code: "UNAVAILABLE", retryable: true, details: { code: "NODE_RESULT_OVER_BUDGET", limitBytes: 3 * MIB } });
    expect(nodes.budget.held).toBeGreaterThan(2.3 * MIB);

    // Delivered: the frame carries payload and payloadJSON, intact, and the bytes come back after the turn.
    const { conn, frames } = caller();
    sendResult(conn, "r1", first);
    sendResult(conn, "r2", second);
    const res = frames.map((f) => JSON.parse(f));
    expect(res[0]).toMatchObject({ type: "res", id: "r1", ok: true, payload: { ok: true, nodeId: "node-1", command: "camera.snap" } });
    expect(res[0].payload.payload.base64).toBe("a".repeat(1.2 * MIB - 13));
    expect(JSON.parse(res[1].payload.payloadJSON).base64).toBe("b".repeat(1.2 * MIB - 13));
    await turn();
    expect(nodes.budget.held).toBe(0);
  });

  it("an answer bigger than the whole budget fails at once and takes nothing", async () => {
    const { nodes, requests, answer } = setup(1 * MIB);
    const call = nodes.invokeForCaller("node-1", "camera.snap", {}, 10_000);
    expect(() => nodes.finish(answer(requests[0], 2 * MIB), "node-1")).toThrow(GatewayError);
    await expect(call).rejects.toMatchObject({ details: { code: "NODE_RESULT_OVER_BUDGET", bytes: 2 * MIB } });
    expect(nodes.budget.held).toBe(0);
  });

  it("checks a node's payloadJSON before splicing it into a caller's frame", async () => {
    const { nodes, requests } = setup(4 * MIB);
    const call = nodes.invokeForCaller("node-1", "camera.snap", {}, 10_000);
    nodes.finish({ id: requests[0], nodeId: "node-1", ok: true, payloadJSON: `1},"ok":false,"x":{"y":${"1".repeat(70_000)}` }, "node-1");
    await expect(call).rejects.toMatchObject({ details: { code: "NODE_COMMAND_FAILED" } });
    expect(nodes.budget.held).toBe(0);
  });

  it("small answers come back as plain results and the gateway's own calls give their bytes back", async () => {
    const { nodes, requests, answer } = setup(4 * MIB);
    const small = nodes.invokeForCaller("node-1", "camera.snap", {}, 10_000);
    nodes.finish({ id: requests[0], nodeId: "node-1", ok: true, payload: { n: 1 } }, "node-1");
    expect(await small).toEqual({ ok: true, nodeId: "node-1", command: "camera.snap", payload: { n: 1 }, payloadJSON: '{"n":1}' });
    const own = nodes.invoke("node-1", "camera.snap", {}, 10_000);
    nodes.finish(answer(requests[1], 2 * MIB), "node-1");
    expect(((await own).payload as { base64: string }).base64).toHaveLength(2 * MIB - 13);
    expect(nodes.budget.held).toBe(0);
  });

  it("callers joined by idempotency key share a large answer in flight; it is not kept after it settles", async () => {
    const cache = new IdempotencyCache();
    let runs = 0;
    let release = 0;
    const big = () => Promise.resolve(new PreparedResult({ ok: true, n: ++runs }, [["payload", "[1,2]", "json"]], () => release++));
    const { conn, frames } = caller();
    const [a, b] = await Promise.all([cache.run("k", big), cache.run("k", big)]);
    sendResult(conn, "a", a);
    sendResult(conn, "b", b);
    expect(frames.map((f) => JSON.parse(f).payload)).toEqual([
      { ok: true, n: 1, payload: [1, 2] },
      { ok: true, n: 1, payload: [1, 2] },
    ]);
    await turn();
    expect(release).toBe(1);
    await cache.run("k", big);
    expect(runs).toBe(2);
  });
});
