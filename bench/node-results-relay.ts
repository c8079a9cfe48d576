/**
 * The same-run baseline for node results: a bare `ws` relay on loopback. A
 * socket that says `node` first answers requests; a caller's request text is
 * forwarded to the node and the node's answer text to the caller unchanged
 * (no parsing, no checks): the floor any relay pays for moving the bytes.
 */
import { type WebSocket, WebSocketServer } from "ws";

const port = Number(process.argv[2]);
const wss = new WebSocketServer({ port, host: "127.0.0.1", perMessageDeflate: false, maxPayload: 32 * 1024 * 1024 });
let node: WebSocket | undefined;
let caller: WebSocket | undefined;

wss.on("connection", (ws) => {
  ws.once("message", (hello) => {
    if (String(hello) === "node") node = ws;
    else caller = ws;
    ws.on("message", (data, binary) => {
      const peer = ws === node ? caller : node;
      peer?.send(data, { binary });
    });
  });
});

wss.on("listening", () => process.stdout.write("listening\n"));
