/**
 * Test support: a plain `ws` client that speaks the v3 handshake by hand
 * and signs with a real Ed25519 key, so tests see exactly what crosses the wire.
 */
import { createHash, generateKeyPairSync, type KeyObject, randomUUID, sign } from "node:crypto";
import WebSocket from "ws";
import { signedStringV2, signedStringV3 } from "../common/signed-string.js";

export interface Frame {
  type: string;
  id?: string;
  ok?: boolean;
  payload?: any;
  error?: { code: string; message: string; details?: any; retryAfterMs?: number };
  event?: string;
  seq?: number;
  stateVersion?: { presence: number; health: number };
}

export class DeviceKey {
  readonly privateKey: KeyObject;
  readonly publicKey: string;
  readonly id: string;

  constructor() {
    const { privateKey, publicKey } = generateKeyPairSync("ed25519");
    this.privateKey = privateKey;
    const raw = (publicKey.export({ format: "der", type: "spki" }) as Buffer).subarray(12);
    this.publicKey = raw.toString("base64url");
    this.id = createHash("sha256").update(raw).digest("hex");
  }

  sign(text: string): string {
    return sign(null, Buffer.from(text), this.privateKey).toString("base64url");
  }
}

export interface ConnectOptions {
  role?: "operator" | "node";
  scopes?: string[];
  token?: string;
  password?: string;
  deviceToken?: string;
  device?: DeviceKey | null;
  client?: Record<string, unknown>;
  caps?: string[];
  commands?: string[];
  signature?: "v3" | "v2";
  /** Rewrite the signed fields or the device proof to forge a bad signature. */
  tamper?: (proof: { id: string; publicKey: string; signature: string; signedAt: number; nonce: string }) => void;
  signedAt?: number;
  minProtocol?: number;
  maxProtocol?: number;
}

export class RawClient {
  readonly frames: Frame[] = [];
  closed?: { code: number; reason: string };
  challenge?: { nonce: string; ts: number };
  private waiters: { match: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
  private closeWaiters: ((c: { code: number; reason: string }) => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on("message", (data) => {
      const frame = JSON.parse(String(data)) as Frame;
      if (frame.event === "connect.challenge") this.challenge = frame.payload;
      this.frames.push(frame);
      this.waiters = this.waiters.filter((w) => (w.match(frame) ? (w.resolve(frame), false) : true));
    });
    ws.on("close", (code, reason) => {
      this.closed = { code, reason: String(reason) };
      this.closeWaiters.forEach((w) => w(this.closed!));
    });
  }

  /** Open a socket and wait for the challenge. */
  static async open(url: string, headers: Record<string, string> = {}, options: WebSocket.ClientOptions = {}): Promise<RawClient> {
    const ws = new WebSocket(url, { headers, perMessageDeflate: false, ...options });
    const client = new RawClient(ws);
    await new Promise<void>((done, fail) => {
      ws.once("open", () => done());
      ws.once("error", fail);
    });
    await client.next((f) => f.event === "connect.challenge");
    return client;
  }

  /** Wait for the first frame (already received or future) that matches. */
  next(match: (f: Frame) => boolean, timeoutMs = 15_000): Promise<Frame> {
    const seen = this.frames.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for a frame; got ${JSON.stringify(this.frames.slice(-5))}`)), timeoutMs);
      this.waiters.push({ match, resolve: (f) => (clearTimeout(timer), resolve(f)) });
    });
  }

  waitClose(timeoutMs = 15_000): Promise<{ code: number; reason: string }> {
    if (this.closed) return Promise.resolve(this.closed);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("socket did not close")), timeoutMs);
      this.closeWaiters.push((c) => (clearTimeout(timer), resolve(c)));
    });
  }

  sendRaw(data: string | Buffer, binary = false): void {
    this.ws.send(data, { binary });
  }

  async request(method: string, params: unknown = {}, timeoutMs = 15_000): Promise<Frame> {
    const id = randomUUID();
    this.sendRaw(JSON.stringify({ type: "req", id, method, params }));
    return this.next((f) => f.type === "res" && f.id === id, timeoutMs);
  }

  /** Build connect params, signing with `device` over this socket's nonce. */
  connectParams(options: ConnectOptions = {}): Record<string, unknown> {
    const role = options.role ?? "operator";
    const scopes = options.scopes ?? (role === "operator" ? ["operator.admin"] : []);
    const client: Record<string, unknown> = { id: role === "node" ? "node-host" : "cli", version: "dev", platform: "linux", mode: role === "node" ? "node" : "cli", ...options.client };
    const auth: Record<string, string> = {};
    if (options.token !== undefined) auth.token = options.token;
    if (options.password !== undefined) auth.password = options.password;
    if (options.deviceToken !== undefined) auth.deviceToken = options.deviceToken;
    const params: Record<string, unknown> = {
      minProtocol: options.minProtocol ?? 3,
      maxProtocol: options.maxProtocol ?? 3,
      client,
      role,
      scopes,
      auth,
      caps: options.caps ?? [],
      commands: options.commands ?? [],
    };
    const device = options.device === undefined ? new DeviceKey() : options.device;
    if (device) {
      const signedAt = options.signedAt ?? Date.now();
      const fields = {
        deviceId: device.id,
        clientId: client.id as string,
        clientMode: client.mode as string,
        role,
        scopes,
        signedAtMs: signedAt,
        token: options.token ?? options.deviceToken ?? options.password ?? "",
        nonce: this.challenge!.nonce,
        platform: client.platform as string,
        deviceFamily: client.deviceFamily as string | undefined,
      };
      const text = options.signature === "v2" ? signedStringV2(fields) : signedStringV3(fields);
      const proof = { id: device.id, publicKey: device.publicKey, signature: device.sign(text), signedAt, nonce: this.challenge!.nonce };
      options.tamper?.(proof);
      params.device = proof;
    }
    return params;
  }

  /** Send `connect` and return its response. */
  connect(options: ConnectOptions = {}): Promise<Frame> {
    return this.request("connect", this.connectParams(options));
  }

  close(): void {
    this.ws.close();
  }
}
