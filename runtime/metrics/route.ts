/**
 * `GET /metrics`: loopback peers only (and never a request carrying proxy
 * headers from an untrusted peer), unless `gateway.metrics.token` is set, in
 * which case any peer presenting `Authorization: Bearer <token>` (compared in
 * constant time) and nobody else.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { isLoopbackAddress } from "../../common/loopback.js";
import { secretsEqual } from "../auth/secret.js";
import type { HttpRoute } from "../transport/server.js";
import type { LazyMetrics } from "./metrics.js";

const FORWARDING_HEADERS = ["forwarded", "x-forwarded-for", "x-real-ip"];

function refuse(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): true {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...headers });
  res.end(text + "\n");
  return true;
}

export function metricsRoute(lazy: LazyMetrics, options: { token?: string; trustedProxies: string[] }): HttpRoute {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path !== "/metrics") return false;
    if (req.method !== "GET" && req.method !== "HEAD") return refuse(res, 405, "method not allowed", { allow: "GET, HEAD" });
    if (options.token) {
      const header = req.headers.authorization ?? "";
      const presented = header.startsWith("Bearer ") ? header.slice(7) : "";
      if (!secretsEqual(presented, options.token)) return refuse(res, 401, "metrics need Authorization: Bearer <gateway.metrics.token>", { "www-authenticate": 'Bearer realm="tidegate-metrics"' });
    } else {
      const peer = req.socket.remoteAddress ?? "";
      const proxied = !options.trustedProxies.includes(peer) && FORWARDING_HEADERS.some((h) => req.headers[h] !== undefined);
      if (!isLoopbackAddress(peer) || proxied) return refuse(res, 403, "metrics are served to loopback peers only; set gateway.metrics.token to read them remotely");
    }
    const metrics = await lazy.load();
    const body = await metrics.text();
    res.writeHead(200, { "content-type": metrics.contentType, "cache-control": "no-store" });
    res.end(req.method === "HEAD" ? undefined : body);
    return true;
  };
}
