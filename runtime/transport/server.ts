/**
 * The one port: HTTP (liveness, the routes start.ts hands in, 404 for the rest)
 * and WebSocket upgrades on `/`, over TCP or TLS, as a thin adapter over the transport-agnostic
 * `Gateway`. Origin allowlist (plus the gateway's own origin, see same-origin.ts)
 * and connection limits are enforced before the upgrade completes;
 * permessage-deflate is never negotiated.
 *
 * Bounds on what an unauthenticated peer can hold:
 * - TCP connections not yet upgraded are counted per address and globally (over the limit:
 *   HTTP 429/503 and close); one that sends nothing within `firstByteTimeoutMs` is dropped;
 *   one whose headers are incomplete after `headersTimeoutMs` gets HTTP 408.
 * - Before `connect` succeeds a socket's receiver refuses any frame whose DECLARED length
 *   (summed over fragments) exceeds `preAuthMaxPayload`: close 1009 before buffering it.
 *   The post-auth `maxPayload` applies only from `hello-ok` on.
 * - After we send a close frame the peer has `closeGraceMs` to answer before the socket is dropped.
 * - Every socket is pinged each `pingIntervalMs`; one that did not answer the previous ping is dead.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createTlsServer } from "node:https";
import type { Socket } from "node:net";
import type { Duplex } from "node:stream";
import { type ServerOptions, WebSocket, WebSocketServer } from "ws";
import { addressKey } from "../auth/rate-limiter.js";
import type { GatewaySettings } from "../config/settings.js";
import type { Gateway } from "../core/gateway.js";
import { isLoopbackHostHeader } from "./host-header.js";
import { isSameOrigin } from "./same-origin.js";

/** Most fragments of one message (close 1008 beyond). */
export const MAX_FRAGMENTS = 1024;
/** Most socket reads buffered for one incomplete frame (close 1008 beyond). */
export const MAX_BUFFERED_CHUNKS = 4096;

const FORWARDING_HEADERS = ["forwarded", "x-forwarded-for", "x-real-ip", "x-forwarded-host"];

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
}

/**
 * ws has no public per-socket payload limit; its receiver checks `_maxPayload` against each
 * frame's declared length (ws 8.x, pinned). Raising it after authentication keeps the
 * pre-auth cap on the declared length. Should the internals ever move, fail safe: the socket
 * keeps the smaller pre-auth cap, and the process says so once (the e2e test
 * "after hello-ok the socket accepts frames up to maxPayload" fails too).
 */
let warnedInternals = false;
function setMaxPayload(ws: WebSocket, bytes: number): void {
  const receiver = (ws as unknown as { _receiver?: { _maxPayload?: unknown } })._receiver;
  if (receiver && typeof receiver._maxPayload === "number") {
    receiver._maxPayload = bytes;
    return;
  }
  if (!warnedInternals) process.emitWarning("ws internals changed: authenticated sockets keep the pre-auth frame limit", { code: "TIDEGATE_WS_INTERNALS" });
  warnedInternals = true;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), "cache-control": "no-store" });
  res.end(text);
}

/** An HTTP route: answers the request and returns true, or returns false to leave it to the next. */
export type HttpRoute = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

export interface ListenOptions {
  /** Tried in order after `/health`; the first that returns true has answered. */
  routes?: HttpRoute[];
  /** Serve TLS (`https`/`wss`) with this PEM pair. */
  tls?: { cert: string; key: string };
}

/**
 * The TCP socket under a request's socket: itself over plain TCP; under TLS, the socket the
 * `connection` event counted (Node's `TLSSocket._parent`). Should that internal move, a TLS
 * socket stays counted as pre-upgrade until it closes: stricter, never looser.
 */
const rawSocket = (socket: Duplex): Duplex => (socket as { _parent?: Duplex })._parent ?? socket;

export interface Listener {
  server: Server;
  /** The port actually bound (useful with port 0). */
  port: number;
  close(): Promise<void>;
}

export function listen(gateway: Gateway, settings: GatewaySettings, options: ListenOptions = {}): Promise<Listener> {
  const routes = options.routes ?? [];
  const perAddress = new Map<string, number>();
  let total = 0;
  const pendingPerAddress = new Map<string, number>();
  let pendingTotal = 0;
  /** Sockets still in the pre-upgrade phase, with the function that ends their count. */
  const pendingRelease = new WeakMap<Duplex, () => void>();
  /** Sockets refused at accept time: whatever they send next is dropped. */
  const refusedEarly = new WeakSet<Duplex>();
  /** Upgraded sockets and whether they answered since the last ping. */
  const alive = new Map<WebSocket, boolean>();
  const wssOptions: ServerOptions & { closeTimeout: number; maxBufferedChunks: number } = {
    noServer: true,
    // Every socket starts with the pre-auth cap; `authenticated()` raises it to `maxPayload`.
    maxPayload: settings.preAuthMaxPayload,
    perMessageDeflate: false,
    clientTracking: false,
    closeTimeout: settings.closeGraceMs,
    // Fragment floods: each fragment and each buffered read is an object of its own (ws's defaults,
    // 16384 and 262144, let one socket pin megabytes in 1-byte pieces). Real clients do not fragment.
    maxFragments: MAX_FRAGMENTS,
    maxBufferedChunks: MAX_BUFFERED_CHUNKS,
  };
  const wss = new WebSocketServer(wssOptions);

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    if (refusedEarly.has(rawSocket(req.socket))) return void req.socket.destroy();
    const path = (req.url ?? "/").split("?")[0];
    if ((path === "/health" || path === "/healthz") && (req.method === "GET" || req.method === "HEAD")) return json(res, 200, { ok: true });
    void (async () => {
      for (const route of routes) if (await route(req, res)) return;
      if (path === "/" && req.method === "GET") return json(res, 426, { error: "this port speaks WebSocket on /; GET /health for liveness" });
      json(res, 404, { error: "not found" });
    })().catch(() => (res.headersSent ? res.destroy() : json(res, 500, { error: "internal error" })));
  };
  const httpOptions = {
    headersTimeout: settings.headersTimeoutMs,
    requestTimeout: Math.max(15_000, settings.headersTimeoutMs),
    // Node checks both timeouts only this often (30 s by default: a slowloris would outlive them).
    connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(settings.headersTimeoutMs / 4))),
  };
  const server: Server = options.tls
    ? createTlsServer({ ...httpOptions, cert: options.tls.cert, key: options.tls.key, minVersion: "TLSv1.2", handshakeTimeout: settings.headersTimeoutMs }, onRequest)
    : createServer(httpOptions, onRequest);
  server.maxHeadersCount = 64;

  server.on("connection", (socket: Socket) => {
    const key = addressKey(socket.remoteAddress ?? "unknown");
    const refuseEarly = (status: number, text: string) => {
      refusedEarly.add(socket);
      socket.on("error", () => socket.destroy());
      refuse(socket, status, text);
      socket.setTimeout(1000, () => socket.destroy());
    };
    if (pendingTotal >= settings.maxPendingConnections) return refuseEarly(503, "Too many connections");
    if ((pendingPerAddress.get(key) ?? 0) >= settings.maxPendingConnectionsPerAddress) return refuseEarly(429, "Too many connections from this address");
    pendingTotal++;
    pendingPerAddress.set(key, (pendingPerAddress.get(key) ?? 0) + 1);
    const firstByte = setTimeout(() => {
      if (socket.bytesRead === 0) socket.destroy();
    }, settings.firstByteTimeoutMs);
    let counted = true;
    const release = () => {
      clearTimeout(firstByte);
      if (!counted) return;
      counted = false;
      pendingTotal--;
      const left = (pendingPerAddress.get(key) ?? 1) - 1;
      if (left <= 0) pendingPerAddress.delete(key);
      else pendingPerAddress.set(key, left);
    };
    pendingRelease.set(socket, release);
    socket.once("close", release);
  });

  const pinger = setInterval(() => {
    for (const [ws, answered] of alive) {
      if (!answered) {
        ws.terminate();
        continue;
      }
      if (ws.readyState !== WebSocket.OPEN) continue;
      alive.set(ws, false);
      ws.ping();
    }
  }, settings.pingIntervalMs);
  pinger.unref();

  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => socket.destroy());
    if (refusedEarly.has(rawSocket(socket))) return socket.destroy();
    // The socket leaves the pre-upgrade phase: from here the WebSocket limits count it.
    pendingRelease.get(rawSocket(socket))?.();
    const path = (req.url ?? "/").split("?")[0];
    if (path !== "/") return refuse(socket, 404, "Not Found");
    const origin = req.headers.origin;
    const sameOrigin = origin !== undefined && isSameOrigin(origin, req.headers.host, req.socket.localPort, settings.allowedHosts);
    if (origin !== undefined && !settings.allowedOrigins.includes(origin) && !sameOrigin) return refuse(socket, 403, "Forbidden origin");
    const remote = req.socket.remoteAddress ?? "unknown";
    const key = addressKey(remote);
    if (total >= settings.maxConnections) return refuse(socket, 503, "Too many connections");
    if ((perAddress.get(key) ?? 0) >= settings.maxConnectionsPerAddress) return refuse(socket, 429, "Too many connections from this address");
    const trusted = settings.trustedProxies.includes(key);
    const forwarded = !trusted && FORWARDING_HEADERS.some((h) => req.headers[h] !== undefined);
    total++;
    perAddress.set(key, (perAddress.get(key) ?? 0) + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      total--;
      const left = (perAddress.get(key) ?? 1) - 1;
      if (left <= 0) perAddress.delete(key);
      else perAddress.set(key, left);
    };
    socket.once("close", release);
    // Only these facts outlive the upgrade: no closure below may keep `req` alive.
    const peer = { remoteAddress: remote, origin, forwarded, loopbackHost: isLoopbackHostHeader(req.headers.host, settings.allowedHosts), userAgent: req.headers["user-agent"] };
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      // Everything sent while handling one read (or one broadcast) leaves in a single write.
      const raw = socket as Socket;
      let corked = false;
      const uncork = () => {
        corked = false;
        raw.uncork();
      };
      alive.set(ws, true);
      const handler = gateway.open(
        {
          send: (text) => {
            if (!corked) {
              corked = true;
              raw.cork();
              process.nextTick(uncork);
            }
            ws.send(text);
          },
          sendUtf8: (bytes) => {
            if (!corked) {
              corked = true;
              raw.cork();
              process.nextTick(uncork);
            }
            ws.send(bytes, { binary: false });
          },
          close: (code, reason) => ws.close(code, reason),
          get bufferedAmount() {
            return ws.bufferedAmount;
          },
          get isOpen() {
            return ws.readyState === WebSocket.OPEN;
          },
          authenticated: () => setMaxPayload(ws, settings.maxPayload),
        },
        peer,
      );
      ws.on("message", (data: Buffer, isBinary: boolean) => {
        alive.set(ws, true);
        handler.message(data, isBinary);
      });
      ws.on("pong", () => alive.set(ws, true));
      ws.on("close", () => {
        alive.delete(ws);
        release();
        handler.closed();
      });
      ws.on("error", () => ws.terminate());
    });
  });

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(settings.port, settings.host, () => {
      server.off("error", reject);
      const address = server.address();
      resolve({
        server,
        port: typeof address === "object" && address ? address.port : settings.port,
        close: () =>
          new Promise<void>((done) => {
            clearInterval(pinger);
            wss.close();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
