/**
 * Where a gateway keeps its state and config, and which port it uses:
 * `TIDEGATE_STATE_DIR` (default `~/.tidegate`), `TIDEGATE_CONFIG_PATH`
 * (default `<state>/tidegate.json`). `--dev` and `--profile NAME` give a
 * separate state directory and port so several gateways run side by side.
 */
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { DEFAULT_PORTS } from "../generated/ts/registry.js";
import { readGatewayRuntime } from "./runtime-file.js";

const DEFAULT_PORT = DEFAULT_PORTS.default;

export interface GatewayPaths {
  stateDir: string;
  configPath: string;
  /** Port implied by the profile (flags and config may still override it). */
  defaultPort: number;
  profile?: string;
}

/** A stable port offset in 1..999 for a profile name. */
export function profilePort(name: string): number {
  let hash = 2166136261;
  for (const ch of name) hash = Math.imul(hash ^ ch.charCodeAt(0), 16777619) >>> 0;
  return DEFAULT_PORT + 1 + (hash % 999);
}

export function resolvePaths(options: { dev?: boolean; profile?: string }, env: NodeJS.ProcessEnv = process.env): GatewayPaths {
  const profile = options.dev ? "dev" : options.profile;
  if (profile !== undefined && !/^[a-z0-9][a-z0-9_-]{0,31}$/.test(profile)) {
    throw new Error(`invalid profile name '${profile}': use 1-32 lowercase letters, digits, '-' or '_'`);
  }
  const base = env.TIDEGATE_STATE_DIR ?? join(homedir(), ".tidegate");
  const stateDir = profile ? `${base}-${profile}` : base;
  return {
    stateDir,
    configPath: env.TIDEGATE_CONFIG_PATH && !profile ? env.TIDEGATE_CONFIG_PATH : join(stateDir, "tidegate.json"),
    defaultPort: profile === "dev" ? DEFAULT_PORTS.dev : profile ? profilePort(profile) : DEFAULT_PORT,
    profile,
  };
}

/** Flags every client command accepts to pick its gateway. */
export interface ConnectionFlags {
  url?: string;
  token?: string;
  password?: string;
  json?: boolean;
  dev?: boolean;
  profile?: string;
  timeout?: string;
  /** Pin the gateway's TLS certificate (SHA-256 fingerprint). */
  tlsFingerprint?: string;
}

/**
 * The gateway URL and credentials a client uses: flags, then environment, then the local
 * gateway's state directory (its token, and the URL and certificate fingerprint the running
 * gateway recorded in `gateway.runtime.json`).
 */
export function gatewayTarget(flags: ConnectionFlags): { url: string; token?: string; stateDir: string; tlsFingerprint?: string } {
  const paths = resolvePaths(flags);
  const explicit = flags.url ?? process.env.TIDEGATE_URL;
  const local = explicit === undefined ? readGatewayRuntime(paths.stateDir) : undefined;
  const url = explicit ?? local?.url ?? `ws://127.0.0.1:${paths.defaultPort}`;
  const tlsFingerprint = flags.tlsFingerprint ?? process.env.TIDEGATE_TLS_FINGERPRINT ?? local?.tlsFingerprint;
  let token = flags.token ?? process.env.TIDEGATE_GATEWAY_TOKEN;
  const tokenFile = join(paths.stateDir, "gateway.token");
  if (token === undefined && !flags.password && existsSync(tokenFile)) token = readFileSync(tokenFile, "utf8").trim();
  return { url, token: token || undefined, stateDir: paths.stateDir, ...(tlsFingerprint ? { tlsFingerprint } : {}) };
}
