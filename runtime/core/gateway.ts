/**
 * The gateway core: connections, handshake, dispatch, presence, health and
 * events. Transport-agnostic: adapters hand it a `SocketPort` per socket and
 * feed it messages; nothing here imports `ws` or `http`.
 */
import { randomUUID } from "node:crypto";
import { arch, hostname, networkInterfaces, type } from "node:os";
import { EVENT_NAMES, METHOD_NAMES, PROTOCOL_VERSION } from "../../generated/ts/registry.js";
import type { EventName, EventPayload, HealthSnapshot, HelloOk, PresenceEntry, StateVersion } from "../../generated/ts/types.js";
import { validate } from "../../generated/ts/validators.js";
import { AuthRateLimiter } from "../auth/rate-limiter.js";
import type { GatewaySettings } from "../config/settings.js";
import { GatewayError } from "../errors.js";
import type { Logger } from "../log.js";
import type { DeviceStore } from "../state/device-store.js";
import { Connection, type PeerInfo, type SocketPort } from "./connection.js";
import { dispatch, sendError, sendResult } from "./dispatch.js";
import { EventSender } from "./events.js";
import { admit, HandshakeError } from "./handshake.js";
import { IdempotencyCache } from "./idempotency.js";
import { NodeInvocations } from "./node-invocations.js";

export const CLOSE_TOO_BIG = 1009;
export const CLOSE_UNSUPPORTED = 1003;
export const CLOSE_POLICY = 1008;
export const CLOSE_RESTART = 1012;

export interface GatewayOptions {
  settings: GatewaySettings;
  devices: DeviceStore;
  version: string;
  stateDir: string;
  configPath: string;
  log: Logger;
  now?: () => number;
}

/** What the transport calls for one socket. */
export interface SocketHandler {
  message(data: Buffer, isBinary: boolean): void;
  closed(): void;
}

const FLOOD_WINDOW_MS = 10_000;
const FLOOD_MAX_INVALID = 20;

export class Gateway {
  readonly protocolVersion = PROTOCOL_VERSION;
  readonly connections = new Map<string, Connection>();
  readonly events: EventSender;
  readonly limiter = new AuthRateLimiter();
  readonly idempotency = new IdempotencyCache();
  readonly invocations = new NodeInvocations();
  readonly settings: GatewaySettings;
  readonly devices: DeviceStore;
  readonly log: Logger;
  readonly now: () => number;
  readonly stateVersion: StateVersion = { presence: 1, health: 1 };
  readonly startedAt: number;
  private readonly timers: NodeJS.Timeout[] = [];
  private health: HealthSnapshot;

  constructor(readonly options: GatewayOptions) {
    this.settings = options.settings;
    this.devices = options.devices;
    this.log = options.log;
    this.now = options.now ?? Date.now;
    this.startedAt = this.now();
    this.events = new EventSender(this.settings.maxBufferedBytes);
    this.health = this.takeHealth();
  }

  /** Start periodic `tick` and `health` events. */
  start(): void {
    this.timers.push(setInterval(() => this.broadcast("tick", { ts: this.now() }), this.settings.tickIntervalMs).unref());
    this.timers.push(
      setInterval(() => {
        this.health = this.takeHealth();
        this.stateVersion.health++;
        this.broadcast("health", this.health, { stateVersion: { ...this.stateVersion } });
      }, this.settings.healthIntervalMs).unref(),
    );
  }

  /** A new socket: send the challenge and arm the handshake timeout. */
  open(socket: SocketPort, peer: PeerInfo): SocketHandler {
    const conn = new Connection(randomUUID(), randomUUID(), socket, peer);
    this.connections.set(conn.connId, conn);
    socket.send(JSON.stringify({ type: "event", event: "connect.challenge", payload: { nonce: conn.nonce, ts: this.now() } }));
    conn.handshakeTimer = setTimeout(() => conn.close(CLOSE_POLICY, "handshake timeout"), this.settings.handshakeTimeoutMs);
    return {
      message: (data, isBinary) => this.onMessage(conn, data, isBinary),
      closed: () => this.onClosed(conn),
    };
  }

  private onMessage(conn: Connection, data: Buffer, isBinary: boolean): void {
    if (conn.phase === "closed") return;
    if (isBinary) return conn.close(CLOSE_UNSUPPORTED, "binary frames are not supported");
    if (conn.phase === "handshake") {
      if (data.byteLength > this.settings.preAuthMaxPayload) return conn.close(CLOSE_TOO_BIG, "frame too large before authentication");
      return this.onConnect(conn, data.toString("utf8"));
    }
    const text = data.toString("utf8");
    let frame: unknown;
    try {
      frame = JSON.parse(text);
    } catch {
      return this.invalidFrame(conn, undefined, "frame is not valid JSON");
    }
    void dispatch(this, conn, frame);
  }

  /** Count an invalid frame; answer when an id is known; close on a flood. */
  invalidFrame(conn: Connection, id: string | undefined, message: string): void {
    const now = performance.now();
    conn.invalidFrames = conn.invalidFrames.filter((t) => now - t < FLOOD_WINDOW_MS);
    conn.invalidFrames.push(now);
    if (conn.invalidFrames.length > FLOOD_MAX_INVALID) return conn.close(CLOSE_POLICY, "too many invalid frames");
    if (id !== undefined) sendError(conn, id, new GatewayError("INVALID_REQUEST", message, { code: "INVALID_FRAME" }));
  }

  private onConnect(conn: Connection, text: string): void {
    let frame: { type?: unknown; id?: unknown; method?: unknown; params?: unknown } | undefined;
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) frame = parsed as typeof frame;
    } catch {
      // falls through: not a connect request
    }
    const id = typeof frame?.id === "string" && frame.id.length <= 256 ? frame.id : undefined;
    if (!frame || frame.type !== "req" || frame.method !== "connect" || id === undefined) {
      if (id !== undefined) sendError(conn, id, new GatewayError("INVALID_REQUEST", "the first request must be `connect`", { code: "HANDSHAKE_REQUIRED" }));
      return conn.close(CLOSE_POLICY, "first frame must be a connect request");
    }
    const checked = validate("RequestFrame", frame);
    const params = checked.ok ? validate("ConnectParams", frame.params ?? {}) : checked;
    if (!params.ok) {
      sendError(conn, id, new GatewayError("INVALID_REQUEST", `invalid connect params: ${params.message}`, { code: "INVALID_PARAMS" }));
      return conn.close(CLOSE_POLICY, "invalid connect params");
    }
    let admission;
    try {
      admission = admit(this, conn, params.value);
    } catch (error) {
      const failure = error instanceof HandshakeError ? error : new HandshakeError(GatewayError.from(error));
      this.log.info("connect refused", { conn: conn.connId, ip: conn.peer.remoteAddress, reason: failure.details.code });
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
      connectedAtMs: this.now(),
    });
    this.stateVersion.presence++;
    const hello: HelloOk = {
      type: "hello-ok",
      protocol: this.protocolVersion,
      server: { version: this.options.version, connId: conn.connId, host: hostname() },
      features: { methods: [...METHOD_NAMES], events: [...EVENT_NAMES] },
      snapshot: {
        presence: this.presence(),
        health: this.health,
        stateVersion: { ...this.stateVersion },
        uptimeMs: this.now() - this.startedAt,
        configPath: this.options.configPath,
        stateDir: this.options.stateDir,
        sessionDefaults: { defaultAgentId: "main", mainKey: "main", mainSessionKey: "agent:main:main", scope: "per-sender" },
        authMode: this.settings.auth.mode,
      },
      policy: { maxPayload: this.settings.maxPayload, maxBufferedBytes: this.settings.maxBufferedBytes, tickIntervalMs: this.settings.tickIntervalMs },
    };
    if (admission.auth) hello.auth = admission.auth;
    sendResult(conn, id, hello);
    this.log.info("connected", { conn: conn.connId, role: conn.role, client: p.client.id, device: conn.deviceId?.slice(0, 12) });
    this.broadcastPresence(conn);
  }

  private onClosed(conn: Connection): void {
    const wasOpen = conn.phase === "open";
    conn.phase = "closed";
    clearTimeout(conn.handshakeTimer);
    this.connections.delete(conn.connId);
    this.invocations.disconnected(conn.connId);
    if (wasOpen) {
      this.stateVersion.presence++;
      this.broadcastPresence();
    }
  }

  private broadcastPresence(except?: Connection): void {
    const open = [...this.connections.values()].filter((c) => c !== except);
    this.events.broadcast(open, "presence", { presence: this.presence() }, { stateVersion: { ...this.stateVersion } });
  }

  /** Send an event to every connection allowed to receive it. */
  broadcast<E extends EventName>(event: E, payload: EventPayload<E>, options: { stateVersion?: StateVersion } = {}): number {
    return this.events.broadcast(this.connections.values(), event, payload, options);
  }

  /** Open connections. */
  *openConnections(): Iterable<Connection> {
    for (const conn of this.connections.values()) if (conn.phase === "open") yield conn;
  }

  /**
   * Close every open socket of a device (optionally only one role) right after the current
   * response has gone out; returns how many.
   */
  closeDevice(deviceId: string, reason: string, role?: string): number {
    const doomed = [...this.openConnections()].filter((c) => c.deviceId === deviceId && (role === undefined || c.role === role));
    setImmediate(() => doomed.forEach((conn) => conn.close(CLOSE_POLICY, reason)));
    return doomed.length;
  }

  presence(): PresenceEntry[] {
    const ip = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === "IPv4" && !i.internal)?.address;
    const self: PresenceEntry = {
      host: hostname(),
      ...(ip ? { ip } : {}),
      version: this.options.version,
      platform: `${process.platform} ${process.arch}`,
      deviceFamily: type(),
      modelIdentifier: arch(),
      mode: "gateway",
      reason: "self",
      text: `Gateway: ${hostname()} · tidegate ${this.options.version}`,
      ts: this.startedAt,
    };
    const entries = [...this.openConnections()].map((c): PresenceEntry => {
      const name = c.client?.displayName ?? c.client?.id ?? "client";
      const entry: PresenceEntry = {
        host: name,
        ip: c.peer.remoteAddress,
        version: c.client?.version,
        platform: c.client?.platform,
        deviceFamily: c.client?.deviceFamily,
        modelIdentifier: c.client?.modelIdentifier,
        mode: c.client?.mode,
        reason: "connect",
        ts: c.connectedAtMs,
        deviceId: c.deviceId,
        roles: [c.role],
        scopes: c.scopes.length ? [...c.scopes] : undefined,
        instanceId: c.client?.instanceId,
        text: `${c.role === "node" ? "Node" : "Client"}: ${name} · mode ${c.client?.mode}`,
      };
      return JSON.parse(JSON.stringify(entry)) as PresenceEntry;
    });
    return [self, ...entries];
  }

  private takeHealth(): HealthSnapshot {
    const started = performance.now();
    return { ok: true, ts: this.now(), durationMs: Math.round(performance.now() - started), channels: {}, channelOrder: [], channelLabels: {}, defaultAgentId: "main", agents: [] };
  }

  currentHealth(): HealthSnapshot {
    return this.health;
  }

  /** Tell clients, close every socket with 1012, stop timers. */
  shutdown(reason: string, restartExpectedMs?: number): void {
    for (const timer of this.timers) clearInterval(timer);
    this.broadcast("shutdown", restartExpectedMs === undefined ? { reason } : { reason, restartExpectedMs });
    this.invocations.cancelAll();
    for (const conn of [...this.connections.values()]) conn.close(CLOSE_RESTART, "gateway shutting down");
  }
}
