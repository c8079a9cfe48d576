/**
 * Where a gateway keeps its state and config, and which port it uses:
 * `TIDEGATE_STATE_DIR` (default `~/.tidegate`), `TIDEGATE_CONFIG_PATH`
 * (default `<state>/tidegate.json`). `--dev` and `--profile NAME` give a
 * separate state directory and port so several gateways run side by side.
 */
import { homedir } from "node:os";
import { join } from "node:path";
import { DEFAULT_PORT } from "../config/settings.js";

export interface GatewayPaths {
  stateDir: string;
  configPath: string;
  /** Port implied by the profile (flags and config may still override it). */
  defaultPort: number;
  profile?: string;
}

/** A stable port offset in 1..999 for a profile name. */
function profilePort(name: string): number {
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
    defaultPort: profile === "dev" ? 19789 : profile ? profilePort(profile) : DEFAULT_PORT,
    profile,
  };
}
