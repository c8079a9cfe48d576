/** Channel state as `channels.status`, the health snapshot and `status`'s channel summary show it. */
import type { ChannelAccountSnapshot, ChannelsStatusResult, PresenceEntry } from "../../generated/ts/types.js";
import type { ChannelManager } from "./manager.js";
import type { AccountStates, AccountStatus } from "./state.js";

/** The messaging channels shown to operators (internal ones such as webchat are not). */
export function listedPlugins(manager: ChannelManager) {
  return manager.plugins.filter((p) => !p.internal);
}

/** Every account of a channel: configured ones with their state; an unconfigured channel shows one idle default account. */
export function accountSnapshots(manager: ChannelManager, states: AccountStates, channel: string): ChannelAccountSnapshot[] {
  const configured = manager.accounts(channel);
  if (configured.length === 0) return [{ accountId: manager.defaultAccountId(channel), enabled: false, configured: false, running: false, connected: false }];
  return configured.map((a) => {
    const state: Partial<AccountStatus> = states.get(channel, a.accountId) ?? {};
    const policy = manager.pipelinePolicy(channel, a.accountId);
    return clean({
      ...state,
      accountId: a.accountId,
      enabled: a.enabled,
      configured: state.configured ?? true,
      running: state.running ?? false,
      connected: state.connected ?? false,
      dmPolicy: policy.dmPolicy,
      allowFrom: manager.allowFrom(channel, a.accountId),
      allowUnmentionedGroups: !policy.requireMention,
    }) as ChannelAccountSnapshot;
  });
}

/** As v3: `channels.status` and health list the channels configured under `channels.*` (an empty config lists none). */
export function channelsStatus(manager: ChannelManager, states: AccountStates, now: number, probes: Record<string, Record<string, unknown>> = {}): ChannelsStatusResult {
  const plugins = listedPlugins(manager).filter((p) => manager.accounts(p.id).length > 0);
  const result: ChannelsStatusResult = {
    ts: now,
    channelOrder: plugins.map((p) => p.id),
    channelLabels: Object.fromEntries(plugins.map((p) => [p.id, p.label])),
    channelDetailLabels: Object.fromEntries(plugins.map((p) => [p.id, p.detailLabel])),
    channelSystemImages: {},
    channelMeta: plugins.map((p) => ({ id: p.id, label: p.label, detailLabel: p.detailLabel })),
    channels: {},
    channelAccounts: {},
    channelDefaultAccountId: {},
  };
  for (const plugin of plugins) {
    const accounts = accountSnapshots(manager, states, plugin.id).map((a) => {
      const probe = probes[`${plugin.id}\u0000${a.accountId}`];
      return probe ? { ...a, probe, lastProbeAt: now } : a;
    });
    const main = accounts.find((a) => a.accountId === manager.defaultAccountId(plugin.id)) ?? accounts[0];
    result.channelAccounts[plugin.id] = accounts;
    result.channelDefaultAccountId[plugin.id] = manager.defaultAccountId(plugin.id);
    result.channels[plugin.id] = clean({
      configured: accounts.some((a) => a.configured),
      running: accounts.some((a) => a.running),
      connected: accounts.some((a) => a.connected),
      lastStartAt: main?.lastStartAt,
      lastStopAt: main?.lastStopAt,
      lastError: main?.lastError,
      lastInboundAt: max(accounts.map((a) => a.lastInboundAt)),
      lastOutboundAt: max(accounts.map((a) => a.lastOutboundAt)),
    });
  }
  return result;
}

/** The health snapshot's channel section. */
export function healthChannels(manager: ChannelManager, states: AccountStates, now: number) {
  const status = channelsStatus(manager, states, now);
  const channels: Record<string, unknown> = {};
  for (const id of status.channelOrder) {
    const accounts = status.channelAccounts[id];
    channels[id] = {
      ...(status.channels[id] as object),
      accounts: Object.fromEntries(accounts.map((a) => [a.accountId, a])),
    };
  }
  return { channels, channelOrder: status.channelOrder, channelLabels: status.channelLabels };
}

/** `status`'s channel summary: one line per configured account. */
export function summaryLines(manager: ChannelManager, states: AccountStates, now: number): string[] {
  const lines: string[] = [];
  for (const plugin of listedPlugins(manager)) {
    if (manager.accounts(plugin.id).length === 0) continue;
    for (const a of accountSnapshots(manager, states, plugin.id)) {
      const state = !a.enabled ? "disabled" : !a.configured ? "not configured" : a.connected ? "connected" : a.running ? "connecting" : "stopped";
      const parts = [`${plugin.label} ${a.accountId}: ${state}`];
      if (a.dmPolicy) parts.push(`dm ${a.dmPolicy}`);
      if (a.lastInboundAt) parts.push(`last in ${ago(now - a.lastInboundAt)}`);
      if (a.lastOutboundAt) parts.push(`last out ${ago(now - a.lastOutboundAt)}`);
      if (a.lastError) parts.push(`error: ${a.lastError}`);
      lines.push(parts.join(" · "));
    }
  }
  return lines;
}

/**
 * Presence rows of the configured channel accounts (`mode: "channel"`), so operators watching
 * presence see each channel connect and drop: `reason` is `connect` while connected, else
 * `disconnect`; `ts` is when that state began; the text carries the summary line.
 */
export function presenceRows(manager: ChannelManager, states: AccountStates, now: number): PresenceEntry[] {
  const lines = summaryLines(manager, states, now);
  const rows: PresenceEntry[] = [];
  for (const plugin of listedPlugins(manager)) {
    if (manager.accounts(plugin.id).length === 0) continue;
    for (const a of accountSnapshots(manager, states, plugin.id)) {
      const since = a.connected ? a.lastConnectedAt : (a.lastStopAt ?? a.lastStartAt);
      rows.push({
        host: `${plugin.label} ${a.accountId}`,
        mode: "channel",
        reason: a.connected ? "connect" : "disconnect",
        tags: ["channel", plugin.id],
        instanceId: `channel:${plugin.id}:${a.accountId}`,
        text: `Channel: ${lines.find((l) => l.startsWith(`${plugin.label} ${a.accountId}:`)) ?? `${plugin.label} ${a.accountId}`}`,
        ts: since ?? now,
      });
    }
  }
  return rows;
}

function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 60 ? `${s}s ago` : s < 3600 ? `${Math.round(s / 60)}m ago` : `${Math.round(s / 3600)}h ago`;
}

function max(values: (number | undefined)[]): number | undefined {
  const defined = values.filter((v): v is number => v !== undefined);
  return defined.length ? Math.max(...defined) : undefined;
}

function clean<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
