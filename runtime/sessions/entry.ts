/** What the gateway stores per session, and how a patch is checked and applied. */
import type { ChatType } from "./keys.js";

export const THINKING_LEVELS = ["off", "minimal", "low", "medium", "high", "xhigh"] as const;
export const VERBOSE_LEVELS = ["off", "on", "full"] as const;
export const SEND_POLICIES = ["allow", "deny", "prompt"] as const;
export const MAX_LABEL_LENGTH = 64;

export type ThinkingLevel = (typeof THINKING_LEVELS)[number];
export type VerboseLevel = (typeof VERBOSE_LEVELS)[number];
export type SendPolicy = (typeof SEND_POLICIES)[number];

export interface SessionEntry {
  /** Members of entries written by v3 gateways (sessionFile, skillsSnapshot, …), kept as they are. */
  [member: string]: unknown;
  sessionId: string;
  createdAt: number;
  updatedAt: number;
  label?: string;
  displayName?: string;
  thinkingLevel?: ThinkingLevel;
  verboseLevel?: VerboseLevel;
  reasoningLevel?: string;
  responseUsage?: string;
  elevatedLevel?: string;
  execHost?: string;
  execSecurity?: string;
  execAsk?: string;
  execNode?: string;
  groupActivation?: string;
  spawnDepth?: number;
  modelOverride?: string;
  providerOverride?: string;
  sendPolicy?: SendPolicy;
  channel?: string;
  chatType?: ChatType;
  spawnedBy?: string;
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
}

/** A settings change; `null` clears a setting, an absent field leaves it. */
export interface SessionPatch {
  label?: string | null;
  thinkingLevel?: string | null;
  verboseLevel?: string | null;
  reasoningLevel?: string | null;
  /** `model` or `provider/model`. */
  model?: string | null;
  sendPolicy?: string | null;
  spawnedBy?: string | null;
  responseUsage?: string | null;
  elevatedLevel?: string | null;
  execHost?: string | null;
  execSecurity?: string | null;
  execAsk?: string | null;
  execNode?: string | null;
  groupActivation?: string | null;
  spawnDepth?: number | null;
}

/** Settings that are one of a fixed set of values. */
const CHOICES = {
  thinkingLevel: THINKING_LEVELS,
  verboseLevel: VERBOSE_LEVELS,
  reasoningLevel: ["off", "on", "stream"],
  sendPolicy: SEND_POLICIES,
  responseUsage: ["off", "tokens", "full", "on"],
  elevatedLevel: ["off", "on", "ask", "full"],
  execHost: ["sandbox", "gateway", "node"],
  execSecurity: ["deny", "allowlist", "full"],
  execAsk: ["off", "on-miss", "always"],
  groupActivation: ["mention", "always"],
} as const satisfies Record<string, readonly string[]>;

export class SessionPatchError extends Error {
  constructor(
    readonly field: string,
    reason: string,
  ) {
    super(`${field}: ${reason}`);
    this.name = "SessionPatchError";
  }
}

function oneOf<T extends string>(field: string, value: string, allowed: readonly T[]): T {
  const v = value.trim().toLowerCase();
  if (!(allowed as readonly string[]).includes(v)) throw new SessionPatchError(field, `must be one of ${allowed.join(", ")} (got '${value.slice(0, 40)}')`);
  return v as T;
}

/**
 * The entry after `patch`, or a `SessionPatchError` naming the field. Pure: the
 * input entry is not changed. `labelTaken` says whether another session has a label.
 */
export function applyPatch(entry: SessionEntry, patch: SessionPatch, labelTaken: (label: string) => boolean): SessionEntry {
  const next: SessionEntry = { ...entry };
  if (patch.label !== undefined) {
    if (patch.label === null) delete next.label;
    else {
      const label = patch.label.trim();
      if (!label) throw new SessionPatchError("label", "must not be empty (use null to clear it)");
      if (label.length > MAX_LABEL_LENGTH) throw new SessionPatchError("label", `at most ${MAX_LABEL_LENGTH} characters`);
      if (label !== entry.label && labelTaken(label)) throw new SessionPatchError("label", `'${label}' is already used by another session`);
      next.label = label;
    }
  }
  for (const field of Object.keys(CHOICES) as (keyof typeof CHOICES)[]) {
    const value = patch[field];
    if (value === undefined) continue;
    if (value === null) delete next[field];
    else (next as unknown as Record<string, string>)[field] = oneOf(field, value, CHOICES[field]);
  }
  if (patch.execNode !== undefined) {
    if (patch.execNode === null) delete next.execNode;
    else if (!/^[^\s\u0000-\u001f]{1,256}$/u.test(patch.execNode)) throw new SessionPatchError("execNode", "must be a node id or name without spaces");
    else next.execNode = patch.execNode;
  }
  if (patch.spawnDepth !== undefined) {
    if (patch.spawnDepth === null) delete next.spawnDepth;
    else if (!Number.isInteger(patch.spawnDepth) || patch.spawnDepth < 0 || patch.spawnDepth > 100) throw new SessionPatchError("spawnDepth", "must be an integer from 0 to 100");
    else next.spawnDepth = patch.spawnDepth;
  }
  if (patch.model !== undefined) {
    if (patch.model === null) {
      delete next.modelOverride;
      delete next.providerOverride;
    } else {
      const text = patch.model.trim();
      if (!/^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}(\/[A-Za-z0-9][A-Za-z0-9._:@/-]{0,255})?$/.test(text)) {
        throw new SessionPatchError("model", "must be 'model' or 'provider/model' (letters, digits, '.', '_', ':', '@', '-')");
      }
      const slash = text.indexOf("/");
      if (slash > 0) {
        next.providerOverride = text.slice(0, slash);
        next.modelOverride = text.slice(slash + 1);
      } else {
        delete next.providerOverride;
        next.modelOverride = text;
      }
    }
  }
  if (patch.spawnedBy !== undefined) {
    if (patch.spawnedBy === null) {
      if (entry.spawnedBy !== undefined) throw new SessionPatchError("spawnedBy", "cannot be cleared once set");
    } else {
      if (entry.spawnedBy !== undefined && entry.spawnedBy !== patch.spawnedBy) throw new SessionPatchError("spawnedBy", "cannot be changed once set");
      next.spawnedBy = patch.spawnedBy;
    }
  }
  return next;
}

/** `provider/model` or `model` of an entry's override. */
export function modelOf(entry: SessionEntry): string | undefined {
  if (!entry.modelOverride) return undefined;
  return entry.providerOverride ? `${entry.providerOverride}/${entry.modelOverride}` : entry.modelOverride;
}

/** Session ids name transcript files: never a path. */
export const SESSION_ID = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;

/** Accept a stored entry (drop unknown junk, keep what parses). */
export function acceptEntry(value: unknown): SessionEntry | undefined {
  if (!value || typeof value !== "object" || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.sessionId !== "string" || !SESSION_ID.test(v.sessionId)) return undefined;
  const updatedAt = typeof v.updatedAt === "number" ? v.updatedAt : 0;
  return { ...(v as object), sessionId: v.sessionId, updatedAt, createdAt: typeof v.createdAt === "number" ? v.createdAt : updatedAt } as SessionEntry;
}
