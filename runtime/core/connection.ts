/** One client socket as the core sees it: no `ws` here, just a way to send text and close. */
import type { ConnectClient, Role, Scope } from "../../generated/ts/types.js";

/** What a transport adapter provides for one socket. */
export interface SocketPort {
  send(text: string): void;
  close(code: number, reason: string): void;
  /** Bytes queued for sending and not yet written to the OS. */
  readonly bufferedAmount: number;
}

/** Facts about the peer, gathered by the transport before the upgrade. */
export interface PeerInfo {
  remoteAddress: string;
  /** Browser `Origin` header, when sent (including the literal `null`). */
  origin?: string;
  /** True when the request carried forwarding headers from a peer we do not trust. */
  forwarded: boolean;
  userAgent?: string;
}

export type ConnectionPhase = "handshake" | "open" | "closed";

export class Connection {
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

  constructor(
    readonly connId: string,
    readonly nonce: string,
    readonly socket: SocketPort,
    readonly peer: PeerInfo,
  ) {}

  /** Loopback peer, no untrusted forwarding headers, no browser origin. */
  get isLocal(): boolean {
    const a = this.peer.remoteAddress;
    const loopback = a === "::1" || a.startsWith("127.") || a.startsWith("::ffff:127.");
    return loopback && !this.peer.forwarded && this.peer.origin === undefined;
  }

  hasScope(scope: Scope): boolean {
    if (this.role !== "operator") return false;
    if (this.scopes.includes("operator.admin") || this.scopes.includes(scope)) return true;
    return scope === "operator.read" && this.scopes.includes("operator.write");
  }

  close(code: number, reason: string): void {
    if (this.phase === "closed") return;
    this.phase = "closed";
    clearTimeout(this.handshakeTimer);
    this.socket.close(code, reason);
  }
}
