/**
 * Commands a node serves through `node.invoke`: their params (sent as
 * `node.invoke.request.paramsJSON`) and results (returned as
 * `node.invoke.result.payloadJSON`). Nodes declare which they serve in
 * `connect.commands`; the gateway forwards others unchecked.
 */

import { ExecApprovalsFile, ExecApprovalsSnapshot } from "./exec-approvals.js";
import { Bool, Dict, Int, List, Nullable, Obj, Opt, Str, Text } from "./primitives.js";

export const SystemRunParams = Obj("SystemRunParams", "Parameters of the node command `system.run`: run one program.", {
  argv: List(Str("One argument."), "The program and its arguments; the program must be in the node's allowlist or approved by an operator.", { minItems: 1 }),
  cwd: Opt(Str("Working directory.")),
  env: Opt(Dict(Str("Value."), "Environment variables added to the node's own.")),
  timeoutMs: Opt(Int("Kill the program after this many milliseconds (default 30000).", { minimum: 1 })),
  agentId: Opt(Str("Agent on whose behalf it runs (selects its exec policy).")),
});

export const SystemRunResult = Obj("SystemRunResult", "Result of the node command `system.run`.", {
  exitCode: Nullable(Int("Exit status; null when killed by a signal.")),
  signal: Nullable(Str("Signal that ended the program, if any.")),
  stdout: Text("Standard output (at most 1 MiB, the rest cut)."),
  stderr: Text("Standard error (at most 1 MiB, the rest cut)."),
  timedOut: Bool("True when the program was killed for exceeding `timeoutMs`."),
});

export const SystemWhichParams = Obj("SystemWhichParams", "Parameters of the node command `system.which`: find programs on the node's PATH.", {
  bins: List(Str("A program name."), "Names to look up."),
});

export const SystemWhichResult = Obj("SystemWhichResult", "Result of the node command `system.which`.", {
  bins: Dict(Nullable(Str("Absolute path, or null when not found.")), "Each name's absolute path on PATH, or null."),
});

export const SystemExecApprovalsGetParams = Obj("SystemExecApprovalsGetParams", "Parameters of the node command `system.execApprovals.get` (none).", {});

export const SystemExecApprovalsSetParams = Obj("SystemExecApprovalsSetParams", "Parameters of the node command `system.execApprovals.set`.", {
  file: ExecApprovalsFile,
  baseHash: Opt(Str("Hash from `system.execApprovals.get`; required once the file exists.")),
});

/** The node command table: name → params, result, description. */
export const nodeCommands = {
  "system.run": {
    params: SystemRunParams,
    result: SystemRunResult,
    description: "Run one program (argv, cwd, env, timeout) if the node's exec policy allows it, asking the operators (`exec.approval.request`) when it says so.",
  },
  "system.which": { params: SystemWhichParams, result: SystemWhichResult, description: "Resolve program names on the node's PATH." },
  "system.execApprovals.get": { params: SystemExecApprovalsGetParams, result: ExecApprovalsSnapshot, description: "The node's exec approvals file (serves `exec.approvals.node.get`)." },
  "system.execApprovals.set": {
    params: SystemExecApprovalsSetParams,
    result: ExecApprovalsSnapshot,
    description: "Replace the node's exec approvals file, compare-and-set on `baseHash` (serves `exec.approvals.node.set`).",
  },
};
