/** Devices: pending pairing requests (approve / reject) and paired devices (revoke a role's token, remove). */

import type { DevicePairListResult, Role } from "../../../generated/ts/types.js";
import { ActionButton, ago, Card, type Column, ErrorLine, short, Table } from "../components/ui.js";
import { useAction, useCall, useConnection, useEvent } from "../hooks.js";

type PendingDevice = DevicePairListResult["pending"][number];
type PairedDevice = DevicePairListResult["paired"][number];

export function Devices() {
  const list = useCall("device.pair.list", {});
  const approve = useAction("device.pair.approve");
  const reject = useAction("device.pair.reject");
  const revoke = useAction("device.token.revoke");
  const remove = useAction("device.pair.remove");
  const { deviceId: self } = useConnection();
  useEvent("device.pair.requested", list.reload);
  useEvent("device.pair.resolved", list.reload);
  const after = (p: Promise<unknown>) => p.then(list.reload);
  const pending = list.data?.pending ?? [];
  const paired = list.data?.paired ?? [];
  const pendingColumns: Column<PendingDevice>[] = [
    {
      title: "Request",
      cell: (r) => (
        <>
          <code>{short(r.requestId)}</code>
          {r.isRepair ? " (re-pair)" : ""}
        </>
      ),
    },
    {
      title: "Device",
      cell: (r) => (
        <>
          <code>{short(r.deviceId)}</code> {r.displayName ?? ""}
        </>
      ),
    },
    { title: "Client", cell: (r) => `${r.clientId ?? "—"} ${r.clientMode ? `(${r.clientMode})` : ""}` },
    { title: "Role / scopes", cell: (r) => `${r.role ?? "—"}: ${(r.scopes ?? []).join(", ") || "—"}` },
    { title: "From", cell: (r) => r.remoteIp ?? "—" },
    { title: "Expires", cell: (r) => (r.expiresAtMs === undefined ? "—" : `${Math.max(0, Math.round((r.expiresAtMs - Date.now()) / 1000))} s`) },
    {
      title: "",
      class: "actions",
      cell: (r) => (
        <>
          <ActionButton label="Approve" kind="primary" run={() => after(approve.run({ requestId: r.requestId }))} />
          <ActionButton label="Reject" kind="danger" run={() => after(reject.run({ requestId: r.requestId }))} />
        </>
      ),
    },
  ];
  const pairedColumns: Column<PairedDevice>[] = [
    {
      title: "Device",
      cell: (d) => (
        <>
          <code>{short(d.deviceId)}</code> {d.displayName ?? ""} {d.deviceId === self ? <span class="pill">this browser</span> : null}
        </>
      ),
    },
    { title: "Client", cell: (d) => `${d.clientId ?? "—"} ${d.platform ? `on ${d.platform}` : ""}` },
    {
      title: "Roles and tokens",
      cell: (d) =>
        (d.tokens ?? []).map((g) => (
          <div key={g.role}>
            {g.role}: {g.scopes.join(", ") || "—"}{" "}
            {g.revokedAtMs !== undefined ? (
              <span class="pill bad">token revoked</span>
            ) : (
              <ActionButton label="Revoke token" run={() => after(revoke.run({ deviceId: d.deviceId, role: g.role as Role }))} />
            )}
          </div>
        )),
    },
    { title: "Approved", cell: (d) => ago(d.approvedAtMs) },
    { title: "Seen", cell: (d) => ago(d.tokens?.map((k) => k.lastUsedAtMs ?? 0).reduce((a, b) => Math.max(a, b), 0) || undefined) },
    { title: "", cell: (d) => <ActionButton label="Remove" kind="danger" run={() => after(remove.run({ deviceId: d.deviceId }))} /> },
  ];
  return (
    <div class="grid">
      <Card title={`Pending pairing requests (${pending.length})`} id="pending">
        <ErrorLine error={list.error ?? approve.error ?? reject.error} />
        <Table columns={pendingColumns} rows={pending} rowKey={(r) => r.requestId} empty="Nothing waits for approval." />
      </Card>
      <Card title={`Paired devices (${paired.length})`} id="paired">
        <ErrorLine error={revoke.error ?? remove.error} />
        <Table columns={pairedColumns} rows={paired} rowKey={(d) => d.deviceId} />
      </Card>
    </div>
  );
}
