/** Slow consumers, in memory: droppable events skip (seq still used), others close 1008, nobody else is held up. */
import { describe, expect, it } from "vitest";
import { Connection, type SocketPort } from "./connection.js";
import { EventSender } from "./events.js";

class FakeSocket implements SocketPort {
  sent: string[] = [];
  closed?: { code: number; reason: string };
  constructor(public bufferedAmount = 0) {}
  send(text: string) {
    this.sent.push(text);
  }
  close(code: number, reason: string) {
    this.closed = { code, reason };
  }
}

function openConnection(socket: FakeSocket, scopes: Connection["scopes"] = ["operator.admin"]) {
  const conn = new Connection("c", "n", socket, { remoteAddress: "127.0.0.1", forwarded: false });
  conn.phase = "open";
  conn.scopes = scopes;
  return conn;
}

describe("EventSender", () => {
  it("skips droppable events for a slow socket but still consumes their seq", () => {
    const socket = new FakeSocket(2_000_000);
    const conn = openConnection(socket);
    const sender = new EventSender(1_000_000);
    expect(sender.send(conn, "tick", { ts: 1 })).toBe(false);
    socket.bufferedAmount = 0;
    sender.send(conn, "tick", { ts: 2 });
    expect(JSON.parse(socket.sent[0])).toEqual({ type: "event", event: "tick", payload: { ts: 2 }, seq: 2 });
    expect(sender.dropped).toBe(1);
    expect(socket.closed).toBeUndefined();
  });

  it("closes a slow socket 1008 rather than drop an event that must arrive", () => {
    const socket = new FakeSocket(2_000_000);
    const conn = openConnection(socket);
    new EventSender(1_000_000).send(conn, "shutdown", { reason: "x" });
    expect(socket.closed).toEqual({ code: 1008, reason: "slow consumer" });
  });

  it("one slow socket does not stop a broadcast reaching the others", () => {
    const slow = new FakeSocket(5_000_000);
    const fast = [new FakeSocket(), new FakeSocket()];
    const sender = new EventSender(1_000_000);
    const delivered = sender.broadcast([openConnection(slow), ...fast.map((s) => openConnection(s))], "device.pair.resolved", { requestId: "r", deviceId: "d", decision: "approved", ts: 1 });
    expect(delivered).toBe(2);
    expect(slow.closed?.code).toBe(1008);
    expect(fast.every((s) => s.sent.length === 1)).toBe(true);
  });

  it("guards events by audience: pairing events only to pairing holders, invoke requests only to nodes", () => {
    const reader = new FakeSocket();
    const pairer = new FakeSocket();
    const node = new FakeSocket();
    const nodeConn = openConnection(node, []);
    nodeConn.role = "node";
    const sender = new EventSender(1_000_000);
    sender.broadcast([openConnection(reader, ["operator.read"]), openConnection(pairer, ["operator.pairing"]), nodeConn], "device.pair.resolved", {
      requestId: "r",
      deviceId: "d",
      decision: "approved",
      ts: 1,
    });
    expect([reader.sent.length, pairer.sent.length, node.sent.length]).toEqual([0, 1, 0]);
    sender.broadcast([openConnection(reader, ["operator.admin"]), nodeConn], "node.invoke.request", { id: "i", nodeId: "n", command: "c" });
    expect([reader.sent.length, node.sent.length]).toEqual([0, 1]);
  });
});
