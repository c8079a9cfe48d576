/** Exec approvals: live prompts (`exec.approval.requested`) answered allow-once / allow-always / deny, and the approvals file. */
import { useEffect, useState } from "preact/hooks";
import { METHODS as REGISTRY } from "../../../generated/ts/registry.js";
import type { ExecApprovalDecision, ExecApprovalRequestedEvent } from "../../../generated/ts/types.js";
import { Gated } from "../components/gated.js";
import { Card, ErrorLine, Json, short } from "../components/ui.js";
import { useAction, useCall, useConnection, useEvent } from "../hooks.js";

const METHODS = ["exec.approval.resolve", "exec.approvals.get"] as const;
const DECISIONS: ExecApprovalDecision[] = ["allow-once", "allow-always", "deny"];
/** `exec.approval.list` (a tidegate addition) gives the prompts that were asked before this page opened. */
const HAS_LIST = "exec.approval.list" in REGISTRY && !(REGISTRY as Record<string, { unavailable?: string }>)["exec.approval.list"].unavailable;

function ApprovalPrompts() {
  const file = useCall("exec.approvals.get", {});
  const resolve = useAction("exec.approval.resolve");
  const [prompts, setPrompts] = useState<ExecApprovalRequestedEvent[]>([]);
  const { client, status } = useConnection();
  useEffect(() => {
    if (!HAS_LIST || !client || status !== "connected") return;
    void client.request("exec.approval.list", {}).then(
      (r) => setPrompts((all) => [...((r as { pending?: ExecApprovalRequestedEvent[] }).pending ?? []).filter((p) => !all.some((x) => x.id === p.id)), ...all]),
      () => undefined,
    );
  }, [client, status]);
  useEvent("exec.approval.requested", (p) => setPrompts((all) => [...all.filter((x) => x.id !== p.id), p]));
  useEvent("exec.approval.resolved", (p) => setPrompts((all) => all.filter((x) => x.id !== p.id)));
  return (
    <div class="grid">
      <Card title={`Waiting for a decision (${prompts.length})`} id="prompts">
        <ErrorLine error={resolve.error} />
        {prompts.length === 0 && <p class="muted">No command waits for approval. Prompts appear here as they arrive.</p>}
        {prompts.map((p) => (
          <div class="prompt" key={p.id}>
            <p>
              <code>{p.request.command}</code>{" "}
              {p.request.cwd ? (
                <>
                  in <code>{p.request.cwd}</code>
                </>
              ) : null}{" "}
              {p.request.nodeId ? `on node ${short(p.request.nodeId)}` : ""}
            </p>
            <p class="muted">expires in {Math.max(0, Math.round((p.expiresAtMs - Date.now()) / 1000))} s</p>
            {DECISIONS.map((d) => (
              <button type="button" key={d} class={d === "deny" ? "danger" : "primary"} onClick={() => void resolve.run({ id: p.id, decision: d })}>
                {d}
              </button>
            ))}
          </div>
        ))}
      </Card>
      <Card title="Approvals file" id="approvals-file">
        <ErrorLine error={file.error} />
        <Json value={file.data?.file} />
      </Card>
    </div>
  );
}

export const Approvals = () => (
  <Gated methods={METHODS}>
    <ApprovalPrompts />
  </Gated>
);
