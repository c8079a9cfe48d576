/**
 * Session keys as protocol v3 defines them:
 *
 *   main                                                   alias of the default agent's main session
 *   agent:<agentId>:main                                   an agent's main (direct-message) session
 *   agent:<agentId>:dm:<channel>:<peerId>                  a per-peer DM session (dmScope per-peer / per-channel-peer)
 *   agent:<agentId>:group:<channel>:<groupId>              a group chat
 *   agent:<agentId>:thread:<channel>:<groupId>:<threadId>  a thread inside a group
 *   agent:<agentId>:subagent:<runId>                       a sub-agent run
 *   agent:<agentId>:<segment>[:<segment>…]                 any other key a v3 client names (kept as is)
 *
 * Agent ids and channels are lowercase; ids are case-preserving without
 * whitespace, control characters or `:`. One function derives a key from a
 * message context, one parses/normalizes/validates, one extracts the agent.
 */
export const DEFAULT_AGENT_ID = "main";
export const MAX_SESSION_KEY_LENGTH = 512;

export type SessionKeyParts =
  | { kind: "main"; agentId: string }
  | { kind: "dm"; agentId: string; channel: string; peerId: string }
  | { kind: "group"; agentId: string; channel: string; groupId: string }
  | { kind: "thread"; agentId: string; channel: string; groupId: string; threadId: string }
  | { kind: "subagent"; agentId: string; runId: string }
  /** Keys of no known kind (v3 clients send e.g. `agent:main:old`): the segments after the agent id, checked and kept. */
  | { kind: "other"; agentId: string; rest: string };

export type ChatType = "dm" | "group" | "thread";
export type DmScope = "main" | "per-peer" | "per-channel-peer";

const AGENT_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const CHANNEL = /^[a-z0-9][a-z0-9_.-]{0,63}$/;
const ID = /^[^\s:\u0000-\u001f\u007f]{1,200}$/u;
/** Segments that must never become object keys or path parts. */
const RESERVED = new Set(["__proto__", "constructor", "prototype"]);

export class SessionKeyError extends Error {
  constructor(
    readonly key: string,
    reason: string,
  ) {
    super(`invalid session key '${key.length > 80 ? key.slice(0, 80) + "…" : key}': ${reason}`);
    this.name = "SessionKeyError";
  }
}

/** Normalize an agent id (trim, lowercase) and check it. */
export function normalizeAgentId(agentId: string): string {
  const id = agentId.trim().toLowerCase();
  if (!AGENT_ID.test(id)) throw new SessionKeyError(agentId, "agent id must be 1-64 of a-z, 0-9, '_' or '-', starting with a letter or digit");
  return id;
}

function checkChannel(key: string, channel: string): string {
  const c = channel.toLowerCase();
  if (!CHANNEL.test(c)) throw new SessionKeyError(key, `bad channel '${channel}'`);
  return c;
}

function checkId(key: string, what: string, id: string): string {
  if (!ID.test(id)) throw new SessionKeyError(key, `bad ${what} '${id.slice(0, 40)}'`);
  return id;
}

/** Parse and validate a key; `main` becomes the default agent's main session. Throws `SessionKeyError`. */
export function parseSessionKey(raw: string, defaultAgentId = DEFAULT_AGENT_ID): SessionKeyParts {
  if (typeof raw !== "string") throw new SessionKeyError(String(raw), "not a string");
  const key = raw.trim();
  if (key === "") throw new SessionKeyError(raw, "empty");
  if (key.length > MAX_SESSION_KEY_LENGTH) throw new SessionKeyError(raw, `longer than ${MAX_SESSION_KEY_LENGTH} characters`);
  if (key.toLowerCase() === "main") return { kind: "main", agentId: normalizeAgentId(defaultAgentId) };
  const parts = key.split(":");
  if (parts[0].toLowerCase() !== "agent") throw new SessionKeyError(raw, "must be 'main' or start with 'agent:'");
  if (parts.length < 3) throw new SessionKeyError(raw, "too few segments");
  let agentId: string;
  try {
    agentId = normalizeAgentId(parts[1]);
  } catch {
    throw new SessionKeyError(raw, `bad agent id '${parts[1].slice(0, 40)}'`);
  }
  const kind = parts[2].toLowerCase();
  const rest = parts.slice(3);
  const arity = (n: number) => {
    if (rest.length !== n) throw new SessionKeyError(raw, `'${kind}' keys have ${n + 3} segments, got ${parts.length}`);
  };
  switch (kind) {
    case "main":
      arity(0);
      return { kind: "main", agentId };
    case "dm":
      arity(2);
      return { kind: "dm", agentId, channel: checkChannel(raw, rest[0]), peerId: checkId(raw, "peer id", rest[1]) };
    case "group":
      arity(2);
      return { kind: "group", agentId, channel: checkChannel(raw, rest[0]), groupId: checkId(raw, "group id", rest[1]) };
    case "thread":
      arity(3);
      return { kind: "thread", agentId, channel: checkChannel(raw, rest[0]), groupId: checkId(raw, "group id", rest[1]), threadId: checkId(raw, "thread id", rest[2]) };
    case "subagent":
      arity(1);
      return { kind: "subagent", agentId, runId: checkId(raw, "run id", rest[0]) };
    default: {
      const segments = parts.slice(2);
      for (const segment of segments) {
        if (RESERVED.has(segment)) throw new SessionKeyError(raw, `reserved segment '${segment}'`);
        checkId(raw, "segment", segment);
      }
      return { kind: "other", agentId, rest: segments.join(":") };
    }
  }
}

/** The canonical text of a parsed key. */
export function formatSessionKey(p: SessionKeyParts): string {
  switch (p.kind) {
    case "main":
      return `agent:${p.agentId}:main`;
    case "dm":
      return `agent:${p.agentId}:dm:${p.channel}:${p.peerId}`;
    case "group":
      return `agent:${p.agentId}:group:${p.channel}:${p.groupId}`;
    case "thread":
      return `agent:${p.agentId}:thread:${p.channel}:${p.groupId}:${p.threadId}`;
    case "subagent":
      return `agent:${p.agentId}:subagent:${p.runId}`;
    case "other":
      return `agent:${p.agentId}:${p.rest}`;
  }
}

/** Validate and return the canonical form of a key. Throws `SessionKeyError`. */
export function normalizeSessionKey(key: string, defaultAgentId = DEFAULT_AGENT_ID): string {
  return formatSessionKey(parseSessionKey(key, defaultAgentId));
}

/** The agent owning a key. Throws `SessionKeyError` for malformed keys. */
export function agentIdOfKey(key: string, defaultAgentId = DEFAULT_AGENT_ID): string {
  return parseSessionKey(key, defaultAgentId).agentId;
}

/** The chat type a key implies (sub-agent runs count as direct). */
export function chatTypeOfKey(parts: SessionKeyParts): ChatType {
  return parts.kind === "group" ? "group" : parts.kind === "thread" ? "thread" : "dm";
}

/** What a channel tells us about an incoming message. */
export interface MessageContext {
  channel: string;
  /** The sender (user id, phone number …). */
  senderId: string;
  /** Set for group messages. */
  groupId?: string;
  /** Set for messages inside a thread of a group. */
  threadId?: string;
  /** The agent routed to (default `main`). */
  agentId?: string;
  /** How direct messages map to sessions (default `main`: every DM shares the agent's main session). */
  dmScope?: DmScope;
  /** Set when a sub-agent run sends. */
  subagentRunId?: string;
}

/** The session key of a message. */
export function deriveSessionKey(ctx: MessageContext): string {
  const agentId = normalizeAgentId(ctx.agentId ?? DEFAULT_AGENT_ID);
  const key = (() => {
    if (ctx.subagentRunId) return formatSessionKey({ kind: "subagent", agentId, runId: ctx.subagentRunId });
    const channel = ctx.channel.trim().toLowerCase();
    if (ctx.groupId && ctx.threadId) return formatSessionKey({ kind: "thread", agentId, channel, groupId: ctx.groupId, threadId: ctx.threadId });
    if (ctx.groupId) return formatSessionKey({ kind: "group", agentId, channel, groupId: ctx.groupId });
    switch (ctx.dmScope ?? "main") {
      case "main":
        return formatSessionKey({ kind: "main", agentId });
      case "per-peer":
        return formatSessionKey({ kind: "dm", agentId, channel: "any", peerId: ctx.senderId });
      case "per-channel-peer":
        return formatSessionKey({ kind: "dm", agentId, channel, peerId: ctx.senderId });
    }
  })();
  return normalizeSessionKey(key);
}
