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
import type { HelloOk } from "../../generated/ts/types.js";
import { GatewayClientError } from "./client-error.js";
import type { ClientSocket, OpenSocket } from "./client-transport.js";
import { DeviceIdentity, DeviceTokenStore } from "./device-identity.js";
import { ProtocolClient, type ProtocolClientOptions } from "./protocol-client.js";
import { normalizeFingerprint, pinnedConnection } from "./tls-pin.js";

export { CLIENT_DEFAULTS, CLOSE_MISSED_TICKS, type GatewayClientEvents } from "./protocol-client.js";

export interface GatewayClientOptions extends Omit<ProtocolClientOptions, "identity" | "tokens" | "openSocket" | "platform"> {
  /** Device identity; an in-memory one when absent. */
  identity?: DeviceIdentity;
  /** Where issued device tokens are kept; in memory when absent. */
  tokens?: DeviceTokenStore;
  /**
   * Pin the gateway's TLS certificate by its SHA-256 fingerprint (`AA:BB:…`, colons optional):
   * that certificate is accepted even when self-signed, any other is refused with
   * `TLS_FINGERPRINT_MISMATCH` before the upgrade completes (never retried). Needs a `wss://` URL.
   */
  tlsFingerprint?: string;
}

/** A `ws` socket as the protocol client drives it (never negotiates permessage-deflate). */
export const openWsSocket: OpenSocket = (url, handlers, options) => openWs(url, handlers, options);

/** A `ws` socket, its TLS certificate checked against `tlsFingerprint` when one is pinned. */
function openWs(url: string, handlers: Parameters<OpenSocket>[1], { handshakeTimeoutMs }: Parameters<OpenSocket>[2], tlsFingerprint?: string): ClientSocket {
  const ws = new WebSocket(url, {
    perMessageDeflate: false,
    handshakeTimeout: handshakeTimeoutMs,
    ...(tlsFingerprint ? { createConnection: pinnedConnection(tlsFingerprint) as never } : {}),
  });
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
}

/** The WebSocket client of the gateway in Node: a `TypedClient` whose transport is one reconnecting `ws` socket. */
export class GatewayClient extends ProtocolClient {
  private readonly pin?: string;

  constructor(options: GatewayClientOptions) {
    const { tlsFingerprint, ...rest } = options;
    const openSocket: OpenSocket = tlsFingerprint ? (url, handlers, socketOptions) => openWs(url, handlers, socketOptions, tlsFingerprint) : openWsSocket;
    super({ ...rest, identity: options.identity ?? DeviceIdentity.ephemeral(), tokens: options.tokens ?? new DeviceTokenStore(), openSocket, platform: process.platform });
    this.pin = tlsFingerprint;
  }

  /** As `ProtocolClient.start`, after checking a pinned fingerprint's spelling and that the URL is `wss://`. */
  override start(): Promise<HelloOk> {
    if (this.pin !== undefined) {
      normalizeFingerprint(this.pin);
      if (new URL(this.options.url).protocol !== "wss:") throw new GatewayClientError("INSECURE_TRANSPORT", `a TLS fingerprint is pinned but ${this.options.url} is not wss://`);
    }
    return super.start();
  }
}
