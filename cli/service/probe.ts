/** Which gateways exist on this host (state directories of every profile) and whether they answer `GET /health`. */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { homedir } from "node:os";
import { basename, dirname, join } from "node:path";
import JSON5 from "json5";
import { profilePort } from "../../common/paths.js";
import { type GatewayRuntime, readGatewayRuntime } from "../../common/runtime-file.js";
import { DEFAULT_PORTS } from "../../generated/ts/registry.js";

/** GET /health on `url` (ws/wss/http/https); true when it answers 200. Certificates are not checked: this is a liveness probe, nothing is sent. */
export function probeHealth(url: string, timeoutMs = 1500): Promise<boolean> {
  const target = new URL(url);
  const secure = target.protocol === "wss:" || target.protocol === "https:";
  const request = secure ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const req = request(
      { host: target.hostname.replace(/^\[|\]$/g, ""), port: target.port || (secure ? 443 : 80), path: "/health", method: "GET", timeout: timeoutMs, rejectUnauthorized: false },
      (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      },
    );
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(false));
    req.end();
  });
}

export interface ProfileGateway {
  /** `default` for the base state directory. */
  profile: string;
  stateDir: string;
  port: number;
  url: string;
  /** Recorded by the running gateway (absent when none runs or its process is gone). */
  runtime?: GatewayRuntime;
  answers?: boolean;
}

function configPort(stateDir: string): number | undefined {
  const path = join(stateDir, "tidegate.json");
  if (!existsSync(path)) return undefined;
  try {
    const port = (JSON5.parse(readFileSync(path, "utf8")) as { gateway?: { port?: unknown } }).gateway?.port;
    return typeof port === "number" ? port : undefined;
  } catch {
    return undefined;
  }
}

/** Every state directory: the base (`TIDEGATE_STATE_DIR` or ~/.tidegate) and its `<base>-<profile>` siblings. */
export function findProfiles(env: NodeJS.ProcessEnv = process.env): ProfileGateway[] {
  const base = env.TIDEGATE_STATE_DIR ?? join(homedir(), ".tidegate");
  const parent = dirname(base);
  const prefix = basename(base) + "-";
  const entries: { profile: string; stateDir: string }[] = existsSync(base) ? [{ profile: "default", stateDir: base }] : [];
  for (const name of existsSync(parent) ? readdirSync(parent).sort() : []) {
    const dir = join(parent, name);
    if (name.startsWith(prefix) && /^[a-z0-9][a-z0-9_-]{0,31}$/.test(name.slice(prefix.length)) && statSync(dir).isDirectory()) entries.push({ profile: name.slice(prefix.length), stateDir: dir });
  }
  return entries.map(({ profile, stateDir }) => {
    const runtime = readGatewayRuntime(stateDir);
    const port = runtime?.port ?? configPort(stateDir) ?? (profile === "default" ? DEFAULT_PORTS.default : profile === "dev" ? DEFAULT_PORTS.dev : profilePort(profile));
    return { profile, stateDir, port, url: runtime?.url ?? `ws://127.0.0.1:${port}`, ...(runtime ? { runtime } : {}) };
  });
}
