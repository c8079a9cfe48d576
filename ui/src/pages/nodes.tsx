/** Nodes: the list (live with presence), one node described, and a command invoked on it. */
import { useState } from "preact/hooks";
import { NODE_COMMANDS } from "../../../generated/ts/registry.js";
import type { NodeInfo, NodeInvokeResult } from "../../../generated/ts/types.js";
import { ActionButton, ago, Card, type Column, ErrorLine, Json, short, Table } from "../components/ui.js";
import { useAction, useCall, useEvent } from "../hooks.js";

/** A starting point for the params of the commands the registry knows. */
const EXAMPLE_PARAMS: Record<string, unknown> = { "system.which": { bins: ["sh"] }, "system.run": { argv: ["echo", "hello from the Control UI"] } };

function Invoke({ node }: { node: NodeInfo }) {
  const [command, setCommand] = useState(node.commands[0] ?? "");
  const [params, setParams] = useState(JSON.stringify(EXAMPLE_PARAMS[node.commands[0] ?? ""] ?? {}));
  const [parseError, setParseError] = useState<string>();
  const [result, setResult] = useState<NodeInvokeResult>();
  const invoke = useAction("node.invoke");
  const submit = async (e: Event) => {
    e.preventDefault();
    let parsed: unknown;
    try {
      parsed = JSON.parse(params || "{}");
      setParseError(undefined);
    } catch (error) {
      return setParseError(`params are not JSON: ${(error as Error).message}`);
    }
    setResult(undefined);
    const answer = await invoke.run({ nodeId: node.nodeId, command, params: parsed, idempotencyKey: crypto.randomUUID() });
    if (answer) setResult(answer);
  };
  const payload = result && (result.payload ?? (result.payloadJSON ? JSON.parse(result.payloadJSON) : undefined));
  return (
    <form onSubmit={submit} class="invoke">
      <label>
        Command
        <select
          value={command}
          onChange={(e) => {
            const next = (e.target as HTMLSelectElement).value;
            setCommand(next);
            setParams(JSON.stringify(EXAMPLE_PARAMS[next] ?? {}));
          }}
        >
          {node.commands.map((c) => (
            <option key={c} value={c}>
              {c}
              {c in NODE_COMMANDS ? "" : " (custom)"}
            </option>
          ))}
        </select>
      </label>
      <label>
        Params (JSON)
        <textarea name="params" rows={3} value={params} onInput={(e) => setParams((e.target as HTMLTextAreaElement).value)} />
      </label>
      <button type="submit" disabled={invoke.busy || !command || !node.connected}>
        {invoke.busy ? "Invoking…" : "Invoke"}
      </button>
      {parseError && <p class="error">{parseError}</p>}
      <ErrorLine error={invoke.error} />
      {result && (
        <div data-testid="invoke-result">
          <p>
            <span class={result.ok ? "pill ok" : "pill bad"}>{result.ok ? "ok" : "failed"}</span> {result.command} on {short(result.nodeId)}
          </p>
          <Json value={payload} />
        </div>
      )}
    </form>
  );
}

export function Nodes() {
  const list = useCall("node.list", {});
  const [selected, setSelected] = useState<string>();
  const described = useCall("node.describe", selected ? { nodeId: selected } : null, selected);
  useEvent("presence", list.reload);
  const nodes = list.data?.nodes ?? [];
  const columns: Column<NodeInfo>[] = [
    { title: "Name", cell: (n) => n.displayName ?? "—" },
    { title: "Node id", cell: (n) => <code>{short(n.nodeId)}</code> },
    { title: "Platform", cell: (n) => n.platform ?? "—" },
    { title: "Commands", cell: (n) => n.commands.join(", ") || "—" },
    {
      title: "State",
      cell: (n) => (
        <>
          <span class={n.connected ? "pill ok" : "pill"}>{n.connected ? `connected ${ago(n.connectedAtMs)}` : "offline"}</span> {n.paired ? "" : "(unpaired)"}
        </>
      ),
    },
    { title: "", cell: (n) => <ActionButton label="Describe" run={() => setSelected(n.nodeId)} /> },
  ];
  return (
    <div class="grid">
      <Card title={`Nodes (${nodes.length})`} id="nodes">
        <ErrorLine error={list.error} />
        {nodes.length === 0 && !list.loading && (
          <p class="muted">
            No node is paired or connected. Start one with <code>tidegate node run</code>.
          </p>
        )}
        <Table columns={columns} rows={nodes} rowKey={(n) => n.nodeId} rowClass={(n) => (n.nodeId === selected ? "selected" : "")} />
      </Card>
      {selected && (
        <Card title={`Node ${short(selected)}`} id="node">
          <ErrorLine error={described.error} />
          {described.data && (
            <>
              <Json value={described.data} />
              <Invoke key={selected} node={described.data} />
            </>
          )}
        </Card>
      )}
    </div>
  );
}
