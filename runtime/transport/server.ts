/**
 * The one port: HTTP (liveness, 404 for the rest) and WebSocket upgrades on
 * `/`, as a thin adapter over the transport-agnostic `Gateway`. Origin
 * allowlist and connection limits are enforced before the upgrade completes;
 * permessage-deflate is never negotiated.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { addressKey } from "../auth/rate-limiter.js";
import type { GatewaySettings } from "../config/settings.js";
import type { Gateway } from "../core/gateway.js";

const FORWARDING_HEADERS = ["forwarded", "x-forwarded-for", "x-real-ip", "x-forwarded-host"];

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), "cache-control": "no-store" });
  res.end(text);
}

export interface Listener {
  server: Server;
  /** The port actually bound (useful with port 0). */
  port: number;
  close(): Promise<void>;
}

export function listen(gateway: Gateway, settings: GatewaySettings): Promise<Listener> {
  const perAddress = new Map<string, number>();
  let total = 0;
  const wss = new WebSocketServer({ noServer: true, maxPayload: settings.maxPayload, perMessageDeflate: false, clientTracking: false });

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? "/").split("?")[0];
    if ((path === "/health" || path === "/healthz") && (req.method === "GET" || req.method === "HEAD")) return json(res, 200, { ok: true });
    if (path === "/" && req.method === "GET") return json(res, 426, { error: "this port speaks WebSocket on /; GET /health for liveness" });
    json(res, 404, { error: "not found" });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;
  server.maxHeadersCount = 64;

  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => socket.destroy());
    const path = (req.url ?? "/").split("?")[0];
    if (path !== "/") return refuse(socket, 404, "Not Found");
    const origin = req.headers.origin;
    if (origin !== undefined && !settings.allowedOrigins.includes(origin)) return refuse(socket, 403, "Forbidden origin");
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
    const peer = { remoteAddress: remote, origin, forwarded, userAgent: req.headers["user-agent"] };
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      // Everything sent while handling one read (or one broadcast) leaves in a single write.
      const raw = socket as Socket;
      let corked = false;
      const uncork = () => {
        corked = false;
        raw.uncork();
      };
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
          close: (code, reason) => ws.close(code, reason),
          get bufferedAmount() {
            return ws.bufferedAmount;
          },
        },
        peer,
      );
      ws.on("message", (data: Buffer, isBinary: boolean) => handler.message(data, isBinary));
      ws.on("close", () => {
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
            wss.close();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
