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

export class AccountStates {
  private readonly states = new Map<string, Map<string, AccountStatus>>();
  private readonly listeners = new Set<() => void>();

  get(channel: string, accountId: string): AccountStatus | undefined {
    return this.states.get(channel)?.get(accountId);
  }

  /** Merge `patch` into the account's state (creating it); listeners hear of it. */
  patch(channel: string, accountId: string, patch: Partial<AccountStatus>): AccountStatus {
    let byAccount = this.states.get(channel);
    if (!byAccount) this.states.set(channel, (byAccount = new Map()));
    const current = byAccount.get(accountId) ?? { accountId, enabled: true, configured: true, running: false, connected: false };
    const next: AccountStatus = { ...current, ...patch, accountId };
    for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
    byAccount.set(accountId, next);
    for (const listener of this.listeners) listener();
    return next;
  }

  /** Forget an account that left the config. */
  remove(channel: string, accountId: string): void {
    if (this.states.get(channel)?.delete(accountId)) for (const listener of this.listeners) listener();
  }

  accounts(channel: string): AccountStatus[] {
    return [...(this.states.get(channel)?.values() ?? [])].map((s) => ({ ...s }));
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
