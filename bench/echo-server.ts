/**
 * The same-run baseline: a bare `ws` server on loopback that answers every
 * request frame with a response frame (naively: parse, stringify, one send per
 * message), or broadcasts a frame to every socket on command.
 */
import { type WebSocket, WebSocketServer } from "ws";

const port = Number(process.argv[2]);
const wss = new WebSocketServer({ port, host: "127.0.0.1", perMessageDeflate: false });
const sockets = new Set<WebSocket>();

wss.on("connection", (ws) => {
  sockets.add(ws);
  ws.on("close", () => sockets.delete(ws));
  ws.on("message", (data) => {
    const req = JSON.parse(String(data));
    ws.send(JSON.stringify({ type: "res", id: req.id, ok: true, payload: { ok: true, ts: Date.now(), durationMs: 0 } }));
  });
});

// `broadcast N`: send N event frames to every socket, one `send` each.
process.stdin.on("data", (data) => {
  const [command, count] = String(data).trim().split(" ");
  if (command === "mem") {
    (globalThis as { gc?: () => void }).gc?.();
    process.stdout.write(JSON.stringify(process.memoryUsage()) + "\n");
    return;
  }
  if (command !== "broadcast") return;
  for (let i = 0; i < Number(count); i++) {
    const frame = JSON.stringify({ type: "event", event: "tick", payload: { ts: Date.now() }, seq: i + 1 });
    for (const ws of sockets) ws.send(frame);
  }
});

wss.on("listening", () => process.stdout.write("listening\n"));
