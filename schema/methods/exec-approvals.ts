/** Registry entries of the methods whose params live in `schema/exec-approvals.ts`. */

import { APPROVALS, NODE, T0 } from "../example-values.js";
import * as exec from "../exec-approvals.js";
import { method } from "../registry-spec.js";

export const execApprovalsMethods = {
  "exec.approvals.get": method({
    params: exec.ExecApprovalsGetParams,
    result: exec.ExecApprovalsSnapshot,
    scope: "operator.admin",
    description: "The gateway's exec approvals file.",
    example: { params: {}, result: { path: "~/.tidegate/exec-approvals.json", exists: true, hash: "ab12", file: APPROVALS } },
  }),
  "exec.approvals.set": method({
    params: exec.ExecApprovalsSetParams,
    result: exec.ExecApprovalsSnapshot,
    scope: "operator.admin",
    errors: ["CONFLICT"],
    description: "Replace the gateway's exec approvals file (compare-and-set on `baseHash`).",
    example: { params: { file: APPROVALS, baseHash: "ab12" }, result: { path: "~/.tidegate/exec-approvals.json", exists: true, hash: "cd34", file: APPROVALS } },
  }),
  "exec.approvals.node.get": method({
    params: exec.ExecApprovalsNodeGetParams,
    result: exec.ExecApprovalsSnapshot,
    scope: "operator.admin",
    errors: ["NODE_NOT_CONNECTED"],
    description: "A node's exec approvals file.",
    example: { params: { nodeId: NODE }, result: { path: "~/.tidegate/exec-approvals.json", exists: false, hash: "0000", file: { version: 1 } } },
  }),
  "exec.approvals.node.set": method({
    params: exec.ExecApprovalsNodeSetParams,
    result: exec.ExecApprovalsSnapshot,
    scope: "operator.admin",
    errors: ["NODE_NOT_CONNECTED", "CONFLICT"],
    description: "Replace a node's exec approvals file.",
    example: { params: { nodeId: NODE, file: APPROVALS }, result: { path: "~/.tidegate/exec-approvals.json", exists: true, hash: "cd34", file: APPROVALS } },
  }),
  "exec.approval.request": method({
    params: exec.ExecApprovalRequestParams,
    result: exec.ExecApprovalRequestResult,
    scope: "operator.approvals",
    nodes: true,
    twoPhase: true,
    errors: ["TOO_MANY_PENDING"],
    description: "Ask operators whether a command may run; blocks until decided or expired (decision null: deny). With `twoPhase`, answers `status: accepted` first, then the decision on the same id.",
    example: { params: { command: "rm -rf build", cwd: "/src", timeoutMs: 60000 }, result: { id: "ea-1", decision: "allow-once", createdAtMs: T0, expiresAtMs: T0 + 60000 } },
  }),
  "exec.approval.waitDecision": method({
    params: exec.ExecApprovalWaitParams,
    result: exec.ExecApprovalWaitResult,
    scope: "operator.approvals",
    nodes: true,
    errors: ["NOT_FOUND"],
    description: "Wait for the decision on an approval request.",
    example: { params: { id: "ea-1", timeoutMs: 60000 }, result: { id: "ea-1", decision: "allow-once", resolvedBy: "laptop", createdAtMs: T0, expiresAtMs: T0 + 60000 } },
  }),
  "exec.approval.resolve": method({
    params: exec.ExecApprovalResolveParams,
    result: exec.ExecApprovalResolveResult,
    scope: "operator.approvals",
    errors: ["NOT_FOUND", "ALREADY_RESOLVED", "EXPIRED"],
    description: "Decide an approval request.",
    example: { params: { id: "ea-1", decision: "allow-once" }, result: { ok: true } },
  }),
  "exec.approval.list": method({
    params: exec.ExecApprovalListParams,
    result: exec.ExecApprovalListResult,
    scope: "operator.approvals",
    description: "Requests waiting for a decision (a tidegate addition: v3 clients learn of them from `exec.approval.requested`).",
    example: {
      params: {},
      result: {
        pending: [
          {
            id: "ea-1",
            request: { command: "rm -rf build", cwd: "/src", nodeId: null, host: null, security: null, ask: null, agentId: null, resolvedPath: null, sessionKey: null },
            createdAtMs: T0,
            expiresAtMs: T0 + 60000,
          },
        ],
      },
    },
  }),
};
