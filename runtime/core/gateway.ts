/**
 * The socket lifecycle of the protocol, transport-agnostic: challenge on
 * open, handshake timeout, the `connect` request and `hello-ok`, then every
 * frame to the router it was given; `tick` events; shutdown. It knows no
 * method family: the composition root hands it a router, the handshake's
 * dependencies and a snapshot source. Nothing here imports `ws` or `http`.
 */
import { randomUUID } from "node:crypto";
import { EVENT_NAMES, METHOD_NAMES, PROTOCOL_VERSION } from "../../generated/ts/registry.js";
import type { HelloOk, Snapshot } from "../../generated/ts/types.js";
import { validate } from "../../generated/ts/validators.js";
import type { GatewaySettings } from "../config/settings.js";
import { GatewayError } from "../errors.js";
import type { Logger } from "../log.js";
import { LogSampler } from "../log-sampler.js";
import { CloseCode } from "./close-codes.js";
import { Connection, type PeerInfo, type SocketPort } from "./connection.js";
import type { Connections } from "./connections.js";
import type { EventBus } from "./events.js";
import { admit, type HandshakeDeps, HandshakeError } from "./handshake.js";
import { invalidFrame, type Router, requestId, sendError, sendResult } from "./router.js";

export interface GatewayOptions {
  settings: GatewaySettings;
  log: Logger;
  now(): number;
  connections: Connections;
  events: EventBus;
  router: Router;
  handshake: HandshakeDeps;
  /** `hello-ok.server` facts besides the connection id. */
  server: { version: string; host?: string; tlsFingerprint?: string };
  /** The state a client starts with (`hello-ok.snapshot`). */
  snapshot(): Snapshot;
  /** Called once a connection is admitted, just before its `hello-ok` is built. */
  joined?(conn: Connection): void;
  /** Called with the details.code of every refused `connect` (metrics). */
  refused?(reason: string): void;
}

/** What the transport calls for one socket. */
export interface SocketHandler {
  message(data: Buffer, isBinary: boolean): void;
  closed(): void;
}

export class Gateway {
  private tickTimer?: NodeJS.Timeout;
  /** Refused connects are logged at a bounded rate: an unauthenticated client must not grow the log. */
  private readonly refusedLog = new LogSampler();

  constructor(private readonly options: GatewayOptions) {}

  /** Start periodic `tick` events. */
  start(): void {
    const { events, now, settings } = this.options;
    clearInterval(this.tickTimer);
    this.tickTimer = setInterval(() => events.broadcast("tick", { ts: now() }), settings.tickIntervalMs).unref();
  }

  /** A new socket: send the challenge and arm the handshake timeout. */
  open(socket: SocketPort, peer: PeerInfo): SocketHandler {
    const conn = new Connection(randomUUID(), randomUUID(), socket, peer);
    this.options.connections.add(conn);
    socket.send(JSON.stringify({ type: "event", event: "connect.challenge", payload: { nonce: conn.nonce, ts: this.options.now() } }));
    conn.handshakeTimer = setTimeout(() => conn.close(CloseCode.policy, "handshake timeout"), this.options.settings.handshakeTimeoutMs);
    return {
      message: (data, isBinary) => this.onMessage(conn, data, isBinary),
      closed: () => this.onClosed(conn),
    };
  }

  private onMessage(conn: Connection, data: Buffer, isBinary: boolean): void {
    if (conn.phase === "closed") return;
    if (isBinary) return conn.close(CloseCode.unsupported, "binary frames are not supported");
    if (conn.phase === "handshake") {
      if (data.byteLength > this.options.settings.preAuthMaxPayload) return conn.close(CloseCode.tooBig, "frame too large before authentication");
      return this.onConnect(conn, data.toString("utf8"));
    }
    let frame: unknown;
    try {
      frame = JSON.parse(data.toString("utf8"));
    } catch {
      return invalidFrame(conn, undefined, "frame is not valid JSON");
    }
    void this.options.router(conn, frame);
  }

  private onConnect(conn: Connection, text: string): void {
    let frame: { type?: unknown; method?: unknown; params?: unknown } | undefined;
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) frame = parsed as typeof frame;
    } catch {
      // falls through: not a connect request
    }
    const id = requestId(frame);
    if (!frame || frame.type !== "req" || frame.method !== "connect" || id === undefined) {
      if (id !== undefined) sendError(conn, id, new GatewayError("HANDSHAKE_REQUIRED", "the first request must be `connect`"));
      return conn.close(CloseCode.policy, "first frame must be a connect request");
    }
    const checked = validate("RequestFrame", frame);
    const params = checked.ok ? validate("ConnectParams", frame.params ?? {}) : checked;
    if (!params.ok) {
      sendError(conn, id, new GatewayError("INVALID_PARAMS", `invalid connect params: ${params.message}`));
      return conn.close(CloseCode.policy, "invalid connect params");
    }
    let admission;
    try {
      admission = admit(this.options.handshake, conn, params.value);
    } catch (error) {
      const failure = HandshakeError.of(error);
      this.refusedLog.sample(
        () => this.options.log.info("connect refused", { conn: conn.connId, ip: conn.peer.remoteAddress, reason: failure.details.code }),
        (suppressed) => this.options.log.info("connect refused: more lines suppressed", { suppressed }),
      );
      this.options.refused?.(failure.details.code);
      sendError(conn, id, failure);
      return conn.close(failure.closeCode, failure.message.slice(0, 120));
    }
    if (conn.phase === "closed") return;
    clearTimeout(conn.handshakeTimer);
    const p = params.value;
    Object.assign(conn, {
      phase: "open",
      role: admission.role,
      scopes: admission.scopes,
      deviceId: admission.deviceId,
      client: p.client,
      caps: [...new Set(p.caps ?? [])].sort(),
      commands: [...new Set(p.commands ?? [])].sort(),
      permissions: p.permissions,
      pathEnv: p.pathEnv,
      connectedAtMs: this.options.now(),
    });
    conn.socket.authenticated?.();
    this.options.joined?.(conn);
    const { settings, server } = this.options;
    const hello: HelloOk = {
      type: "hello-ok",
      protocol: PROTOCOL_VERSION,
      server: { version: server.version, connId: conn.connId, ...(server.host ? { host: server.host } : {}), ...(server.tlsFingerprint ? { tlsFingerprint: server.tlsFingerprint } : {}) },
      features: { methods: [...METHOD_NAMES], events: [...EVENT_NAMES] },
      snapshot: this.options.snapshot(),
      policy: { maxPayload: settings.maxPayload, maxBufferedBytes: settings.maxBufferedBytes, tickIntervalMs: settings.tickIntervalMs },
    };
    if (admission.auth) hello.auth = admission.auth;
    sendResult(conn, id, hello);
    if (this.options.log.debugEnabled) this.options.log.debug("connected", { conn: conn.connId, role: conn.role, client: p.client.id, device: conn.deviceId?.slice(0, 12) });
  }

  private onClosed(conn: Connection): void {
    const wasOpen = conn.phase === "open";
    conn.markClosed();
    this.options.connections.remove(conn, wasOpen);
  }

  /** Tell clients, stop ticks, close every socket with 1012. */
  shutdown(reason: string, restartExpectedMs?: number): void {
    clearInterval(this.tickTimer);
    this.options.events.broadcast("shutdown", restartExpectedMs === undefined ? { reason } : { reason, restartExpectedMs });
    this.options.connections.closeAll(CloseCode.restart, "gateway shutting down");
  }
}
