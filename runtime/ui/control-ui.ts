/**
 * The Control UI route: the built single-page app from `dist/ui/` at `/`.
 * - `index.html`: `no-cache` (always revalidated), a strict CSP (no inline script or
 *   style, WebSocket only to this same host), no framing, no referrer.
 * - `/assets/*` (content-hashed names): cached for a year, immutable.
 * - ETag / If-None-Match → 304.
 * Without a build, `GET /` says how to build it. Other paths are left to the next route.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { requestPath, type StaticFile, scanStaticFiles } from "./static-files.js";

/** A `Host` value safe to repeat inside the CSP (host, IPv4/IPv6 literal, port). */
const SAFE_HOST = /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i;

export function contentSecurityPolicy(host: string | undefined): string {
  const sockets = host && SAFE_HOST.test(host) ? ` ws://${host} wss://${host}` : "";
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    `connect-src 'self'${sockets}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

const NOT_BUILT =
  "The tidegate Control UI is not built. Run `make build` in the tidegate checkout, then restart the gateway.\nWebSocket clients connect to this same URL; GET /health answers liveness.\n";

function send(req: IncomingMessage, res: ServerResponse, file: StaticFile): void {
  const isIndex = file.path === "/index.html";
  const headers: Record<string, string | number> = {
    "content-type": file.type,
    etag: file.etag,
    "cache-control": file.path.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
  };
  if (isIndex) {
    headers["content-security-policy"] = contentSecurityPolicy(req.headers.host);
    headers["x-frame-options"] = "DENY";
  }
  if (req.headers["if-none-match"] === file.etag) {
    res.writeHead(304, headers);
    return void res.end();
  }
  headers["content-length"] = file.body.length;
  res.writeHead(200, headers);
  res.end(req.method === "HEAD" ? undefined : file.body);
}

/** The route over the files under `root` (read once, at creation). */
export function controlUiRoute(root: string): ((req: IncomingMessage, res: ServerResponse) => boolean) & { built: boolean } {
  const files = scanStaticFiles(root);
  const built = files.has("/index.html");
  const route = (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    const path = requestPath(req.url);
    if (path === 400) {
      res.writeHead(400, { "content-type": "text/plain; charset=utf-8" });
      res.end("bad request path\n");
      return true;
    }
    if (path === "/" || path === "/index.html") {
      if (built) send(req, res, files.get("/index.html")!);
      else {
        res.writeHead(503, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
        res.end(NOT_BUILT);
      }
      return true;
    }
    const file = files.get(path);
    if (!file) return false;
    send(req, res, file);
    return true;
  };
  return Object.assign(route, { built });
}
