/** Devices: pending pairing requests (approve / reject) and paired devices (revoke a role's token, remove). */

import type { Role } from "../../../generated/ts/types.js";
import { ago, Card, ErrorLine, short } from "../components/ui.js";
import { useAction, useCall, useConnection, useEvent } from "../hooks.js";

export function Devices() {
  const list = useCall("device.pair.list", {});
  const approve = useAction("device.pair.approve");
  const reject = useAction("device.pair.reject");
  const revoke = useAction("device.token.revoke");
  const remove = useAction("device.pair.remove");
  const { deviceId: self } = useConnection();
  useEvent("device.pair.requested", list.reload);
  useEvent("device.pair.resolved", list.reload);
  const after = (p: Promise<unknown>) => void p.then(list.reload);
  const pending = list.data?.pending ?? [];
  const paired = list.data?.paired ?? [];
  return (
    <div class="grid">
      <Card title={`Pending pairing requests (${pending.length})`} id="pending">
        <ErrorLine error={list.error ?? approve.error ?? reject.error} />
        {pending.length === 0 && <p class="muted">Nothing waits for approval.</p>}
        <table>
          <thead>
            <tr>
              <th>Request</th>
              <th>Device</th>
              <th>Client</th>
              <th>Role / scopes</th>
              <th>From</th>
              <th>Expires</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {pending.map((r) => (
              <tr key={r.requestId}>
                <td>
                  <code>{short(r.requestId)}</code>
                  {r.isRepair ? " (re-pair)" : ""}
                </td>
                <td>
                  <code>{short(r.deviceId)}</code> {r.displayName ?? ""}
                </td>
                <td>
                  {r.clientId ?? "—"} {r.clientMode ? `(${r.clientMode})` : ""}
                </td>
                <td>
                  {r.role ?? "—"}: {(r.scopes ?? []).join(", ") || "—"}
                </td>
                <td>{r.remoteIp ?? "—"}</td>
                <td>{r.expiresAtMs === undefined ? "—" : `${Math.max(0, Math.round((r.expiresAtMs - Date.now()) / 1000))} s`}</td>
                <td class="actions">
                  <button type="button" class="primary" onClick={() => after(approve.run({ requestId: r.requestId }))}>
                    Approve
                  </button>
                  <button type="button" class="danger" onClick={() => after(reject.run({ requestId: r.requestId }))}>
                    Reject
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <Card title={`Paired devices (${paired.length})`} id="paired">
        <ErrorLine error={revoke.error ?? remove.error} />
        <table>
          <thead>
            <tr>
              <th>Device</th>
              <th>Client</th>
              <th>Roles and tokens</th>
              <th>Approved</th>
              <th>Seen</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {paired.map((d) => (
              <tr key={d.deviceId}>
                <td>
                  <code>{short(d.deviceId)}</code> {d.displayName ?? ""} {d.deviceId === self ? <span class="pill">this browser</span> : null}
                </td>
                <td>
                  {d.clientId ?? "—"} {d.platform ? `on ${d.platform}` : ""}
                </td>
                <td>
                  {(d.tokens ?? []).map((g) => (
                    <div key={g.role}>
                      {g.role}: {g.scopes.join(", ") || "—"}{" "}
                      {g.revokedAtMs !== undefined ? (
                        <span class="pill bad">token revoked</span>
                      ) : (
                        <button type="button" onClick={() => after(revoke.run({ deviceId: d.deviceId, role: g.role as Role }))}>
                          Revoke token
                        </button>
                      )}
                    </div>
                  ))}
                </td>
                <td>{ago(d.approvedAtMs)}</td>
                <td>{ago(d.tokens?.map((k) => k.lastUsedAtMs ?? 0).reduce((a, b) => Math.max(a, b), 0) || undefined)}</td>
                <td>
                  <button type="button" class="danger" onClick={() => after(remove.run({ deviceId: d.deviceId }))}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
