/** Config: the file as text, saved with `baseHash` (a concurrent change gives CONFLICT), its issues, and the schema's field hints. */
import { useEffect, useState } from "preact/hooks";
import { Gated } from "../components/gated.js";
import { Card, ErrorLine } from "../components/ui.js";
import { useAction, useCall } from "../hooks.js";

const METHODS = ["config.get", "config.schema", "config.set"] as const;

function ConfigEditor() {
  const snapshot = useCall("config.get", {});
  const schema = useCall("config.schema", {});
  const save = useAction("config.set");
  const [raw, setRaw] = useState("");
  const [saved, setSaved] = useState<string>();
  useEffect(() => setRaw(snapshot.data?.raw ?? ""), [snapshot.data?.hash]);
  const hints = Object.entries(schema.data?.uiHints ?? {}).sort(([, a], [, b]) => (a.order ?? 0) - (b.order ?? 0));
  return (
    <div class="grid">
      <Card title="Config file" id="config">
        <ErrorLine error={snapshot.error ?? save.error} />
        {snapshot.data && <p class="muted"><code>{snapshot.data.path}</code> · hash <code>{snapshot.data.hash.slice(0, 12)}</code> · {snapshot.data.valid ? "valid" : "INVALID"}</p>}
        {snapshot.data?.issues.map((i) => <p class="error" key={i.path}>{i.path}: {i.message}</p>)}
        <textarea class="code" rows={20} value={raw} onInput={(e) => setRaw((e.target as HTMLTextAreaElement).value)} />
        <button type="button" class="primary" disabled={save.busy || !snapshot.data} onClick={async () => {
          const result = await save.run({ raw, baseHash: snapshot.data?.hash });
          if (result) {
            setSaved(new Date().toLocaleTimeString());
            snapshot.reload();
          }
        }}>Save</button>
        {saved && <span class="muted"> saved at {saved}</span>}
      </Card>
      <Card title="Fields" id="config-fields">
        <ErrorLine error={schema.error} />
        <dl>
          {hints.map(([path, hint]) => (
            <>
              <dt key={path}><code>{path}</code> {hint.label ?? ""}</dt>
              <dd>{hint.help ?? ""}{hint.sensitive ? " (sensitive)" : ""}</dd>
            </>
          ))}
        </dl>
      </Card>
    </div>
  );
}

export const Config = () => (
  <Gated methods={METHODS}>
    <ConfigEditor />
  </Gated>
);
