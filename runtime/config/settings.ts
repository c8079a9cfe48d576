/**
 * Resolved gateway settings: the config file merged over the defaults, then
 * command-line flags over both. Every default lives here.
 */
import type { GatewayConfig } from "../../generated/ts/types.js";

export type BindMode = "loopback" | "lan" | "custom";
export type AuthMode = "token" | "password" | "none";

export interface GatewaySettings {
  port: number;
  bind: BindMode;
  /** The address actually bound. */
  host: string;
  auth: { mode: AuthMode; token?: string; password?: string };
  allowedOrigins: string[];
  trustedProxies: string[];
  tickIntervalMs: number;
  healthIntervalMs: number;
  maxPayload: number;
  preAuthMaxPayload: number;
  maxBufferedBytes: number;
  handshakeTimeoutMs: number;
  maxConnections: number;
  maxConnectionsPerAddress: number;
  logRequests: boolean;
}

import { DEFAULT_PORTS, LIMITS } from "../../generated/ts/registry.js";

/** Defaults for what the config file and flags leave out; protocol limits come from the registry (`LIMITS`). */
export const DEFAULTS = {
  ...LIMITS,
  port: DEFAULT_PORTS.default,
  bind: "loopback" as BindMode,
  maxConnections: 4096,
  maxConnectionsPerAddress: 256,
};

export interface SettingsOverrides {
  port?: number;
  bind?: BindMode;
  host?: string;
  token?: string;
  password?: string;
}

const hostFor = (bind: BindMode, host: string | undefined) => (bind === "loopback" ? "127.0.0.1" : bind === "lan" ? "0.0.0.0" : host ?? "127.0.0.1");

/** Merge defaults, config file and flags (flags win). */
export function resolveSettings(config: GatewayConfig, overrides: SettingsOverrides): GatewaySettings {
  const g = config.gateway ?? {};
  const bind = overrides.bind ?? g.bind ?? DEFAULTS.bind;
  const token = overrides.token ?? g.auth?.token;
  const password = overrides.password ?? g.auth?.password;
  const mode: AuthMode = overrides.password ? "password" : overrides.token ? "token" : g.auth?.mode ?? (password && !token ? "password" : "token");
  return {
    port: overrides.port ?? g.port ?? DEFAULTS.port,
    bind,
    host: hostFor(bind, overrides.host ?? g.host),
    auth: { mode, token, password },
    allowedOrigins: g.allowedOrigins ?? [],
    trustedProxies: g.trustedProxies ?? [],
    tickIntervalMs: g.tickIntervalMs ?? DEFAULTS.tickIntervalMs,
    healthIntervalMs: g.healthIntervalMs ?? DEFAULTS.healthIntervalMs,
    maxPayload: g.limits?.maxPayload ?? DEFAULTS.maxPayload,
    preAuthMaxPayload: DEFAULTS.preAuthMaxPayload,
    maxBufferedBytes: g.limits?.maxBufferedBytes ?? DEFAULTS.maxBufferedBytes,
    handshakeTimeoutMs: g.limits?.handshakeTimeoutMs ?? DEFAULTS.handshakeTimeoutMs,
    maxConnections: g.limits?.maxConnections ?? DEFAULTS.maxConnections,
    maxConnectionsPerAddress: g.limits?.maxConnectionsPerAddress ?? DEFAULTS.maxConnectionsPerAddress,
    logRequests: g.logRequests ?? false,
  };
}
