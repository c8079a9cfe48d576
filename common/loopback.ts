/** Addresses only this machine can reach. */

/** True for a loopback peer address (IPv4, IPv6, or IPv4-mapped IPv6). */
export function isLoopbackAddress(address: string): boolean {
  return address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
}

/** True for a listen host only this machine can reach (`localhost` included). */
export function isLoopbackHost(host: string): boolean {
  return host === "localhost" || isLoopbackAddress(host);
}
