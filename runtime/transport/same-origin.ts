/**
 * Same-origin browsers: a page the gateway served itself (the Control UI) opens
 * its WebSocket with `Origin` equal to the gateway's own scheme://host:port. It
 * is allowed without listing it in `gateway.allowedOrigins` when the Origin names
 * exactly the `Host` the request was sent to, on the port the socket arrived on,
 * and that host cannot be DNS-rebound: an IP literal, `localhost`, or one of
 * `gateway.allowedHosts`. (A page on `evil.example` rebinding its name to us
 * sends `Origin: http://evil.example:PORT`; that name is in no list.)
 */
import { isIP } from "node:net";
import { hostName } from "./host-header.js";

export function isSameOrigin(origin: string, hostHeader: string | undefined, localPort: number | undefined, allowedHosts: readonly string[] = []): boolean {
  if (!hostHeader || localPort === undefined) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.origin !== origin) return false;
  const host = hostHeader.trim().toLowerCase();
  if (url.host !== host) return false;
  const port = url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
  if (port !== localPort) return false;
  const name = hostName(host);
  return name === "localhost" || isIP(name) !== 0 || allowedHosts.includes(host) || allowedHosts.includes(name);
}
