/**
 * Event delivery. Broadcast events carry a per-connection `seq`; a frame
 * dropped for a slow consumer still uses its number, so the client sees the
 * gap. A socket whose outbound buffer is over the cap misses droppable events
 * and is closed (1008) for the others; one slow socket never blocks the rest.
 */
import { EVENTS } from "../../generated/ts/registry.js";
import type { EventName, EventPayload, StateVersion } from "../../generated/ts/types.js";
import type { Connection } from "./connection.js";

export const CLOSE_POLICY = 1008;

export interface EventOptions {
  stateVersion?: StateVersion;
}

/** Whether `conn` may receive `event`, by the event's audience. */
export function mayReceive(conn: Connection, event: EventName): boolean {
  if (conn.phase !== "open") return false;
  const audience = EVENTS[event].audience;
  if (audience === "all") return true;
  if (audience === "node") return conn.role === "node";
  return conn.hasScope(audience);
}

/** Serialize an event frame once; `seq` is spliced in per connection. */
function frameText(event: string, payload: unknown, seq: number | undefined, options: EventOptions): string {
  const frame: Record<string, unknown> = { type: "event", event, payload };
  if (seq !== undefined) frame.seq = seq;
  if (options.stateVersion) frame.stateVersion = options.stateVersion;
  return JSON.stringify(frame);
}

export class EventSender {
  /** Events dropped for slow consumers, and sockets closed for them (exposed by `status`/bench). */
  dropped = 0;
  slowClosed = 0;

  constructor(private readonly maxBufferedBytes: number) {}

  /** Send to one connection; `broadcast` events get a `seq`. Returns false when not delivered. */
  send<E extends EventName>(conn: Connection, event: E, payload: EventPayload<E>, options: EventOptions = {}, broadcast = true): boolean {
    const seq = broadcast ? ++conn.seq : undefined;
    if (conn.socket.bufferedAmount > this.maxBufferedBytes) {
      if (EVENTS[event].droppable) {
        this.dropped++;
        return false;
      }
      this.slowClosed++;
      conn.close(CLOSE_POLICY, "slow consumer");
      return false;
    }
    conn.socket.send(frameText(event, payload, seq, options));
    return true;
  }

  /** Send to every connection allowed to receive it. */
  broadcast<E extends EventName>(connections: Iterable<Connection>, event: E, payload: EventPayload<E>, options: EventOptions = {}): number {
    let delivered = 0;
    for (const conn of connections) if (mayReceive(conn, event) && this.send(conn, event, payload, options)) delivered++;
    return delivered;
  }
}
