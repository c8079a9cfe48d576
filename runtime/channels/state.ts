/**
 * What each channel account reports of itself (connected, last message, last
 * error …), kept for `channels.status`, the health snapshot and `status`.
 */
import type { ChannelAccountState } from "./types.js";

export interface AccountStatus extends ChannelAccountState {
  accountId: string;
  enabled: boolean;
  name?: string;
}

/** Members whose change is news (health events); message times change too often to announce. */
const NOTABLE = ["enabled", "configured", "running", "connected", "lastError"] as const;

export interface StateChange {
  channel: string;
  accountId: string;
  /** True when connection state or the last error changed (not just message times). */
  notable: boolean;
}

export class AccountStates {
  private readonly states = new Map<string, Map<string, AccountStatus>>();
  private readonly listeners = new Set<(change: StateChange) => void>();

  get(channel: string, accountId: string): AccountStatus | undefined {
    return this.states.get(channel)?.get(accountId);
  }

  /** Merge `patch` into the account's state (creating it); listeners hear of it. */
  patch(channel: string, accountId: string, patch: Partial<AccountStatus>): AccountStatus {
    let byAccount = this.states.get(channel);
    if (!byAccount) this.states.set(channel, (byAccount = new Map()));
    const known = byAccount.get(accountId);
    const current = known ?? { accountId, enabled: true, configured: true, running: false, connected: false };
    const next: AccountStatus = { ...current, ...patch, accountId };
    for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
    byAccount.set(accountId, next);
    const notable = !known || NOTABLE.some((k) => current[k] !== next[k]);
    for (const listener of this.listeners) listener({ channel, accountId, notable });
    return next;
  }

  /** Forget an account that left the config. */
  remove(channel: string, accountId: string): void {
    if (this.states.get(channel)?.delete(accountId)) for (const listener of this.listeners) listener({ channel, accountId, notable: true });
  }

  accounts(channel: string): AccountStatus[] {
    return [...(this.states.get(channel)?.values() ?? [])].map((s) => ({ ...s }));
  }

  onChange(listener: (change: StateChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
