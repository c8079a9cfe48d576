/**
 * `channels.<id>` resolved into accounts: without `accounts` the channel's own
 * settings are its `default` account; with `accounts`, each listed account runs
 * with its fields over the channel's. Policy fields are read per message (they
 * apply without a restart); the other fields are the account's connection.
 */
import type { GatewayConfig } from "../../generated/ts/types.js";
import type { RateLimit } from "./flood.js";

export const DEFAULT_ACCOUNT_ID = "default";

export type DmPolicy = "pairing" | "allowlist" | "open" | "disabled";
export type GroupPolicy = "open" | "allowlist" | "disabled";

export interface GroupSettings {
  enabled?: boolean;
  requireMention?: boolean;
  allowFrom?: string[];
}

/** The access policy of one account, with defaults filled in. */
export interface AccountPolicy {
  dmPolicy: DmPolicy;
  allowFrom: string[];
  groupPolicy: GroupPolicy;
  groups: Record<string, GroupSettings>;
  groupAllowFrom?: string[];
  requireMention: boolean;
  agentId?: string;
  textChunkLimit?: number;
  maxInboundChars?: number;
  rateLimit?: RateLimit;
}

/** Fields read per message: changing them restarts nothing. */
export const POLICY_KEYS = ["dmPolicy", "allowFrom", "groupPolicy", "groups", "groupAllowFrom", "requireMention", "agentId", "textChunkLimit", "maxInboundChars", "rateLimit", "name"] as const;

export interface ResolvedAccount {
  channel: string;
  accountId: string;
  enabled: boolean;
  /** The account's merged settings (channel fields under account fields), without `accounts`. */
  config: Record<string, unknown>;
}

type Section = Record<string, unknown> & { accounts?: Record<string, Record<string, unknown>> };

function sectionOf(config: GatewayConfig, channel: string): Section | undefined {
  return (config.channels as Record<string, Section | undefined> | undefined)?.[channel];
}

/** The accounts a channel's config defines (none when the channel has no section). */
export function configuredAccounts(config: GatewayConfig, channel: string): ResolvedAccount[] {
  const section = sectionOf(config, channel);
  if (!section) return [];
  const { accounts, ...base } = section;
  const channelEnabled = base.enabled !== false;
  const ids = accounts && Object.keys(accounts).length ? Object.keys(accounts) : [DEFAULT_ACCOUNT_ID];
  return ids.map((accountId) => {
    const own = accounts?.[accountId] ?? {};
    const merged = { ...base, ...stripUndefined(own) };
    return { channel, accountId, enabled: channelEnabled && own.enabled !== false, config: merged };
  });
}

export function accountConfigOf(config: GatewayConfig, channel: string, accountId: string): Record<string, unknown> | undefined {
  return configuredAccounts(config, channel).find((a) => a.accountId === accountId)?.config;
}

/** The policy in an account's merged settings, defaults filled in (v3's: pairing, open groups, mention required). */
export function policyOf(config: Record<string, unknown> | undefined): AccountPolicy {
  const c = (config ?? {}) as Partial<AccountPolicy> & Record<string, unknown>;
  return {
    dmPolicy: c.dmPolicy ?? "pairing",
    allowFrom: (c.allowFrom ?? []).map(String),
    groupPolicy: c.groupPolicy ?? "open",
    groups: c.groups ?? {},
    groupAllowFrom: c.groupAllowFrom?.map(String),
    requireMention: c.requireMention ?? true,
    agentId: c.agentId,
    textChunkLimit: c.textChunkLimit,
    maxInboundChars: c.maxInboundChars,
    rateLimit: c.rateLimit,
  };
}

/** The fields whose change needs the account restarted (everything but policy). */
export function connectionConfig(config: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) if (!(POLICY_KEYS as readonly string[]).includes(key)) out[key] = value;
  return out;
}

/**
 * Checks the schema cannot express, as v3 makes them: `dmPolicy: "open"` must say so with `"*"` in
 * `allowFrom`, and `dmPolicy: "allowlist"` needs at least one entry there.
 * Each issue names the path to fix and how.
 */
export function channelConfigIssues(config: GatewayConfig): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  for (const [channel, section] of Object.entries((config.channels ?? {}) as Record<string, Section | undefined>)) {
    if (!section || typeof section !== "object") continue;
    const check = (at: string, effective: Record<string, unknown>, own: Record<string, unknown>) => {
      const allow = (effective.allowFrom as unknown[] | undefined) ?? [];
      const where = own.allowFrom !== undefined || own.dmPolicy !== undefined ? at : `channels.${channel}`;
      if (effective.dmPolicy === "allowlist" && allow.length === 0) {
        issues.push({
          path: `${where}.allowFrom`,
          message: `${where}.dmPolicy is "allowlist" but ${where}.allowFrom is empty, so nobody could message the agent: list the senders in ${where}.allowFrom, or use dmPolicy "pairing" or "disabled"`,
        });
        return;
      }
      if (effective.dmPolicy !== "open" || allow.includes("*")) return;
      issues.push({
        path: `${where}.allowFrom`,
        message: `${where}.dmPolicy is "open", which lets anyone message the agent, so ${where}.allowFrom must include "*" to confirm it: add "*" to ${where}.allowFrom, or use dmPolicy "pairing" or "allowlist"`,
      });
    };
    const { accounts, ...base } = section;
    if (!accounts || Object.keys(accounts).length === 0) check(`channels.${channel}`, base, base);
    else for (const [id, own] of Object.entries(accounts)) check(`channels.${channel}.accounts.${id}`, { ...base, ...stripUndefined(own ?? {}) }, own ?? {});
  }
  return issues;
}

function stripUndefined(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}
