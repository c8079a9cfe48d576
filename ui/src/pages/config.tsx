/**
 * Config: a form generated from the config's JSON Schema and editor hints; changes go out as a
 * merge patch (`config.patch`) with the snapshot's `baseHash`, so a concurrent edit gets CONFLICT
 * instead of being overwritten. The whole file can also be edited as text (`config.set`, same hash).
 */
import { useEffect, useMemo, useState } from "preact/hooks";
import { Gated } from "../components/gated.js";
import { Card, ErrorLine } from "../components/ui.js";
import { type Field, getPath, leafFields, mergePatch, parseInput } from "../config-form.js";
import { useAction, useCall } from "../hooks.js";

const METHODS = ["config.get", "config.schema", "config.patch", "config.set"] as const;

/** The input text of a current value (secrets are never shown: their input stays empty). */
const shown = (field: Field, value: unknown): string => {
  if (field.sensitive || value === undefined || value === null) return "";
  return field.kind === "list" && Array.isArray(value) ? value.join(", ") : String(value);
};

function FieldInput({ field, value, onChange }: { field: Field; value: string; onChange(v: string): void }) {
  const set = (e: Event) => onChange((e.target as HTMLInputElement).value);
  if (field.kind === "enum" || field.kind === "boolean") {
    const options = field.kind === "enum" ? (field.options ?? []) : ["true", "false"];
    return (
      <select id={`cfg-${field.path}`} name={field.path} value={value} onChange={set}>
        <option value="">(default)</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  }
  return (
    <input
      id={`cfg-${field.path}`}
      name={field.path}
      type={field.sensitive ? "password" : field.kind === "number" ? "number" : "text"}
      autocomplete="off"
      placeholder={field.sensitive ? "(unchanged)" : "(default)"}
      value={value}
      onInput={set}
    />
  );
}

function ConfigEditor() {
  const snapshot = useCall("config.get", {});
  const schema = useCall("config.schema", {});
  const patch = useAction("config.patch");
  const save = useAction("config.set");
  const [changes, setChanges] = useState<Record<string, string>>({});
  const [raw, setRaw] = useState("");
  const [note, setNote] = useState<string>();
  useEffect(() => setRaw(snapshot.data?.raw ?? ""), [snapshot.data?.hash]);
  const fields = useMemo(() => leafFields(schema.data?.schema, schema.data?.uiHints), [schema.data]);
  const groups = useMemo(() => {
    const byGroup = new Map<string, Field[]>();
    for (const f of fields) byGroup.set(f.path.split(".")[0], [...(byGroup.get(f.path.split(".")[0]) ?? []), f]);
    return byGroup;
  }, [fields]);
  const current = snapshot.data?.config;
  const done = (what: string) => {
    setNote(`${what} at ${new Date().toLocaleTimeString()}`);
    setChanges({});
    snapshot.reload();
  };
  const applyForm = async (e: Event) => {
    e.preventDefault();
    let body: Record<string, unknown>;
    try {
      body = mergePatch(Object.fromEntries(Object.entries(changes).map(([path, text]) => [path, parseInput(fields.find((f) => f.path === path)!.kind, text)])));
    } catch (error) {
      return setNote((error as Error).message);
    }
    if (await patch.run({ raw: JSON.stringify(body), baseHash: snapshot.data?.hash })) done("saved");
  };
  return (
    <div class="grid">
      <Card title="Config" id="config">
        <ErrorLine error={snapshot.error ?? schema.error ?? patch.error ?? save.error} />
        {snapshot.data && (
          <p class="muted">
            <code>{snapshot.data.path}</code> · hash <code>{snapshot.data.hash?.slice(0, 12) ?? "—"}</code> · {snapshot.data.valid ? "valid" : "INVALID"} {note ? `· ${note}` : ""}
          </p>
        )}
        {snapshot.data?.issues.map((i) => (
          <p class="error" key={i.path}>
            {i.path}: {i.message}
          </p>
        ))}
        <form onSubmit={applyForm} class="config-form">
          {[...groups].map(([group, list]) => (
            <fieldset key={group}>
              <legend>{schema.data?.uiHints[group]?.label ?? group}</legend>
              {list.map((f) => (
                <div class="field" key={f.path} title={f.help}>
                  <label for={`cfg-${f.path}`}>
                    {f.label} <code>{f.path}</code>
                    {changes[f.path] !== undefined ? " •" : ""}
                  </label>
                  <FieldInput field={f} value={changes[f.path] ?? shown(f, getPath(current, f.path))} onChange={(v) => setChanges({ ...changes, [f.path]: v })} />
                </div>
              ))}
            </fieldset>
          ))}
          <button type="submit" class="primary" disabled={patch.busy || Object.keys(changes).length === 0}>
            Save changes ({Object.keys(changes).length})
          </button>
          <button type="button" disabled={Object.keys(changes).length === 0} onClick={() => setChanges({})}>
            Discard
          </button>
        </form>
      </Card>
      <Card title="The file as text" id="config-raw">
        <textarea class="code" rows={14} value={raw} onInput={(e) => setRaw((e.target as HTMLTextAreaElement).value)} />
        <button type="button" disabled={save.busy || !snapshot.data} onClick={async () => (await save.run({ raw, baseHash: snapshot.data?.hash })) && done("file saved")}>
          Save file
        </button>
      </Card>
    </div>
  );
}

export const Config = () => (
  <Gated methods={METHODS}>
    <ConfigEditor />
  </Gated>
);
