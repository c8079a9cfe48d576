/**
 * Starts one account per enabled configured account of every channel plugin,
 * stops them on shutdown, and applies config changes by restarting only the
 * accounts whose connection settings changed (policy is read per message).
 * A start that fails is logged, shown as `lastError`, and retried with backoff;
 * it never stops the gateway or another account.
 */
import { join } from "node:path";
import type { GatewayConfig } from "../../generated/ts/types.js";
import type { Logger } from "../log.js";
import { configuredAccounts, connectionConfig, DEFAULT_ACCOUNT_ID, type ResolvedAccount } from "./config.js";
import type { ChannelPipeline, LiveAccount } from "./pipeline.js";
import type { AccountStates } from "./state.js";
import type { ChannelAccount, ChannelContext, ChannelPlugin } from "./types.js";

export interface ManagerDeps {
  plugins: readonly ChannelPlugin[];
  config(): GatewayConfig;
  stateDir: string;
  log: Logger;
  now(): number;
  states: AccountStates;
  pipeline: ChannelPipeline;
  /** Delay before the first retry of a failed start, doubling up to `maxMs` (default 2 s → 5 min). */
  retry?: { initialMs: number; maxMs: number };
}

interface Entry {
  plugin: ChannelPlugin;
  accountId: string;
  /** The connection settings it was started with (JSON), to see whether a change needs a restart. */
  connection: string;
  config: Record<string, unknown>;
  account?: ChannelAccount;
  attempts: number;
  retryTimer?: NodeJS.Timeout;
  stopped: boolean;
}

const key = (channel: string, accountId: string) => `${channel}\u0000${accountId}`;

export class ChannelManager {
  private readonly entries = new Map<string, Entry>();
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly deps: ManagerDeps) {}

  get plugins(): readonly ChannelPlugin[] {
    return this.deps.plugins;
  }

  plugin(channel: string): ChannelPlugin | undefined {
    return this.deps.plugins.find((p) => p.id === channel);
  }

  /** Start every enabled account of the current config. Never throws. */
  start(): Promise<void> {
    return this.apply();
  }

  /** Bring running accounts in line with the current config (start, stop, restart what changed). Never throws. */
  apply(): Promise<void> {
    const next = this.queue.then(() => this.reconcile());
    this.queue = next.catch(() => undefined);
    return this.queue;
  }

  /** Stop every account (gateway shutdown). */
  stop(): Promise<void> {
    this.closed = true;
    const next = this.queue.then(() => Promise.all([...this.entries.values()].map((e) => this.stopEntry(e))).then(() => this.entries.clear()));
    this.queue = next.catch(() => undefined);
    return this.queue;
  }

  /** The account to use for `channel` (its default account when `accountId` is absent), if it runs. */
  live(channel: string, accountId?: string): LiveAccount | undefined {
    const entry = this.entries.get(key(channel, accountId ?? this.defaultAccountId(channel)));
    return entry?.account && !entry.stopped ? { plugin: entry.plugin, accountId: entry.accountId, account: entry.account } : undefined;
  }

  /** The configured accounts of a channel (enabled or not). */
  accounts(channel: string): ResolvedAccount[] {
    const plugin = this.plugin(channel);
    if (plugin?.internal) return [{ channel, accountId: DEFAULT_ACCOUNT_ID, enabled: true, config: this.internalConfig(channel) }];
    return configuredAccounts(this.deps.config(), channel);
  }

  /** The policy in force for an account. */
  pipelinePolicy(channel: string, accountId: string) {
    return this.deps.pipeline.policy(channel, accountId);
  }

  /** `allowFrom` plus the senders approved through pairing. */
  allowFrom(channel: string, accountId: string): string[] {
    return this.deps.pipeline.allowFrom(channel, accountId);
  }

  defaultAccountId(channel: string): string {
    const accounts = this.accounts(channel);
    return accounts.find((a) => a.accountId === DEFAULT_ACCOUNT_ID)?.accountId ?? accounts[0]?.accountId ?? DEFAULT_ACCOUNT_ID;
  }

  private internalConfig(channel: string): Record<string, unknown> {
    return { ...((this.deps.config().channels as Record<string, Record<string, unknown> | undefined> | undefined)?.[channel] ?? {}) };
  }

  private async reconcile(): Promise<void> {
    if (this.closed) return;
    const wanted = new Map<string, { plugin: ChannelPlugin; account: ResolvedAccount }>();
    for (const plugin of this.deps.plugins) {
      for (const account of this.accounts(plugin.id)) {
        if (account.enabled) wanted.set(key(plugin.id, account.accountId), { plugin, account });
        else {
          this.deps.states.patch(plugin.id, account.accountId, { enabled: false, running: false, connected: false });
        }
      }
    }
    for (const [k, entry] of this.entries) {
      const want = wanted.get(k);
      if (want && JSON.stringify(connectionConfig(want.account.config)) === entry.connection) continue;
      this.entries.delete(k);
      await this.stopEntry(entry);
      if (!want) {
        const stillConfigured = this.accounts(entry.plugin.id).some((a) => a.accountId === entry.accountId);
        if (!stillConfigured) this.deps.states.remove(entry.plugin.id, entry.accountId);
      } else this.deps.log.info("channel account settings changed: restarting it", { channel: entry.plugin.id, accountId: entry.accountId });
    }
    for (const [k, { plugin, account }] of wanted) {
      if (this.entries.has(k)) continue;
      const entry: Entry = {
        plugin,
        accountId: account.accountId,
        connection: JSON.stringify(connectionConfig(account.config)),
        config: account.config,
        attempts: 0,
        stopped: false,
      };
      const problems = plugin.validate(account.config);
      const name = typeof account.config.name === "string" ? account.config.name : undefined;
      if (problems.length) {
        const lastError = `not configured: ${problems.join("; ")}`;
        this.deps.states.patch(plugin.id, account.accountId, { enabled: true, configured: false, running: false, connected: false, lastError, name });
        this.deps.log.warn(`channel account not started: ${problems.join("; ")}`, { channel: plugin.id, accountId: account.accountId });
        continue;
      }
      this.deps.states.patch(plugin.id, account.accountId, { enabled: true, configured: true, name, lastError: undefined });
      this.entries.set(k, entry);
      void this.startEntry(entry);
    }
  }

  private async startEntry(entry: Entry): Promise<void> {
    if (entry.stopped || this.closed) return;
    const { plugin, accountId } = entry;
    const channel = plugin.id;
    this.deps.states.patch(channel, accountId, { running: true, lastStartAt: this.deps.now() });
    try {
      const account = plugin.create(this.context(entry));
      entry.account = account;
      await account.start();
      if (entry.stopped) return;
      entry.attempts = 0;
      this.deps.log.info("channel account started", { channel, accountId });
    } catch (error) {
      const reason = (error as Error)?.message ?? String(error);
      const account = entry.account;
      entry.account = undefined;
      await account?.stop().catch(() => undefined);
      if (entry.stopped) return;
      const { initialMs, maxMs } = this.deps.retry ?? { initialMs: 2_000, maxMs: 300_000 };
      const delay = Math.min(maxMs, initialMs * 2 ** entry.attempts);
      entry.attempts++;
      this.deps.states.patch(channel, accountId, { running: false, connected: false, lastError: `start failed: ${reason}`, reconnectAttempts: entry.attempts });
      this.deps.log.error(`channel account failed to start: ${reason}; retrying in ${Math.round(delay / 1000)} s`, { channel, accountId, attempt: entry.attempts });
      entry.retryTimer = setTimeout(() => void this.startEntry(entry), delay);
      entry.retryTimer.unref?.();
    }
  }

  private async stopEntry(entry: Entry): Promise<void> {
    entry.stopped = true;
    clearTimeout(entry.retryTimer);
    const account = entry.account;
    entry.account = undefined;
    if (account) {
      try {
        await account.stop();
      } catch (error) {
        this.deps.log.warn(`channel account did not stop cleanly: ${(error as Error).message}`, { channel: entry.plugin.id, accountId: entry.accountId });
      }
    }
    this.deps.states.patch(entry.plugin.id, entry.accountId, { running: false, connected: false, lastStopAt: this.deps.now() });
  }

  private context(entry: Entry): ChannelContext {
    const { plugin, accountId } = entry;
    const fields = { channel: plugin.id, accountId };
    const log = this.deps.log;
    const live = (): LiveAccount | undefined => (entry.account && !entry.stopped ? { plugin, accountId, account: entry.account } : undefined);
    return {
      channel: plugin.id,
      accountId,
      config: entry.config,
      stateDir: join(this.deps.stateDir, "channels", plugin.id, accountId),
      log: {
        debug: (m, f) => log.debug(m, { ...fields, ...f }),
        info: (m, f) => log.info(m, { ...fields, ...f }),
        warn: (m, f) => log.warn(m, { ...fields, ...f }),
        error: (m, f) => log.error(m, { ...fields, ...f }),
        get debugEnabled() {
          return log.debugEnabled;
        },
        addSecret: log.addSecret?.bind(log),
      },
      now: this.deps.now,
      receive: (message) => {
        const account = live();
        if (!account) {
          log.info("channel message dropped (account-stopped): the account is not running", { ...fields, sender: message.sender?.id });
          return;
        }
        void this.deps.pipeline.handle(account, message);
      },
      report: (patch) => {
        if (entry.stopped) return;
        this.deps.states.patch(plugin.id, accountId, patch);
      },
    };
  }
}
