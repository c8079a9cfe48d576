/**
 * Channels: every configured channel account (connected, last in/out, last error, reconnects, DM
 * policy), a probe of them all, logout per account — refreshed when the health snapshot's channel
 * section changes and every few seconds — and the channel senders waiting for pairing approval
 * (approve / reject, live with `channel.pairing.requested` / `.resolved`).
 */
import { useRef, useState } from "preact/hooks";
import type { ChannelAccountSnapshot, ChannelPairingRequest, ChannelsStatusResult } from "../../../generated/ts/types.js";
import { Gated } from "../components/gated.js";
import { ActionButton, ago, Card, type Column, ErrorLine, Table, until } from "../components/ui.js";
import { useAction, useCall, useEvent, useInterval } from "../hooks.js";

const STATUS_METHODS = ["channels.status", "channels.logout"] as const;
const PAIRING_METHODS = ["channels.pairing.list", "channels.pairing.approve", "channels.pairing.reject"] as const;
/** The table refreshes this often besides on health changes, so relative times and reconnect attempts move on. */
const REFRESH_MS = 10_000;
const PROBE_TIMEOUT_MS = 5_000;

interface AccountRow {
  channel: string;
  label: string;
  account: ChannelAccountSnapshot & { nick?: string; server?: string; channels?: string[] };
}

/** Every account of every listed channel, in the gateway's display order. */
function accountRows(status?: ChannelsStatusResult): AccountRow[] {
  if (!status) return [];
  return status.channelOrder.flatMap((channel) => (status.channelAccounts[channel] ?? []).map((account) => ({ channel, label: status.channelLabels[channel] ?? channel, account })));
}

function stateOf(a: ChannelAccountSnapshot): { text: string; pill: string } {
  if (a.enabled === false) return { text: "disabled", pill: "pill" };
  if (a.configured === false) return { text: "not configured", pill: "pill" };
  if (a.connected) return { text: "connected", pill: "pill ok" };
  if (a.running) return { text: "connecting", pill: "pill bad" };
  return { text: "stopped", pill: "pill bad" };
}

/** A probe result in one line: `ok · 3 ms`, or `failed: <error>`. */
function probeText(probe: unknown): string {
  if (probe === undefined) return "not probed";
  const p = (probe ?? {}) as { ok?: boolean; rttMs?: number; error?: string };
  if (p.ok) return `ok${typeof p.rttMs === "number" ? ` · ${p.rttMs} ms` : ""}`;
  return `failed${p.error ? `: ${p.error}` : ""}`;
}

const rowKey = (r: { channel: string; account: { accountId: string } }) => `${r.channel}/${r.account.accountId}`;

function EmptyChannels() {
  return (
    <div data-testid="channels-empty">
      <p>No messaging channel is configured.</p>
      <p class="muted">
        Add one under <code>channels.irc</code> in the gateway config — at least <code>server</code> and <code>nick</code>, usually <code>join</code> and <code>dmPolicy</code> — on the{" "}
        <a href="#/config">Config page</a> or in the config file, e.g. <code>{'{ "channels": { "irc": { "server": "irc.libera.chat", "nick": "tidebot", "join": ["#ops"] } } }'}</code>. The account
        starts without a restart and shows here.
      </p>
    </div>
  );
}

function ChannelAccounts() {
  const status = useCall("channels.status", {});
  const probe = useAction("channels.status");
  const logout = useAction("channels.logout");
  const [probed, setProbed] = useState<ChannelsStatusResult>();
  const [loggedOut, setLoggedOut] = useState<string>();
  const lastChannels = useRef<string>();
  // Health events come periodically; reload only when their channel section changed (a connect, a drop, an error).
  useEvent("health", (h) => {
    const channels = JSON.stringify(h.channels ?? {});
    if (lastChannels.current !== undefined && lastChannels.current !== channels) status.reload();
    lastChannels.current = channels;
  });
  useInterval(status.reload, REFRESH_MS);
  const rows = accountRows(status.data);
  const probes = new Map(accountRows(probed).map((r) => [rowKey(r), r.account.probe]));
  const runProbe = async () => {
    const result = await probe.run({ probe: true, timeoutMs: PROBE_TIMEOUT_MS });
    if (result) setProbed(result);
  };
  const columns: Column<AccountRow>[] = [
    { title: "Channel", cell: (r) => r.label },
    {
      title: "Account",
      cell: (r) => (
        <>
          <code>{r.account.accountId}</code> {r.account.name ?? ""}
          {r.account.nick ? <span class="muted"> as {r.account.nick}</span> : null}
          {r.account.channels?.length ? <span class="muted"> in {r.account.channels.join(" ")}</span> : null}
        </>
      ),
    },
    {
      title: "State",
      cell: (r) => {
        const s = stateOf(r.account);
        return (
          <>
            <span class={s.pill} data-testid="channel-state">
              {s.text}
            </span>{" "}
            {r.account.running ? "running" : "not running"}
          </>
        );
      },
    },
    { title: "Last in", cell: (r) => ago(r.account.lastInboundAt) },
    { title: "Last out", cell: (r) => ago(r.account.lastOutboundAt) },
    { title: "Last error", cell: (r) => (r.account.lastError ? <span class="error">{r.account.lastError}</span> : "—") },
    { title: "Reconnects", cell: (r) => r.account.reconnectAttempts ?? 0 },
    { title: "DM policy", cell: (r) => r.account.dmPolicy ?? "—" },
    { title: "Probe", cell: (r) => <span data-testid="probe-result">{probeText(probes.get(rowKey(r)))}</span> },
    {
      title: "",
      class: "actions",
      cell: (r) => (
        <ActionButton
          label="Logout"
          kind="danger"
          confirm={`Log ${r.label} account "${r.account.accountId}" out? It disconnects and its stored credentials (if any) are forgotten.`}
          run={async () => {
            const answer = await logout.run({ channel: r.channel, accountId: r.account.accountId });
            if (answer) setLoggedOut(`${r.label} ${answer.accountId ?? r.account.accountId}: logged out${answer.cleared ? ", credentials cleared" : " (no stored credentials to clear)"}.`);
            status.reload();
          }}
        />
      ),
    },
  ];
  return (
    <Card title={`Channel accounts (${rows.length})`} id="channels">
      <ErrorLine error={status.error ?? probe.error ?? logout.error} />
      {status.data && rows.length === 0 ? (
        <EmptyChannels />
      ) : (
        <>
          <Table columns={columns} rows={rows} rowKey={rowKey} />
          <p class="actions">
            <ActionButton label={probe.busy ? "Probing…" : "Probe"} run={runProbe} disabled={probe.busy || rows.length === 0} />{" "}
            <span class="muted">
              {probed ? `Probed ${ago(probed.ts)}.` : "Probe checks every account now (IRC: a PING round trip)."} Updated {ago(status.data?.ts)}.
            </span>
          </p>
          {loggedOut && (
            <p class="muted" data-testid="logout-result">
              {loggedOut}
            </p>
          )}
        </>
      )}
    </Card>
  );
}

function PairingRequests() {
  const list = useCall("channels.pairing.list", {});
  const approve = useAction("channels.pairing.approve");
  const reject = useAction("channels.pairing.reject");
  const [decided, setDecided] = useState<string>();
  const [, setTick] = useState(0);
  useEvent("channel.pairing.requested", list.reload);
  useEvent("channel.pairing.resolved", (e) => {
    setDecided(`${e.request.senderId} on ${e.request.channel}/${e.request.accountId}: ${e.decision}.`);
    list.reload();
  });
  useInterval(() => setTick((t) => t + 1), 1000); // age and expiry count on
  const requests = list.data?.requests ?? [];
  const decide = (action: typeof approve, r: ChannelPairingRequest) => async () => {
    await action.run({ channel: r.channel, code: r.code });
    list.reload();
  };
  const columns: Column<ChannelPairingRequest>[] = [
    { title: "Channel", cell: (r) => r.channel },
    { title: "Account", cell: (r) => <code>{r.accountId}</code> },
    {
      title: "Sender",
      cell: (r) => (
        <>
          <code>{r.senderId}</code> {r.senderName ?? ""}
        </>
      ),
    },
    { title: "Code", cell: (r) => <code>{r.code}</code> },
    { title: "Asked", cell: (r) => ago(r.createdAt) },
    { title: "Expires", cell: (r) => until(r.expiresAt) },
    {
      title: "",
      class: "actions",
      cell: (r) => (
        <>
          <ActionButton label="Approve" kind="primary" run={decide(approve, r)} disabled={approve.busy} />
          <ActionButton label="Reject" kind="danger" run={decide(reject, r)} disabled={reject.busy} />
        </>
      ),
    },
  ];
  return (
    <>
      <ErrorLine error={list.error ?? approve.error ?? reject.error} />
      <Table
        columns={columns}
        rows={requests}
        rowKey={(r) => `${r.channel}/${r.code}`}
        empty={
          <>
            No channel sender waits for approval. Under <code>dmPolicy: "pairing"</code> an unknown sender gets a code over the channel and shows here.
          </>
        }
      />
      {decided && (
        <p class="muted" data-testid="pairing-decided">
          {decided}
        </p>
      )}
    </>
  );
}

export const Channels = () => (
  <Gated methods={STATUS_METHODS}>
    <div class="grid">
      <ChannelAccounts />
      <Card title="Channel pairing requests" id="channel-pairing">
        <Gated methods={PAIRING_METHODS}>
          <PairingRequests />
        </Gated>
      </Card>
    </div>
  </Gated>
);
