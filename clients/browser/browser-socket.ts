/** The browser's WebSocket as the protocol client drives it (text frames only). */
import type { ClientSocket, OpenSocket } from "../ts/client-transport.js";

export const openBrowserSocket: OpenSocket = (url, handlers) => {
  const ws = new WebSocket(url);
  let closed = false;
  ws.onmessage = (event) => {
    if (typeof event.data === "string") handlers.message(event.data);
  };
  ws.onerror = () => handlers.error(new Error("WebSocket error"));
  ws.onclose = (event) => {
    if (closed) return;
    closed = true;
    handlers.close(event.code, event.reason);
  };
  const socket: ClientSocket = {
    send: (text) => ws.send(text),
    close: (code, reason) => ws.close(code, reason),
    // A browser cannot drop a socket without the close handshake: close it and report at once.
    terminate: () => {
      ws.close();
      if (closed) return;
      closed = true;
      handlers.close(1006, "terminated");
    },
    get isOpen() {
      return ws.readyState === WebSocket.OPEN;
    },
    get isClosed() {
      return closed || ws.readyState === WebSocket.CLOSED;
    },
  };
  return socket;
};
