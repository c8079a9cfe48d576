/** Sessions: list, preview one, patch its label/model, reset it. */
import { useState } from "preact/hooks";
import { Gated } from "../components/gated.js";
import { ActionButton, ago, Card, type Column, ErrorLine, Json, Table } from "../components/ui.js";
import { useAction, useCall } from "../hooks.js";

const METHODS = ["sessions.list", "sessions.preview", "sessions.patch", "sessions.reset"] as const;

/** The best name a session has: its label, else a display name or derived title when the gateway sends one. */
const title = (s: object): string => (["label", "displayName", "derivedTitle"].map((k) => (s as Record<string, unknown>)[k]).find((v) => typeof v === "string") as string) ?? "—";

function SessionDetail({ sessionKey, onChanged }: { sessionKey: string; onChanged(): void }) {
  const preview = useCall("sessions.preview", { keys: [sessionKey], limit: 20 }, sessionKey);
  const patch = useAction("sessions.patch");
  const reset = useAction("sessions.reset");
  const [label, setLabel] = useState("");
  const [model, setModel] = useState("");
  return (
    <Card title={`Session ${sessionKey}`} id="session">
      <ErrorLine error={preview.error ?? patch.error ?? reset.error} />
      <Json value={preview.data?.previews[0]} />
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          await patch.run({ key: sessionKey, ...(label ? { label } : {}), ...(model ? { model } : {}) });
          onChanged();
        }}
      >
        <label>
          Label <input name="label" value={label} onInput={(e) => setLabel((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          Model <input name="model" value={model} onInput={(e) => setModel((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit" disabled={patch.busy}>
          Patch
        </button>
        <button
          type="button"
          class="danger"
          disabled={reset.busy}
          onClick={async () => {
            if (!confirm(`Reset ${sessionKey}? Its transcript starts over.`)) return;
            await reset.run({ key: sessionKey });
            preview.reload();
            onChanged();
          }}
        >
          Reset
        </button>
      </form>
    </Card>
  );
}

function SessionList() {
  const [search, setSearch] = useState("");
  const list = useCall("sessions.list", { limit: 200, ...(search ? { search } : {}) }, search);
  const [selected, setSelected] = useState<string>();
  const sessions = list.data?.sessions ?? [];
  const columns: Column<(typeof sessions)[number]>[] = [
    { title: "Key", cell: (s) => <code>{s.key}</code> },
    { title: "Title", cell: title },
    { title: "Model", cell: (s) => s.model ?? "—" },
    { title: "Tokens", cell: (s) => s.totalTokens ?? "—" },
    { title: "Updated", cell: (s) => ago(s.updatedAt) },
    { title: "", cell: (s) => <ActionButton label="Open" run={() => setSelected(s.key)} /> },
  ];
  return (
    <div class="grid">
      <Card title={`Sessions (${list.data?.count ?? 0})`} id="sessions">
        <ErrorLine error={list.error} />
        <input placeholder="search" value={search} onChange={(e) => setSearch((e.target as HTMLInputElement).value)} />
        <Table columns={columns} rows={sessions} rowKey={(s) => s.key} />
      </Card>
      {selected && <SessionDetail key={selected} sessionKey={selected} onChanged={list.reload} />}
    </div>
  );
}

export const Sessions = () => (
  <Gated methods={METHODS}>
    <SessionList />
  </Gated>
);
