/**
 * `<state>/gateway.runtime.json`: written by a running gateway, removed when
 * it stops. Clients on the same machine read it to find the local gateway's
 * URL and certificate fingerprint; `tidegate gateway status --all` reads it
 * for every profile. A file whose process is gone is stale and ignored.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const RUNTIME_FILE = "gateway.runtime.json";

export interface GatewayRuntime {
  pid: number;
  url: string;
  port: number;
  host: string;
  version: string;
  startedAt: number;
  tlsFingerprint?: string;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

/** The running gateway of `stateDir`, or undefined when none is recorded or its process is gone. */
export function readGatewayRuntime(stateDir: string): GatewayRuntime | undefined {
  try {
    const value = JSON.parse(readFileSync(join(stateDir, RUNTIME_FILE), "utf8")) as GatewayRuntime;
    return typeof value.pid === "number" && typeof value.url === "string" && alive(value.pid) ? value : undefined;
  } catch {
    return undefined;
  }
}
