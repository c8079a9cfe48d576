/** Overview: gateway status, health and who is connected (presence, live). */
import { useState } from "preact/hooks";
import type { HealthSnapshot, PresenceEntry } from "../../../generated/ts/types.js";
import { ago, Card, type Column, ErrorLine, short, Table } from "../components/ui.js";
import { useCall, useEvent } from "../hooks.js";

const PRESENCE_COLUMNS: Column<PresenceEntry>[] = [
  { title: "Host", cell: (e) => e.host ?? e.ip ?? "—" },
  { title: "Mode", cell: (e) => e.mode ?? "—" },
  { title: "Roles", cell: (e) => (e.roles ?? []).join(", ") || "—" },
  { title: "Platform", cell: (e) => e.platform ?? "—" },
  { title: "Device", cell: (e) => <code>{short(e.deviceId)}</code> },
  { title: "Seen", cell: (e) => ago(e.ts) },
];

export function Overview() {
  const status = useCall("status", {});
  const health = useCall("health", {});
  const presence = useCall("system-presence", {});
  const [livePresence, setLivePresence] = useState<PresenceEntry[]>();
  const [liveHealth, setLiveHealth] = useState<HealthSnapshot>();
  useEvent("presence", (p) => setLivePresence(p.presence));
  useEvent("health", setLiveHealth);
  const s = status.data;
  const h = liveHealth ?? health.data;
  const entries = livePresence ?? presence.data ?? [];
  return (
    <div class="grid">
      <Card title="Gateway" id="status">
        <ErrorLine error={status.error} />
        {s && (
          <dl>
            <dt>Default agent</dt>
            <dd>{s.heartbeat.defaultAgentId}</dd>
            <dt>Heartbeats</dt>
            <dd>{s.heartbeat.agents.map((a) => `${a.agentId}: ${a.enabled ? a.every : "off"}`).join(", ") || "none"}</dd>
            <dt>Channels</dt>
            <dd>{s.channelSummary.join("; ") || "none"}</dd>
            <dt>Queued events</dt>
            <dd>{s.queuedSystemEvents.length}</dd>
            <dt>Sessions</dt>
            <dd>{s.sessions.count}</dd>
          </dl>
        )}
      </Card>
      <Card title="Health" id="health">
        <ErrorLine error={health.error} />
        {h && (
          <p>
            <span class={h.ok ? "pill ok" : "pill bad"}>{h.ok ? "healthy" : "unhealthy"}</span> checked {ago(h.ts)} in {h.durationMs} ms
          </p>
        )}
        <button type="button" onClick={health.reload}>
          Refresh
        </button>
      </Card>
      <Card title={`Presence (${entries.length})`} id="presence">
        <ErrorLine error={presence.error} />
        <Table columns={PRESENCE_COLUMNS} rows={entries} rowKey={(e, i) => e.instanceId ?? e.deviceId ?? String(i)} />
      </Card>
    </div>
  );
}
