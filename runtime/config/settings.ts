/**
 * Resolved gateway settings: the config file merged over the defaults, then
 * command-line flags over both. Every default lives here.
 */
import type { GatewayConfig } from "../../generated/ts/types.js";
import { type BindMode, bindHost, type Interfaces } from "./bind.js";

export type { BindMode };
export type AuthMode = "token" | "password" | "none";

export interface GatewaySettings {
  port: number;
  bind: BindMode;
  /** The address actually bound. */
  host: string;
  auth: { mode: AuthMode; token?: string; password?: string; trustLocalWithoutDevice: boolean };
  allowedOrigins: string[];
  /** Lowercased `Host` values (with or without port) that count as local besides loopback names. */
  allowedHosts: string[];
  trustedProxies: string[];
  tickIntervalMs: number;
  healthIntervalMs: number;
  maxPayload: number;
  preAuthMaxPayload: number;
  maxBufferedBytes: number;
  /** Bytes of node results held at once, over all calls (`gateway.limits.maxNodeResultBytes`). */
  maxNodeResultBytes: number;
  handshakeTimeoutMs: number;
  maxConnections: number;
  maxConnectionsPerAddress: number;
  /** TCP connections not yet upgraded: globally and per address. */
  maxPendingConnections: number;
  maxPendingConnectionsPerAddress: number;
  firstByteTimeoutMs: number;
  headersTimeoutMs: number;
  pingIntervalMs: number;
  /** After sending a close frame, wait this long for the peer's before dropping the socket. */
  closeGraceMs: number;
  logRequests: boolean;
  /** TLS on the listener: a configured pair, or a self-signed one generated into the state directory. */
  tls: { enabled: boolean; certPath?: string; keyPath?: string };
  /** `/metrics`: served unless disabled; loopback peers only, or anyone presenting the bearer token. */
  metrics: { enabled: boolean; token?: string };
}

import { DEFAULT_PORTS, LIMITS } from "../../generated/ts/registry.js";

/** Defaults for what the config file and flags leave out; protocol limits come from the registry (`LIMITS`). */
export const DEFAULTS = {
  ...LIMITS,
  port: DEFAULT_PORTS.default,
  bind: "loopback" as BindMode,
  maxConnections: 4096,
  maxConnectionsPerAddress: 256,
  maxPendingConnections: 1024,
  maxPendingConnectionsPerAddress: 32,
  firstByteTimeoutMs: 5_000,
  headersTimeoutMs: 10_000,
  pingIntervalMs: 20_000,
  closeGraceMs: 2_000,
  maxNodeResultBytes: 128 * 1024 * 1024,
};

export interface SettingsOverrides {
  port?: number;
  bind?: BindMode;
  host?: string;
  token?: string;
  password?: string;
  /** `--tls`: serve TLS (with the configured or a self-signed pair). */
  tls?: boolean;
}

/** Merge defaults, config file and flags (flags win). Throws `BindError` when the bind mode cannot be met on this host. */
export function resolveSettings(config: GatewayConfig, overrides: SettingsOverrides, interfaces?: Interfaces): GatewaySettings {
  const g = config.gateway ?? {};
  const bind = overrides.bind ?? g.bind ?? DEFAULTS.bind;
  const token = overrides.token ?? g.auth?.token;
  const password = overrides.password ?? g.auth?.password;
  const mode: AuthMode = overrides.password ? "password" : overrides.token ? "token" : (g.auth?.mode ?? (password && !token ? "password" : "token"));
  return {
    port: overrides.port ?? g.port ?? DEFAULTS.port,
    bind,
    host: bindHost(bind, overrides.host ?? g.host, interfaces),
    auth: { mode, token, password, trustLocalWithoutDevice: g.auth?.trustLocalWithoutDevice ?? false },
    allowedOrigins: g.allowedOrigins ?? [],
    allowedHosts: (g.allowedHosts ?? []).map((h) => h.toLowerCase()),
    trustedProxies: g.trustedProxies ?? [],
    tickIntervalMs: g.tickIntervalMs ?? DEFAULTS.tickIntervalMs,
    healthIntervalMs: g.healthIntervalMs ?? DEFAULTS.healthIntervalMs,
    maxPayload: g.limits?.maxPayload ?? DEFAULTS.maxPayload,
    preAuthMaxPayload: DEFAULTS.preAuthMaxPayload,
    maxBufferedBytes: g.limits?.maxBufferedBytes ?? DEFAULTS.maxBufferedBytes,
    maxNodeResultBytes: g.limits?.maxNodeResultBytes ?? DEFAULTS.maxNodeResultBytes,
    handshakeTimeoutMs: g.limits?.handshakeTimeoutMs ?? DEFAULTS.handshakeTimeoutMs,
    maxConnections: g.limits?.maxConnections ?? DEFAULTS.maxConnections,
    maxConnectionsPerAddress: g.limits?.maxConnectionsPerAddress ?? DEFAULTS.maxConnectionsPerAddress,
    maxPendingConnections: g.limits?.maxPendingConnections ?? DEFAULTS.maxPendingConnections,
    maxPendingConnectionsPerAddress: g.limits?.maxPendingConnectionsPerAddress ?? DEFAULTS.maxPendingConnectionsPerAddress,
    firstByteTimeoutMs: g.limits?.firstByteTimeoutMs ?? DEFAULTS.firstByteTimeoutMs,
    headersTimeoutMs: g.limits?.headersTimeoutMs ?? DEFAULTS.headersTimeoutMs,
    pingIntervalMs: g.limits?.pingIntervalMs ?? DEFAULTS.pingIntervalMs,
    closeGraceMs: DEFAULTS.closeGraceMs,
    logRequests: g.logRequests ?? false,
    tls: { enabled: overrides.tls ?? g.tls?.enabled ?? false, certPath: g.tls?.certPath, keyPath: g.tls?.keyPath },
    metrics: { enabled: g.metrics?.enabled ?? true, token: g.metrics?.token },
  };
}
