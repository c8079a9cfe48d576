/**
 * The TypeScript gateway client for Node: the protocol client over a `ws`
 * socket, with a node:crypto device identity (persisted or ephemeral) and
 * device tokens in a file or in memory.
 *
 *   const client = new GatewayClient({ url: "ws://127.0.0.1:18789", token });
 *   await client.start();
 *   const { nodes } = await client.call("node.list");
 *   client.on("presence", ({ presence }) => console.log(presence.length));
 */
import WebSocket from "ws";
import type { ClientSocket, OpenSocket } from "./client-transport.js";
import { DeviceIdentity, DeviceTokenStore } from "./device-identity.js";
import { ProtocolClient, type ProtocolClientOptions } from "./protocol-client.js";

export { CLIENT_DEFAULTS, CLOSE_MISSED_TICKS, type GatewayClientEvents } from "./protocol-client.js";

export interface GatewayClientOptions extends Omit<ProtocolClientOptions, "identity" | "tokens" | "openSocket" | "platform"> {
  /** Device identity; an in-memory one when absent. */
  identity?: DeviceIdentity;
  /** Where issued device tokens are kept; in memory when absent. */
  tokens?: DeviceTokenStore;
}

/** A `ws` socket as the protocol client drives it (never negotiates permessage-deflate). */
export const openWsSocket: OpenSocket = (url, handlers, { handshakeTimeoutMs }) => {
  const ws = new WebSocket(url, { perMessageDeflate: false, handshakeTimeout: handshakeTimeoutMs });
  ws.on("message", (data) => handlers.message(String(data)));
  ws.on("close", (code, reason) => handlers.close(code, String(reason)));
  ws.on("error", (error) => handlers.error(error));
  const socket: ClientSocket = {
    send: (text) => ws.send(text),
    close: (code, reason) => ws.close(code, reason),
    terminate: () => ws.terminate(),
    get isOpen() {
      return ws.readyState === WebSocket.OPEN;
    },
    get isClosed() {
      return ws.readyState === WebSocket.CLOSED;
    },
  };
  return socket;
};

/** The WebSocket client of the gateway in Node: a `TypedClient` whose transport is one reconnecting `ws` socket. */
export class GatewayClient extends ProtocolClient {
  constructor(options: GatewayClientOptions) {
    super({ ...options, identity: options.identity ?? DeviceIdentity.ephemeral(), tokens: options.tokens ?? new DeviceTokenStore(), openSocket: openWsSocket, platform: process.platform });
  }
}
