/**
 * The restart sentinel, `<state>/restart-sentinel.json` (v3): a config write that
 * restarts the gateway first records what asked for the restart; the gateway
 * that comes up next reads and deletes it and reports the outcome ("Gateway
 * restart config-patch ok (config.patch)" plus the writer's note). `config.patch`
 * and `config.apply` return it as `sentinel: {path, payload}`.
 */
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../state/atomic-file.js";

/** The sentinel's file name in the state directory (as v3). */
export const RESTART_SENTINEL_FILE = "restart-sentinel.json";

/** What the sentinel carries across the restart (v3's members, in v3's order). */
export interface RestartSentinelPayload {
  kind: "config-patch" | "config-apply" | "update" | "restart";
  status: "ok" | "error" | "skipped";
  ts: number;
  sessionKey?: string;
  message: string | null;
  doctorHint?: string;
  stats?: { mode?: string; root?: string; reason?: string };
}

export function restartSentinelPath(stateDir: string): string {
  return join(stateDir, RESTART_SENTINEL_FILE);
}

/** Write the sentinel (`{version: 1, payload}`, mode 0600); its path, or null when it could not be written (as v3). */
export function writeRestartSentinel(path: string, payload: RestartSentinelPayload): string | null {
  try {
    writeFileAtomic(path, `${JSON.stringify({ version: 1, payload }, null, 2)}\n`, 0o600);
    return path;
  } catch {
    return null;
  }
}

/** Read and delete the sentinel; undefined when there is none. A file that is not a sentinel is deleted too. */
export function consumeRestartSentinel(path: string): RestartSentinelPayload | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
  rmSync(path, { force: true });
  try {
    const parsed = JSON.parse(text) as { version?: unknown; payload?: RestartSentinelPayload };
    return parsed.version === 1 && parsed.payload && typeof parsed.payload === "object" ? parsed.payload : undefined;
  } catch {
    return undefined;
  }
}

/** The report of a consumed sentinel, as v3 words it. */
export function restartSentinelMessage(payload: RestartSentinelPayload): string {
  const message = payload.message?.trim();
  if (message && !payload.stats) return message;
  const lines = [`Gateway restart ${payload.kind} ${payload.status}${payload.stats?.mode ? ` (${payload.stats.mode})` : ""}`];
  if (message) lines.push(message);
  const reason = payload.stats?.reason?.trim();
  if (reason && reason !== message) lines.push(`Reason: ${reason}`);
  if (payload.doctorHint?.trim()) lines.push(payload.doctorHint.trim());
  return lines.join("\n");
}
