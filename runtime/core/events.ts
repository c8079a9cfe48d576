/**
 * Event delivery. Broadcast events carry a per-connection `seq`; a frame
 * dropped for a slow consumer still uses its number, so the client sees the
 * gap. A socket whose outbound buffer is over the cap misses droppable events
 * and is closed (1008) for the others; one slow socket never blocks the rest.
 */
import { EVENTS } from "../../generated/ts/registry.js";
import type { EventName, EventPayload, StateVersion } from "../../generated/ts/types.js";
import { CloseCode } from "./close-codes.js";
import type { Connection } from "./connection.js";

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

/** An event frame serialized once, with the per-connection `seq` spliced in. */
class FrameText {
  private readonly head: string;
  private readonly tail: string;

  constructor(event: string, payload: unknown, options: EventOptions) {
    this.head = `{"type":"event","event":${JSON.stringify(event)},"payload":${JSON.stringify(payload) ?? "null"}`;
    this.tail = options.stateVersion ? `,"stateVersion":${JSON.stringify(options.stateVersion)}}` : "}";
  }

  withSeq(seq: number | undefined): string {
    return seq === undefined ? this.head + this.tail : `${this.head},"seq":${seq}${this.tail}`;
  }
}

export class EventSender {
  /** Events dropped for slow consumers, and sockets closed for them (exposed by `status`/bench). */
  dropped = 0;
  slowClosed = 0;

  constructor(private readonly maxBufferedBytes: number) {}

  /** Send to one connection; `broadcast` events get a `seq`. Returns false when not delivered. */
  send<E extends EventName>(conn: Connection, event: E, payload: EventPayload<E>, options: EventOptions = {}, broadcast = true): boolean {
    return this.deliver(conn, event, new FrameText(event, payload, options), broadcast);
  }

  private deliver(conn: Connection, event: EventName, text: FrameText, broadcast: boolean): boolean {
    const seq = broadcast ? ++conn.seq : undefined;
    if (conn.socket.bufferedAmount > this.maxBufferedBytes) {
      if (EVENTS[event].droppable) {
        this.dropped++;
        return false;
      }
      this.slowClosed++;
      conn.close(CloseCode.policy, "slow consumer");
      return false;
    }
    conn.socket.send(text.withSeq(seq));
    return true;
  }

  /** Send to every connection allowed to receive it. */
  broadcast<E extends EventName>(connections: Iterable<Connection>, event: E, payload: EventPayload<E>, options: EventOptions = {}): number {
    const text = new FrameText(event, payload, options);
    let delivered = 0;
    for (const conn of connections) if (mayReceive(conn, event) && this.deliver(conn, event, text, true)) delivered++;
    return delivered;
  }
}

/** Events as handlers and services send them: to everyone allowed, or to one connection. */
export class EventBus {
  readonly sender: EventSender;

  constructor(
    private readonly connections: { every(): Iterable<Connection> },
    maxBufferedBytes: number,
  ) {
    this.sender = new EventSender(maxBufferedBytes);
  }

  /** Send to every connection the event's audience allows; returns how many got it. */
  broadcast<E extends EventName>(event: E, payload: EventPayload<E>, options: EventOptions = {}): number {
    return this.sender.broadcast(this.connections.every(), event, payload, options);
  }

  /** Send to one connection only (a targeted event: no `seq`). */
  sendTo<E extends EventName>(conn: Connection, event: E, payload: EventPayload<E>): boolean {
    return this.sender.send(conn, event, payload, {}, false);
  }
}
