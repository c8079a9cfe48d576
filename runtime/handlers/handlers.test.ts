/**
 * Handler families in memory: built from services over a temporary state
 * directory and a fake clock, called directly with a caller — no socket, no
 * process. This is how every family is unit-tested.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { EventName } from "../../generated/ts/types.js";
import { Connection, type SocketPort } from "../core/connection.js";
import { Connections } from "../core/connections.js";
import { EventBus } from "../core/events.js";
import { createLogger } from "../log.js";
import { NodeRegistry } from "../nodes/registry.js";
import { DeviceStore } from "../state/device-store.js";
import { deviceHandlers } from "./device.js";
import { nodeHandlers } from "./node.js";

function services() {
  let now = 1_700_000_000_000;
  const clock = { now: () => now };
  const devices = new DeviceStore(mkdtempSync(join(tmpdir(), "tidegate-handlers-")), clock.now);
  const connections = new Connections();
  const events = new EventBus(connections, 1 << 20);
  const seen: { event: EventName; payload: unknown }[] = [];
  const watcher = connect(connections, "watcher", ["operator.admin"]);
  watcher.socket.send = (text: string) => void seen.push(JSON.parse(text));
  const nodes = new NodeRegistry(connections, devices, events);
  return { clock, devices, connections, events, nodes, seen, log: createLogger("silent"), advance: (ms: number) => (now += ms) };
}

function connect(connections: Connections, connId: string, scopes: Connection["scopes"], deviceId?: string): Connection {
  const socket: SocketPort = { send: () => {}, close: () => {}, bufferedAmount: 0 };
  const conn = new Connection(connId, "nonce", socket, { remoteAddress: "127.0.0.1", forwarded: false });
  Object.assign(conn, { phase: "open", scopes, deviceId, connectedAtMs: 1 });
  connections.add(conn);
  return conn;
}

const signal = new AbortController().signal;

describe("device handlers", () => {
  it("approve grants at most the caller's scopes and tells pairing holders", () => {
    const s = services();
    const request = s.devices.request({ deviceId: "d1", publicKey: "k", role: "operator", scopes: ["operator.admin"], clientId: "cli", clientMode: "cli" })!.request;
    const handlers = deviceHandlers(s);
    const pairingOnly = connect(s.connections, "p", ["operator.pairing"]);
    expect(() => handlers["device.pair.approve"]({ requestId: request.requestId }, { caller: pairingOnly, signal })).toThrow(/cannot approve scopes you do not hold: operator.admin/);
    const admin = connect(s.connections, "a", ["operator.admin"]);
    const approved = handlers["device.pair.approve"]({ requestId: request.requestId }, { caller: admin, signal }) as { requestId: string; device: { roles: string[] } };
    expect(approved).toMatchObject({ requestId: request.requestId, device: { roles: ["operator"] } });
    expect(s.devices.grant("d1", "operator")?.scopes).toEqual(["operator.admin"]);
    expect(s.seen.map((f) => (f as { event?: string }).event)).toContain("device.pair.resolved");
  });
});

describe("node handlers", () => {
  it("node.event hands the event to listeners with the node's id and the clock's time", () => {
    const s = services();
    const heard: unknown[] = [];
    s.nodes.onNodeEvent((e) => heard.push(e));
    const node = connect(s.connections, "n", [], "node-1");
    Object.assign(node, { role: "node" });
    s.advance(5);
    const handlers = nodeHandlers(s);
    expect(handlers["node.event"]({ event: "voice.transcript", payloadJSON: '{"text":"hi"}' }, { caller: node, signal })).toEqual({ ok: true });
    expect(heard).toEqual([{ nodeId: "node-1", event: "voice.transcript", payload: { text: "hi" }, ts: 1_700_000_000_005 }]);
    expect(() => handlers["node.event"]({ event: "x", payloadJSON: "{" }, { caller: node, signal })).toThrow(/payloadJSON is not valid JSON/);
  });

  it("node.invoke goes to the node's newest session", async () => {
    const s = services();
    const older = connect(s.connections, "old", [], "node-1");
    const newer = connect(s.connections, "new", [], "node-1");
    for (const [conn, at] of [
      [older, 1],
      [newer, 2],
    ] as const)
      Object.assign(conn, { role: "node", commands: ["system.run"], connectedAtMs: at });
    const sent: string[] = [];
    newer.socket.send = (text) => void sent.push(text);
    const pending = s.nodes.invoke("node-1", "system.run", { argv: ["true"] }, 1000);
    const request = JSON.parse(sent[0]).payload as { id: string };
    expect(s.nodes.finish({ id: request.id, nodeId: "node-1", ok: true, payloadJSON: '{"exitCode":0}' }, "node-1")).toBe(true);
    await expect(pending).resolves.toMatchObject({ ok: true, payload: { exitCode: 0 } });
  });
});
