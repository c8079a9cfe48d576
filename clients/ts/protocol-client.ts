/**
 * The gateway protocol client, platform-free: handshake with a device identity,
 * typed calls and events, reconnects with jittered backoff, gap detection,
 * a tick watchdog, and no silent replay of calls after a reconnect. The socket,
 * the device identity and the token store are injected (`client-transport.ts`):
 * `GatewayClient` (Node, `ws`) and `clients/browser` (WebSocket, WebCrypto) supply them.
 */

import { isLoopbackHost } from "../../common/loopback.js";
import { signedStringV3 } from "../../common/signed-string.js";
import { type CallOptions, TypedClient } from "../../generated/ts/client.js";
import { CLOSE_CODES, METHODS, PRODUCT_VERSION, PROTOCOL_RANGE } from "../../generated/ts/registry.js";
import type { ConnectClient, ConnectParams, EventName, EventPayload, HelloOk } from "../../generated/ts/types.js";
import { GatewayClientError } from "./client-error.js";
import { CLIENT_DEFAULTS, type GatewayClientEvents, type ProtocolClientOptions } from "./client-options.js";
import type { ClientSocket, DeviceSigner, DeviceTokens } from "./client-transport.js";
import { EventQueue } from "./event-queue.js";

export { CLIENT_DEFAULTS, type GatewayClientEvents, type ProtocolClientOptions };

/** The close code the client uses after two missed ticks. */
export const CLOSE_MISSED_TICKS = CLOSE_CODES.tickTimeout;

type Timer = ReturnType<typeof setTimeout>;
const uuid = (): string => globalThis.crypto.randomUUID();

interface PendingCall {
  method: string;
  resolve(value: unknown): void;
  reject(error: GatewayClientError): void;
  cleanup(): void;
}

/** Handshake failures that another attempt cannot fix. */
const FATAL = new Set([
  "TLS_FINGERPRINT_MISMATCH",
  "AUTH_TOKEN_MISMATCH",
  "AUTH_PASSWORD_MISMATCH",
  "AUTH_REQUIRED",
  "PROTOCOL_MISMATCH",
  "INVALID_PARAMS",
  "HANDSHAKE_REQUIRED",
  "INSECURE_TRANSPORT",
  "DEVICE_AUTH_SIGNATURE_INVALID",
  "DEVICE_AUTH_DEVICE_ID_MISMATCH",
  "DEVICE_AUTH_PUBLIC_KEY_INVALID",
]);

/** The gateway client over an injected socket: a `TypedClient` whose transport is one reconnecting socket. */
export class ProtocolClient extends TypedClient {
  hello?: HelloOk;
  private ws?: ClientSocket;
  private lastSeq = 0;
  private readonly pending = new Map<string, PendingCall>();
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  private readonly lifecycle = new Map<keyof GatewayClientEvents, Set<(value: never) => void>>();
  private readonly identity: DeviceSigner;
  private readonly tokens: DeviceTokens;
  private stopped = false;
  private attempt = 0;
  private reconnectTimer?: Timer;
  private tickTimer?: Timer;
  /** Settles the promise of `start()` with the first hello or a fatal error. */
  private firstHello?: (error?: GatewayClientError, hello?: HelloOk) => void;

  /** Resolves when the current socket reports its close. */
  private socketClosed?: Promise<void>;

  constructor(readonly options: ProtocolClientOptions) {
    super();
    this.identity = options.identity;
    this.tokens = options.tokens;
  }

  get connected(): boolean {
    return this.hello !== undefined && this.ws?.isOpen === true;
  }

  get deviceId(): string {
    return this.identity.deviceId;
  }

  /** Connect; resolves with the first `hello-ok`. With `reconnect`, keeps the connection up afterwards. */
  start(): Promise<HelloOk> {
    this.stopped = false;
    this.checkTransport();
    return new Promise((resolve, reject) => {
      this.firstHello = (error, hello) => {
        this.firstHello = undefined;
        if (error) reject(error);
        else resolve(hello!);
      };
      this.connectOnce();
    });
  }

  /** Close for good: no reconnect, in-flight calls rejected. */
  async close(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    clearTimeout(this.tickTimer);
    const ws = this.ws;
    if (ws && !ws.isClosed) {
      ws.close(1000, "client closing");
      await this.socketClosed;
    }
    this.failPending(new GatewayClientError("CLOSED", "client closed"));
  }

  private checkTransport(): void {
    const url = new URL(this.options.url);
    const sendsSecret = this.options.token || this.options.password || this.tokens.get(this.options.url, this.options.role ?? CLIENT_DEFAULTS.role);
    if (url.protocol === "ws:" && !isLoopbackHost(url.hostname.replace(/^\[|\]$/g, "")) && sendsSecret && !this.options.allowInsecureRemote) {
      throw new GatewayClientError("INSECURE_TRANSPORT", `refusing to send credentials over plain ws:// to ${url.hostname}; use wss:// or allow it explicitly`);
    }
  }

  private connectOnce(): void {
    const connectTimeoutMs = this.options.connectTimeoutMs ?? CLIENT_DEFAULTS.connectTimeoutMs;
    let reportClosed!: () => void;
    this.socketClosed = new Promise((resolve) => (reportClosed = resolve));
    const ws: ClientSocket = this.options.openSocket(
      this.options.url,
      { message: (text) => onMessage(text), close: (code, reason) => onClose(code, reason), error: (error) => onError(error) },
      { handshakeTimeoutMs: connectTimeoutMs },
    );
    this.ws = ws;
    this.lastSeq = 0;
    let connectId: string | undefined;
    let settled = false;
    const done = (error?: GatewayClientError, hello?: HelloOk) => {
      if (settled) return;
      settled = true;
      if (!error) {
        this.attempt = 0;
        this.firstHello?.(undefined, hello);
        return;
      }
      const retry = (this.options.reconnect ?? CLIENT_DEFAULTS.reconnect) && !this.stopped && !FATAL.has(error.detailCode ?? error.code);
      if (retry) this.scheduleReconnect(error);
      else this.firstHello?.(error);
    };
    const handshakeTimer = setTimeout(() => {
      done(new GatewayClientError("TIMEOUT", "gateway did not complete the handshake in time"));
      ws.terminate();
    }, connectTimeoutMs);

    const onMessage = (data: string) => {
      let frame: { type?: string; id?: string; ok?: boolean; payload?: any; error?: any; event?: string; seq?: number };
      try {
        frame = JSON.parse(data);
      } catch {
        return;
      }
      if (frame.type === "event" && frame.event === "connect.challenge" && !connectId) {
        const id = (connectId = uuid());
        this.connectParams(frame.payload.nonce).then(
          (params) => {
            if (ws.isOpen) ws.send(JSON.stringify({ type: "req", id, method: "connect", params }));
          },
          (error: Error) => {
            clearTimeout(handshakeTimer);
            done(new GatewayClientError("UNREACHABLE", `cannot sign the device proof: ${error.message}`, undefined, undefined, { cause: error }));
            ws.terminate();
          },
        );
        return;
      }
      if (frame.type === "res" && frame.id === connectId && !this.hello) {
        clearTimeout(handshakeTimer);
        if (frame.ok) {
          this.hello = frame.payload as HelloOk;
          if (this.hello.auth) this.tokens.set(this.options.url, this.hello.auth);
          this.armTickWatchdog();
          this.emit("hello", this.hello);
          done(undefined, this.hello);
        } else {
          const error = GatewayClientError.fromShape(frame.error);
          if (error.detailCode === "AUTH_DEVICE_TOKEN_INVALID") this.tokens.delete(this.options.url, this.options.role ?? CLIENT_DEFAULTS.role);
          done(error);
        }
        return;
      }
      this.onFrame(frame);
    };
    const onClose = (code: number, reason: string) => {
      clearTimeout(handshakeTimer);
      clearTimeout(this.tickTimer);
      const wasOpen = this.hello !== undefined;
      this.hello = undefined;
      this.failPending(new GatewayClientError("DISCONNECTED", `connection closed (${code}${reason.length ? `: ${reason}` : ""}) before the gateway answered`));
      if (wasOpen) {
        this.emit("disconnect", { code, reason });
        if (!this.stopped && (this.options.reconnect ?? CLIENT_DEFAULTS.reconnect)) this.scheduleReconnect();
      } else {
        done(new GatewayClientError("UNREACHABLE", `connection closed during the handshake (${code}${reason.length ? `: ${reason}` : ""})`));
      }
      reportClosed();
    };
    const onError = (error: Error) => {
      if (!settled && !ws.isOpen) {
        clearTimeout(handshakeTimer);
        // A refusal the socket layer decided itself (a certificate that is not the pinned one) keeps its code.
        if (error instanceof GatewayClientError) return done(error);
        const code = (error as Error & { code?: string }).code ?? "";
        const hint = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code) ? " (a self-signed gateway? pin its certificate with tlsFingerprint / --tls-fingerprint)" : "";
        done(new GatewayClientError("UNREACHABLE", `cannot reach ${this.options.url}: ${error.message}${hint}`, undefined, undefined, { cause: error }));
      }
    };
  }

  private scheduleReconnect(error?: GatewayClientError): void {
    if (this.stopped || this.options.reconnect === false) return;
    const { initialMs, maxMs } = this.options.backoff ?? CLIENT_DEFAULTS.backoff;
    const ceiling = Math.min(maxMs, initialMs * 2 ** this.attempt++);
    const jittered = Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
    // A device token the gateway refused was dropped: try the shared secret at once.
    const delayMs = error?.detailCode === "AUTH_DEVICE_TOKEN_INVALID" ? 0 : Math.max(jittered, error?.retryAfterMs ?? 0);
    if (error) this.emit("retry", { error, delayMs });
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => this.connectOnce(), delayMs);
  }

  private async connectParams(nonce: string): Promise<ConnectParams> {
    const role = this.options.role ?? CLIENT_DEFAULTS.role;
    const scopes = role === "node" ? [] : (this.options.scopes ?? CLIENT_DEFAULTS.scopes);
    const client: ConnectClient = {
      id: role === "node" ? "node-host" : "cli",
      version: PRODUCT_VERSION,
      platform: this.options.platform,
      mode: role === "node" ? "node" : "cli",
      ...this.options.client,
    };
    // Everything we hold goes along: the gateway accepts the device token alone, and the
    // shared secret lets a new device on loopback be paired silently (a known device's
    // grant never widens without an approved pairing request).
    const stored = this.tokens.get(this.options.url, role);
    const auth: ConnectParams["auth"] = {};
    if (this.options.token) auth.token = this.options.token;
    if (stored) auth.deviceToken = stored.deviceToken;
    if (this.options.password) auth.password = this.options.password;
    const signedAt = Date.now();
    const presented = auth.token ?? auth.deviceToken ?? auth.password ?? "";
    const signature = await this.identity.sign(
      signedStringV3({
        deviceId: this.identity.deviceId,
        clientId: client.id,
        clientMode: client.mode,
        role,
        scopes,
        signedAtMs: signedAt,
        token: presented,
        nonce,
        platform: client.platform,
        deviceFamily: client.deviceFamily,
      }),
    );
    const params: ConnectParams = {
      minProtocol: PROTOCOL_RANGE.min,
      maxProtocol: PROTOCOL_RANGE.max,
      client,
      role,
      scopes,
      auth,
      caps: this.options.caps ?? [],
      device: { id: this.identity.deviceId, publicKey: this.identity.publicKey, signature, signedAt, nonce },
    };
    if (this.options.commands) params.commands = this.options.commands;
    if (this.options.permissions) params.permissions = this.options.permissions;
    if (this.options.pathEnv) params.pathEnv = this.options.pathEnv;
    return params;
  }

  private armTickWatchdog(): void {
    clearTimeout(this.tickTimer);
    const interval = this.hello?.policy.tickIntervalMs ?? CLIENT_DEFAULTS.tickIntervalMs;
    this.tickTimer = setTimeout(() => this.ws?.close(CLOSE_MISSED_TICKS, "missed two ticks"), interval * 2 + CLIENT_DEFAULTS.tickGraceMs);
    (this.tickTimer as { unref?: () => void }).unref?.();
  }

  private onFrame(frame: { type?: string; id?: string; ok?: boolean; payload?: any; error?: any; event?: string; seq?: number }): void {
    if (frame.type === "res" && frame.id) {
      const call = this.pending.get(frame.id);
      if (!call) return;
      if (frame.ok && (METHODS as Record<string, { twoPhase?: boolean }>)[call.method]?.twoPhase && frame.payload?.status === "accepted") return; // the final answer follows on the same id
      this.pending.delete(frame.id);
      call.cleanup();
      if (frame.ok) call.resolve(frame.payload);
      else call.reject(GatewayClientError.fromShape(frame.error, frame.payload));
      return;
    }
    if (frame.type !== "event" || !frame.event) return;
    if (typeof frame.seq === "number") {
      if (this.lastSeq && frame.seq !== this.lastSeq + 1) this.emit("gap", { expected: this.lastSeq + 1, received: frame.seq });
      this.lastSeq = frame.seq;
    }
    if (frame.event === "tick") this.armTickWatchdog();
    const deliver = (listeners: Set<(value: unknown) => void> | undefined, value: unknown) => {
      for (const listener of listeners ?? []) {
        try {
          listener(value);
        } catch {
          // a listener's failure is its own
        }
      }
    };
    deliver(this.listeners.get(frame.event), frame.payload);
    deliver(this.listeners.get("*"), { event: frame.event, payload: frame.payload, seq: frame.seq });
  }

  private failPending(error: GatewayClientError): void {
    for (const [id, call] of this.pending) {
      this.pending.delete(id);
      call.cleanup();
      call.reject(error);
    }
  }

  /** Send one request (the untyped transport behind `call`); side-effecting methods get an `idempotencyKey` automatically. Never replayed after a disconnect. */
  request(method: string, params: unknown, options: CallOptions = {}): Promise<unknown> {
    if (!this.connected) return Promise.reject(new GatewayClientError("DISCONNECTED", "not connected to the gateway"));
    if (options.signal?.aborted) return Promise.reject(new GatewayClientError("ABORTED", `${method} aborted`));
    const id = uuid();
    let body = params ?? {};
    if ((METHODS as Record<string, { idempotencyKey: boolean }>)[method]?.idempotencyKey && (body as { idempotencyKey?: string }).idempotencyKey === undefined) {
      body = { ...(body as object), idempotencyKey: uuid() };
    }
    return new Promise((resolve, reject) => {
      const timeoutMs = options.timeoutMs ?? this.options.callTimeoutMs ?? CLIENT_DEFAULTS.callTimeoutMs;
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new GatewayClientError("TIMEOUT", `${method} got no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      const onAbort = () => {
        this.pending.delete(id);
        clearTimeout(timer);
        reject(new GatewayClientError("ABORTED", `${method} aborted`));
      };
      options.signal?.addEventListener("abort", onAbort, { once: true });
      this.pending.set(id, { method, resolve, reject, cleanup: () => (clearTimeout(timer), options.signal?.removeEventListener("abort", onAbort)) });
      this.ws!.send(JSON.stringify({ type: "req", id, method, params: body }));
    });
  }

  /** Untyped subscription (the transport side of `on`); `*` receives every event as `{ event, payload, seq }`. */
  subscribe(event: string, listener: (payload: unknown) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => set!.delete(listener);
  }

  /** Events of one name as an async iterator with a bounded buffer (oldest dropped first, counted in `dropped`). */
  events<E extends EventName>(event: E, bufferSize = 256): EventQueue<EventPayload<E>> {
    const queue = new EventQueue<EventPayload<E>>(bufferSize, () => stop());
    const stop = this.on(event, (payload) => queue.push(payload));
    return queue;
  }

  /** Client lifecycle notifications: `hello`, `disconnect`, `gap`, `retry`. */
  onLifecycle<K extends keyof GatewayClientEvents>(name: K, listener: (value: GatewayClientEvents[K]) => void): () => void {
    let set = this.lifecycle.get(name);
    if (!set) this.lifecycle.set(name, (set = new Set()));
    set.add(listener as (value: never) => void);
    return () => set!.delete(listener as (value: never) => void);
  }

  private emit<K extends keyof GatewayClientEvents>(name: K, value: GatewayClientEvents[K]): void {
    for (const listener of this.lifecycle.get(name) ?? []) (listener as (v: GatewayClientEvents[K]) => void)(value);
  }
}
