/** What a protocol client is built with: its options, their defaults in one place, and its lifecycle events. */
import { LIMITS } from "../../generated/ts/registry.js";
import type { ConnectClient, HelloOk, Role, Scope } from "../../generated/ts/types.js";
import type { GatewayClientError } from "./client-error.js";
import type { DeviceSigner, DeviceTokens, OpenSocket } from "./client-transport.js";

/**
 * Every default of `ProtocolClientOptions`, in one place. Protocol facts (protocol range,
 * product version, tick interval) come from the registry, not from here.
 */
export const CLIENT_DEFAULTS = {
  role: "operator" as Role,
  /** Operators ask for admin; the gateway grants what the device's pairing allows. */
  scopes: ["operator.admin"] as Scope[],
  reconnect: true,
  /** Jittered exponential backoff between reconnect attempts, reset on hello. */
  backoff: { initialMs: 1000, maxMs: 30_000 },
  callTimeoutMs: 30_000,
  connectTimeoutMs: 10_000,
  /** Until hello says otherwise. */
  tickIntervalMs: LIMITS.tickIntervalMs,
  /** Extra grace on top of two tick intervals before the watchdog closes the socket. */
  tickGraceMs: 1000,
} as const;

export interface ProtocolClientOptions {
  url: string;
  /** Shared gateway token. */
  token?: string;
  password?: string;
  role?: Role;
  scopes?: Scope[];
  client?: Partial<ConnectClient>;
  caps?: string[];
  commands?: string[];
  permissions?: Record<string, boolean>;
  pathEnv?: string;
  /** The device identity that signs `connect`. */
  identity: DeviceSigner;
  /** Where issued device tokens are kept. */
  tokens: DeviceTokens;
  /** Opens the socket (the platform's WebSocket). */
  openSocket: OpenSocket;
  /** `client.platform` unless `client` names one, such as `linux` or `web`. */
  platform: string;
  /** Reconnect after a disconnect (default `CLIENT_DEFAULTS.reconnect`). */
  reconnect?: boolean;
  backoff?: { initialMs: number; maxMs: number };
  /** Allow credentials over plain `ws://` to a host that is not loopback. */
  allowInsecureRemote?: boolean;
  /** Default timeout of calls (default `CLIENT_DEFAULTS.callTimeoutMs`). */
  callTimeoutMs?: number;
  /** How long to wait for the socket and the handshake (default `CLIENT_DEFAULTS.connectTimeoutMs`). */
  connectTimeoutMs?: number;
}

export interface GatewayClientEvents {
  hello: HelloOk;
  disconnect: { code: number; reason: string };
  /** Broadcast frames were missed: `expected` was the next seq, `received` arrived. */
  gap: { expected: number; received: number };
  /** A reconnect attempt failed; the client keeps trying. */
  retry: { error: GatewayClientError; delayMs: number };
}
