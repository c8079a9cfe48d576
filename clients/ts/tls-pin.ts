/**
 * Certificate pinning for `wss://`: with a pinned SHA-256 fingerprint the
 * client accepts exactly that certificate (self-signed included) and refuses
 * any other before the WebSocket upgrade is answered — no credential is sent
 * before the challenge, and the challenge never arrives over a wrong peer.
 */

import { isIP } from "node:net";
import { type ConnectionOptions, connect, type TLSSocket } from "node:tls";
import { GatewayClientError } from "./client-error.js";

/** `AA:BB:…` (uppercase, colons) from any spelling: colons or not, any case, an optional `sha256:` prefix. Throws on anything that is not 32 bytes of hex. */
export function normalizeFingerprint(text: string): string {
  const hex = text
    .trim()
    .replace(/^sha-?256[:/]/i, "")
    .replace(/[:\s]/g, "")
    .toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex)) throw new GatewayClientError("INVALID_FINGERPRINT", `not a SHA-256 fingerprint: '${text}' (expected 64 hex digits, colons optional)`);
  return hex.match(/../g)!.join(":");
}

/** A `createConnection` for `ws` that checks the peer certificate's SHA-256 fingerprint against `pinned`. */
export function pinnedConnection(pinned: string): (options: ConnectionOptions & { host?: string; path?: string }) => TLSSocket {
  const expected = normalizeFingerprint(pinned);
  return (options) => {
    const socket = connect({ ...options, path: undefined, servername: options.servername ?? (options.host && !isIP(options.host) ? options.host : undefined), rejectUnauthorized: false });
    socket.once("secureConnect", () => {
      const actual = socket.getPeerCertificate().fingerprint256;
      if (actual !== expected) {
        socket.destroy(
          new GatewayClientError(
            "TLS_FINGERPRINT_MISMATCH",
            `the gateway's TLS certificate does not match the pinned fingerprint: expected ${expected}, got ${actual ?? "no certificate"}; if the gateway's certificate changed on purpose, pin the new one (tidegate status shows it)`,
            {
              expected,
              actual,
            },
          ),
        );
      }
    });
    return socket;
  };
}
