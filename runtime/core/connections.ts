/**
 * The open sockets: lookup by id, iteration over those past the handshake,
 * closing every socket of a device, and hooks for what must follow a
 * connection's end (presence, pending node calls).
 */

import { CloseCode } from "./close-codes.js";
import type { Connection } from "./connection.js";

export class Connections {
  private readonly all = new Map<string, Connection>();
  private readonly closeHooks: ((conn: Connection, wasOpen: boolean) => void)[] = [];

  add(conn: Connection): void {
    this.all.set(conn.connId, conn);
  }

  /** Forget a socket that closed and run the close hooks. */
  remove(conn: Connection, wasOpen: boolean): void {
    if (!this.all.delete(conn.connId)) return;
    for (const hook of this.closeHooks) hook(conn, wasOpen);
  }

  /** Run `hook` whenever a socket goes away (`wasOpen`: it had finished the handshake). */
  onClose(hook: (conn: Connection, wasOpen: boolean) => void): void {
    this.closeHooks.push(hook);
  }

  get(connId: string): Connection | undefined {
    return this.all.get(connId);
  }

  /** Every socket, including those still in the handshake. */
  every(): Iterable<Connection> {
    return this.all.values();
  }

  get size(): number {
    return this.all.size;
  }

  /** Connections past the handshake. */
  *open(): Iterable<Connection> {
    for (const conn of this.all.values()) if (conn.phase === "open") yield conn;
  }

  /**
   * Close every open socket of a device (optionally only one role) right after the current
   * response has gone out; returns how many.
   */
  closeDevice(deviceId: string, reason: string, role?: string): number {
    const doomed = [...this.open()].filter((c) => c.deviceId === deviceId && (role === undefined || c.role === role));
    setImmediate(() => doomed.forEach((conn) => conn.close(CloseCode.policy, reason)));
    return doomed.length;
  }

  /** Close every socket (shutdown or restart). */
  closeAll(code: number, reason: string): void {
    for (const conn of [...this.all.values()]) conn.close(code, reason);
  }
}
