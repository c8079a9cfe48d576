/**
 * DNS-rebinding defence: a page on `evil.example` can resolve its own name to
 * 127.0.0.1 and reach the gateway over loopback, but its requests still carry
 * `Host: evil.example[:port]`. Only a `Host` naming this machine counts as local.
 */
import { isIPv4 } from "node:net";

/** The host part of a `Host` header value, lowercased, without port or IPv6 brackets. */
export function hostName(header: string): string {
  const value = header.trim().toLowerCase();
  if (value.startsWith("[")) {
    const end = value.indexOf("]");
    return end < 0 ? value : value.slice(1, end);
  }
  const colon = value.indexOf(":");
  // One colon: `name:port`. More: a bare IPv6 literal (not valid in Host, kept as is so it never matches by accident).
  return colon >= 0 && value.indexOf(":", colon + 1) < 0 ? value.slice(0, colon) : value;
}

/**
 * True when `header` names this machine: `localhost`, a 127.x.x.x address, `::1`, or one of
 * `allowed` (compared with and without the port). An absent header counts as local: every
 * browser sends one, so its absence means a non-browser client, which DNS rebinding cannot drive.
 */
export function isLoopbackHostHeader(header: string | undefined, allowed: readonly string[] = []): boolean {
  if (header === undefined) return true;
  const name = hostName(header);
  if (name === "localhost" || name === "::1" || (isIPv4(name) && name.startsWith("127."))) return true;
  const full = header.trim().toLowerCase();
  return allowed.includes(full) || allowed.includes(name);
}
