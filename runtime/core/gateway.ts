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
import { CloseCode } from "./close-codes.js";
import { Connection, type PeerInfo, type SocketPort } from "./connection.js";
import { dispatch, sendError, sendResult } from "./dispatch.js";
import { EventSender } from "./events.js";
import { admit, HandshakeError } from "./handshake.js";
import { IdempotencyCache } from "./idempotency.js";
import { NodeInvocations } from "./node-invocations.js";

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
/** Presence changes within this window go out as one `presence` event. */
const PRESENCE_COALESCE_MS = 50;
/** Short-lived tools are not presence (as in v3: a CLI call does not show up as connected). */
const TRANSIENT_MODES = new Set(["cli", "probe"]);
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
  private presenceTimer?: NodeJS.Timeout;
  private health: HealthSnapshot;
  /** The gateway's own presence entry (computed once: host facts do not change while it runs). */
  private readonly self: PresenceEntry;

  constructor(readonly options: GatewayOptions) {
    this.settings = options.settings;
    this.devices = options.devices;
    this.log = options.log;
    this.now = options.now ?? Date.now;
    this.startedAt = this.now();
    this.events = new EventSender(this.settings.maxBufferedBytes);
    this.health = this.takeHealth();
    this.self = this.selfPresence();
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
    conn.handshakeTimer = setTimeout(() => conn.close(CloseCode.policy, "handshake timeout"), this.settings.handshakeTimeoutMs);
    return {
      message: (data, isBinary) => this.onMessage(conn, data, isBinary),
      closed: () => this.onClosed(conn),
    };
  }

  private onMessage(conn: Connection, data: Buffer, isBinary: boolean): void {
    if (conn.phase === "closed") return;
    if (isBinary) return conn.close(CloseCode.unsupported, "binary frames are not supported");
    if (conn.phase === "handshake") {
      if (data.byteLength > this.settings.preAuthMaxPayload) return conn.close(CloseCode.tooBig, "frame too large before authentication");
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
    if (conn.invalidFrames.length > FLOOD_MAX_INVALID) return conn.close(CloseCode.policy, "too many invalid frames");
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
      return conn.close(CloseCode.policy, "first frame must be a connect request");
    }
    const checked = validate("RequestFrame", frame);
    const params = checked.ok ? validate("ConnectParams", frame.params ?? {}) : checked;
    if (!params.ok) {
      sendError(conn, id, new GatewayError("INVALID_REQUEST", `invalid connect params: ${params.message}`, { code: "INVALID_PARAMS" }));
      return conn.close(CloseCode.policy, "invalid connect params");
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
    if (this.listedInPresence(conn)) this.stateVersion.presence++;
    const hello: HelloOk = {
      type: "hello-ok",
      protocol: this.protocolVersion,
      server: { version: this.options.version, connId: conn.connId, host: this.self.host },
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
    if (this.log.debugEnabled) this.log.debug("connected", { conn: conn.connId, role: conn.role, client: p.client.id, device: conn.deviceId?.slice(0, 12) });
    if (this.listedInPresence(conn)) this.presenceChanged();
  }

  private onClosed(conn: Connection): void {
    const wasOpen = conn.phase === "open";
    conn.phase = "closed";
    clearTimeout(conn.handshakeTimer);
    this.connections.delete(conn.connId);
    this.invocations.disconnected(conn.connId);
    if (wasOpen && this.listedInPresence(conn)) {
      this.stateVersion.presence++;
      this.presenceChanged();
    }
  }

  private listedInPresence(conn: Connection): boolean {
    return conn.role === "node" || !TRANSIENT_MODES.has(conn.client?.mode ?? "");
  }

  /** Broadcast presence once for every burst of changes (connects and disconnects come in crowds). */
  private presenceChanged(): void {
    if (this.presenceTimer) return;
    this.presenceTimer = setTimeout(() => {
      this.presenceTimer = undefined;
      this.broadcast("presence", { presence: this.presence() }, { stateVersion: { ...this.stateVersion } });
    }, PRESENCE_COALESCE_MS);
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
    setImmediate(() => doomed.forEach((conn) => conn.close(CloseCode.policy, reason)));
    return doomed.length;
  }


  private selfPresence(): PresenceEntry {
    const ip = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === "IPv4" && !i.internal)?.address;
    return {
      host: hostname(),
      ...(ip ? { ip } : {}),
      version: this.options.version,
      platform: `${process.platform} ${process.arch}`,
      deviceFamily: type(),
      modelIdentifier: arch(),
      mode: "gateway",
      reason: "self",
      text: `Gateway: ${hostname()} · tidegate ${this.options.version}`,
      ts: this.options.now?.() ?? Date.now(),
    };
  }

  presence(): PresenceEntry[] {
    const self = this.self;
    const entries = [...this.openConnections()].filter((c) => this.listedInPresence(c)).map((c): PresenceEntry => {
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
    clearTimeout(this.presenceTimer);
    this.broadcast("shutdown", restartExpectedMs === undefined ? { reason } : { reason, restartExpectedMs });
    this.invocations.cancelAll();
    for (const conn of [...this.connections.values()]) conn.close(CloseCode.restart, "gateway shutting down");
  }
}
