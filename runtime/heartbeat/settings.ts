/**
 * Which agents have a heartbeat and how it runs, from the config (v3's rules):
 * `agents.heartbeat` holds the defaults; when no `agents.list[]` entry has a
 * `heartbeat`, only the default agent has one, otherwise exactly the agents
 * whose entry has one (merged over the defaults).
 */
import type { GatewayConfig } from "../../generated/ts/types.js";

/** v3's default interval. */
export const DEFAULT_HEARTBEAT_EVERY = "30m";
/** v3's default prompt. */
export const DEFAULT_HEARTBEAT_PROMPT =
  "Read HEARTBEAT.md if it exists (workspace context). Follow it strictly. Do not infer or repeat old tasks from prior chats. If nothing needs attention, reply HEARTBEAT_OK.";
/** The reply that means "nothing needs attention". */
export const HEARTBEAT_TOKEN = "HEARTBEAT_OK";
export const DEFAULT_ACK_MAX_CHARS = 300;

export interface AgentHeartbeat {
  agentId: string;
  enabled: boolean;
  /** As written (`disabled` when the agent has none, as v3 reports it). */
  every: string;
  everyMs: number | null;
  prompt: string;
  ackMaxChars: number;
  model?: string;
  /** Where a reply goes: `none` (default), `last`, or a channel id (v3's `target`). */
  target: string;
  to?: string;
  accountId?: string;
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `30m`, `1h30m`, `90s`, `500ms`, `2d`; a bare number is minutes. Undefined when it does not parse. */
export function parseDurationMs(raw: string): number | undefined {
  const text = raw.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * UNITS.m);
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== text.replace(/\s+/g, "")) return undefined;
  return Math.round(parts.reduce((sum, p) => sum + Number(p[1]) * UNITS[p[2]], 0));
}

/** Heartbeat settings of every agent in `agentIds` (the default agent first when listed). */
export function heartbeatSettings(config: GatewayConfig, agentIds: readonly string[], defaultAgentId: string): AgentHeartbeat[] {
  const agents = config.agents ?? {};
  const defaults = agents.heartbeat ?? {};
  const explicit = (agents.list ?? []).filter((a) => a.heartbeat);
  return agentIds.map((agentId): AgentHeartbeat => {
    const own = explicit.find((a) => a.id === agentId)?.heartbeat;
    const has = explicit.length > 0 ? own !== undefined : agentId === defaultAgentId;
    const merged = { ...defaults, ...own };
    const base = {
      agentId,
      prompt: merged.prompt?.trim() || DEFAULT_HEARTBEAT_PROMPT,
      ackMaxChars: Math.max(0, merged.ackMaxChars ?? DEFAULT_ACK_MAX_CHARS),
      ...(merged.model ? { model: merged.model } : {}),
      target: merged.target?.trim().toLowerCase() || "none",
      ...(merged.to?.trim() ? { to: merged.to.trim() } : {}),
      ...(merged.accountId?.trim() ? { accountId: merged.accountId.trim() } : {}),
    };
    if (!has) return { ...base, enabled: false, every: "disabled", everyMs: null };
    const every = merged.every ?? DEFAULT_HEARTBEAT_EVERY;
    const ms = parseDurationMs(every);
    return { ...base, enabled: true, every, everyMs: ms && ms > 0 ? ms : null };
  });
}

/**
 * Whether a heartbeat reply is a plain acknowledgement: empty, or `HEARTBEAT_OK` at its start or
 * end (markup around it ignored) with at most `ackMaxChars` of other text.
 */
export function isHeartbeatAck(reply: string, ackMaxChars: number): boolean {
  const trimmed = reply.trim();
  if (!trimmed) return true;
  const plain = trimmed
    .replace(/<[^>]*>/g, " ")
    .replace(/&nbsp;/gi, " ")
    .replace(/^[*`~_]+|[*`~_]+$/g, "")
    .trim();
  for (const text of [trimmed, plain]) {
    let rest: string | undefined;
    if (text.startsWith(HEARTBEAT_TOKEN)) rest = text.slice(HEARTBEAT_TOKEN.length);
    else if (text.endsWith(HEARTBEAT_TOKEN)) rest = text.slice(0, -HEARTBEAT_TOKEN.length);
    if (rest !== undefined && rest.replace(/^[\s*`~_.!:,-]+|[\s*`~_.!:,-]+$/g, "").length <= ackMaxChars) return true;
  }
  return false;
}
