/**
 * What the protocol client needs from its platform, injected so the same
 * protocol logic runs in Node (`ws`, node:crypto, files) and in a browser
 * (WebSocket, WebCrypto, IndexedDB).
 */
import type { HelloAuth, Role } from "../../generated/ts/types.js";

/** One open (or opening) socket, as the protocol client drives it. */
export interface ClientSocket {
  send(text: string): void;
  /** Close with a close frame. */
  close(code?: number, reason?: string): void;
  /** Drop at once, without a close handshake. */
  terminate(): void;
  readonly isOpen: boolean;
  readonly isClosed: boolean;
}

/** What a socket reports back; `close` is reported exactly once. */
export interface SocketHandlers {
  message(text: string): void;
  close(code: number, reason: string): void;
  error(error: Error): void;
}

/** Open a socket to `url`; the platform's adapter (ws in Node, WebSocket in a browser). */
export type OpenSocket = (url: string, handlers: SocketHandlers, options: { handshakeTimeoutMs: number }) => ClientSocket;

/** An Ed25519 device identity: its id (SHA-256 of the raw public key, hex), the raw key (base64url), and a signer. */
export interface DeviceSigner {
  readonly deviceId: string;
  readonly publicKey: string;
  /** Signature over the UTF-8 bytes of `text`, base64url. */
  sign(text: string): string | Promise<string>;
}

/** Device tokens the gateway issued, by gateway URL and role (read synchronously; kept however the platform likes). */
export interface DeviceTokens {
  get(url: string, role: Role): HelloAuth | undefined;
  set(url: string, auth: HelloAuth): void;
  delete(url: string, role: Role): void;
}

/** Device tokens in memory only. */
export class MemoryDeviceTokens implements DeviceTokens {
  protected tokens: Record<string, Partial<Record<Role, HelloAuth>>> = {};

  get(url: string, role: Role): HelloAuth | undefined {
    return this.tokens[url]?.[role];
  }

  set(url: string, auth: HelloAuth): void {
    this.tokens[url] = { ...this.tokens[url], [auth.role]: auth };
  }

  delete(url: string, role: Role): void {
    delete this.tokens[url]?.[role];
  }
}
