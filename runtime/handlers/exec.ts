/**
 * `exec.approvals.*` (the approvals file, here and on a node through
 * `node.invoke`) and `exec.approval.*` (one request waiting for an operator).
 * Nodes may ask and wait, about themselves only; deciding needs
 * `operator.approvals` (the router enforces it).
 */
import type { ExecApprovalsSnapshot } from "../../generated/ts/types.js";
import { validate } from "../../generated/ts/validators.js";
import { GatewayError } from "../errors.js";
import type { GatewayServices } from "../services.js";
import type { Caller, Handlers } from "./context.js";

type ExecMethod =
  | "exec.approvals.get"
  | "exec.approvals.set"
  | "exec.approvals.node.get"
  | "exec.approvals.node.set"
  | "exec.approval.request"
  | "exec.approval.waitDecision"
  | "exec.approval.resolve"
  | "exec.approval.list";

/** A broken approvals file is named to the admin instead of hidden behind INTERNAL. */
function readable<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof GatewayError) throw error;
    throw new GatewayError("INTERNAL", (error as Error).message);
  }
}

const nodeOf = (caller: Caller) => (caller.role === "node" ? (caller.deviceId ?? caller.connId) : undefined);

export function execHandlers(s: Pick<GatewayServices, "execApprovals" | "approvals" | "nodes">): Handlers<ExecMethod> {
  const { execApprovals, approvals, nodes } = s;

  /** Run a `system.execApprovals.*` command on the node; its CONFLICT stays a CONFLICT. */
  const onNode = async (nodeId: string, command: "system.execApprovals.get" | "system.execApprovals.set", params: unknown): Promise<ExecApprovalsSnapshot> => {
    let payload: unknown;
    try {
      payload = (await nodes.invoke(nodeId, command, params)).payload;
    } catch (error) {
      if (error instanceof GatewayError && error.details.nodeCode === "CONFLICT") throw new GatewayError("CONFLICT", error.message, { nodeId });
      throw error;
    }
    const checked = validate("ExecApprovalsSnapshot", payload);
    if (!checked.ok) throw new GatewayError("NODE_COMMAND_FAILED", `node answered ${command} with an invalid snapshot: ${checked.message}`, { nodeId, command });
    return checked.value;
  };

  return {
    "exec.approvals.get": () => readable(() => execApprovals.snapshot()),
    "exec.approvals.set": ({ file, baseHash }) => readable(() => execApprovals.set(file, baseHash)),
    "exec.approvals.node.get": ({ nodeId }) => onNode(nodeId, "system.execApprovals.get", {}),
    "exec.approvals.node.set": ({ nodeId, file, baseHash }) => onNode(nodeId, "system.execApprovals.set", { file, ...(baseHash !== undefined && { baseHash }) }),

    "exec.approval.request": async (params, { caller, accept }) => {
      const node = nodeOf(caller);
      if (node !== undefined && params.nodeId != null && params.nodeId !== node) {
        throw new GatewayError("ROLE_NOT_ALLOWED", "a node may ask for approval only about itself");
      }
      const record = approvals.request(params, { connId: caller.connId, deviceId: caller.deviceId, nodeId: node });
      const times = { createdAtMs: record.createdAtMs, expiresAtMs: record.expiresAtMs };
      if (params.twoPhase) accept?.({ status: "accepted", id: record.id, ...times });
      const settled = await approvals.wait(record.id);
      return { id: record.id, decision: settled.decision, ...times };
    },

    "exec.approval.waitDecision": async ({ id, timeoutMs }, { caller }) => {
      const node = nodeOf(caller);
      const record = approvals.get(id);
      if (!record || (node !== undefined && record.requester.nodeId !== node)) throw new GatewayError("NOT_FOUND", "approval expired or not found", { id });
      const settled = await approvals.wait(id, timeoutMs);
      return {
        id,
        decision: settled.decision,
        ...(settled.resolvedBy && { resolvedBy: settled.resolvedBy }),
        createdAtMs: settled.createdAtMs,
        expiresAtMs: settled.expiresAtMs,
      };
    },

    "exec.approval.list": () => ({
      pending: approvals.pending().map((r) => ({ id: r.id, request: r.request, createdAtMs: r.createdAtMs, expiresAtMs: r.expiresAtMs })),
    }),

    "exec.approval.resolve": ({ id, decision }, { caller }) => {
      const resolvedBy = caller.client?.displayName ?? caller.client?.id ?? caller.deviceId ?? caller.connId;
      approvals.resolve(id, decision, resolvedBy);
      return { ok: true };
    },
  };
}
