/** Overview: gateway status, health and who is connected (presence, live). */
import { useState } from "preact/hooks";
import type { HealthSnapshot, PresenceEntry } from "../../../generated/ts/types.js";
import { ago, Card, ErrorLine, short } from "../components/ui.js";
import { useCall, useEvent } from "../hooks.js";

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
        <table>
          <thead>
            <tr>
              <th>Host</th>
              <th>Mode</th>
              <th>Roles</th>
              <th>Platform</th>
              <th>Device</th>
              <th>Seen</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e, i) => (
              <tr key={e.instanceId ?? e.deviceId ?? i}>
                <td>{e.host ?? e.ip ?? "—"}</td>
                <td>{e.mode ?? "—"}</td>
                <td>{(e.roles ?? []).join(", ") || "—"}</td>
                <td>{e.platform ?? "—"}</td>
                <td>
                  <code>{short(e.deviceId)}</code>
                </td>
                <td>{ago(e.ts)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
