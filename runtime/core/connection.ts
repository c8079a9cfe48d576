/** One client socket as the core sees it: no `ws` here, just a way to send text and close. */

import { isLoopbackAddress } from "../../common/loopback.js";
import { SCOPE_IMPLIES } from "../../generated/ts/registry.js";
import type { ConnectClient, Role, Scope } from "../../generated/ts/types.js";
import type { Caller } from "./call-context.js";

/** What a transport adapter provides for one socket. */
export interface SocketPort {
  send(text: string): void;
  /** Send a text frame already encoded as UTF-8 (large answers built in one buffer without an intermediate string). */
  sendUtf8?(bytes: Buffer): void;
  close(code: number, reason: string): void;
  /** Bytes queued for sending and not yet written to the OS. */
  readonly bufferedAmount: number;
  /** False once the socket is closing or closed (a closing socket must not be given new work). */
  readonly isOpen?: boolean;
  /** The handshake succeeded: the transport lifts its pre-authentication limits. */
  authenticated?(): void;
}

/** Facts about the peer, gathered by the transport before the upgrade. */
export interface PeerInfo {
  remoteAddress: string;
  /** Browser `Origin` header, when sent (including the literal `null`). */
  origin?: string;
  /** True when the request carried forwarding headers from a peer we do not trust. */
  forwarded: boolean;
  /**
   * True when the `Host` header names this machine (localhost, a loopback address, or a
   * configured allowed host): a DNS-rebinding page reaches a loopback socket under its own name.
   */
  loopbackHost?: boolean;
  userAgent?: string;
}

export type ConnectionPhase = "handshake" | "open" | "closed";

/** One socket: its handshake phase, what the client declared, and what the gateway granted. */
export class Connection implements Caller {
  phase: ConnectionPhase = "handshake";
  /** Broadcast sequence number of the last event assigned to this connection. */
  seq = 0;
  role: Role = "operator";
  scopes: Scope[] = [];
  deviceId?: string;
  client?: ConnectClient;
  caps: string[] = [];
  commands: string[] = [];
  permissions?: Record<string, boolean>;
  pathEnv?: string;
  connectedAtMs = 0;
  handshakeTimer?: NodeJS.Timeout;
  invalidFrames: number[] = [];
  private readonly ended = new AbortController();
  /** Aborted when the socket closes. */
  readonly signal = this.ended.signal;

  constructor(
    readonly connId: string,
    readonly nonce: string,
    readonly socket: SocketPort,
    readonly peer: PeerInfo,
  ) {}

  /** Loopback peer, loopback (or allowed) `Host`, no untrusted forwarding headers, no browser origin. */
  get isLocal(): boolean {
    return isLoopbackAddress(this.peer.remoteAddress) && this.peer.loopbackHost === true && !this.peer.forwarded && this.peer.origin === undefined;
  }

  /**
   * The client address as v3 reports it (presence, node list, pairing requests): none for a local
   * client, a loopback peer or one behind untrusted forwarding headers.
   */
  get reportedIp(): string | undefined {
    if (this.isLocal || this.peer.forwarded || isLoopbackAddress(this.peer.remoteAddress)) return undefined;
    return this.peer.remoteAddress;
  }

  hasScope(scope: Scope): boolean {
    if (this.role !== "operator") return false;
    return this.scopes.some((held) => held === scope || (SCOPE_IMPLIES as Record<string, readonly string[]>)[held]?.includes(scope));
  }

  close(code: number, reason: string): void {
    if (this.phase === "closed") return;
    this.markClosed();
    this.socket.close(code, reason);
  }

  /** The socket is gone (closed by us or by the peer): stop timers, abort running calls. */
  markClosed(): void {
    this.phase = "closed";
    clearTimeout(this.handshakeTimer);
    this.ended.abort();
  }
}
