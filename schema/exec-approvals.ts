/** `exec.approvals.*` (the allowlist file) and `exec.approval.*` (one-off approval requests). */
import { Bool, Described, Dict, Enum, Int, Json, List, NoParams, Nullable, Obj, Opt, Str, Text } from "./primitives.js";

export const ExecAllowlistEntry = Obj("ExecAllowlistEntry", "A binary that may run without asking: a name, or a path glob (`*`, `**`, `?`).", {
  id: Opt(Str("Entry id.")),
  pattern: Str("Binary name such as `git`, or path glob such as `/usr/bin/*`."),
  lastUsedAt: Opt(Int("When it last matched (ms since epoch).")),
  lastUsedCommand: Opt(Text("The command line that last matched.")),
  lastResolvedPath: Opt(Text("The path it last matched.")),
});

export const ExecSecurity = Enum("ExecSecurity", "What may run: nothing, the allowlist, or everything.", ["deny", "allowlist", "full"]);

export const ExecAsk = Enum("ExecAsk", "When to ask an operator.", ["off", "on-miss", "always"]);

const policyFields = {
  security: Opt(ExecSecurity),
  ask: Opt(ExecAsk),
  askFallback: Opt(Described(ExecSecurity, "What applies when nobody answers in time (default `deny`).")),
  autoAllowSkills: Opt(Bool("Let skill binaries run without asking.")),
};

export const ExecApprovalsDefaults = Obj("ExecApprovalsDefaults", "Policy for agents without their own.", policyFields);

export const ExecApprovalsAgent = Obj("ExecApprovalsAgent", "Policy and allowlist of one agent (`*`: every agent).", {
  ...policyFields,
  allowlist: Opt(List(ExecAllowlistEntry, "Binaries that may run without asking.")),
});

export const ExecApprovalsSocket = Obj("ExecApprovalsSocket", "Local approvals socket (the token is never sent back).", {
  path: Opt(Text("Socket path.")),
  token: Opt(Text("Socket token.")),
});

export const ExecApprovalsFile = Obj("ExecApprovalsFile", "The exec approvals file.", {
  version: Int("File format version (1).", { minimum: 1, maximum: 1 }),
  socket: Opt(ExecApprovalsSocket),
  defaults: Opt(ExecApprovalsDefaults),
  agents: Opt(Dict(ExecApprovalsAgent, "Per-agent policies, by agent id; `*` applies to every agent.")),
});

export const ExecApprovalsSnapshot = Obj("ExecApprovalsSnapshot", "The exec approvals file as stored.", {
  path: Str("File path."),
  exists: Bool("False when defaults are in effect."),
  hash: Str("Hash of the file; pass it as `baseHash` when writing."),
  file: ExecApprovalsFile,
});

export const ExecApprovalsGetParams = NoParams("ExecApprovalsGetParams");

export const ExecApprovalsSetParams = Obj("ExecApprovalsSetParams", "Parameters of `exec.approvals.set`.", {
  file: ExecApprovalsFile,
  baseHash: Opt(Str("Hash from `exec.approvals.get`; fails with `CONFLICT` if the file changed since.")),
});

export const ExecApprovalsNodeGetParams = Obj("ExecApprovalsNodeGetParams", "Parameters of `exec.approvals.node.get`.", {
  nodeId: Str("Node whose approvals file to read."),
});

export const ExecApprovalsNodeSetParams = Obj("ExecApprovalsNodeSetParams", "Parameters of `exec.approvals.node.set`.", {
  nodeId: Str("Node whose approvals file to write."),
  file: ExecApprovalsFile,
  baseHash: Opt(Str("Hash from `exec.approvals.node.get`.")),
});

export const ExecSystemRunPlan = Obj("ExecSystemRunPlan", "The exact command a node would run.", {
  argv: List(Text("An argument."), "The argument vector."),
  cwd: Nullable(Text("Working directory.")),
  rawCommand: Nullable(Text("The command as typed.")),
  agentId: Nullable(Text("Agent asking.")),
  sessionKey: Nullable(Text("Session asking.")),
});

export const ExecApprovalRequestParams = Obj("ExecApprovalRequestParams", "Parameters of `exec.approval.request`: ask operators whether a command may run.", {
  id: Opt(Str("Request id; generated when absent.")),
  command: Str("Command line as shown to the operator.", { maxLength: 65536 }),
  commandArgv: Opt(List(Text("An argument."), "The argument vector.")),
  systemRunPlan: Opt(ExecSystemRunPlan),
  env: Opt(Dict(Text("Value."), "Environment overrides (operators see the names only).")),
  cwd: Opt(Nullable(Text("Working directory."))),
  nodeId: Opt(Nullable(Str("Node the command would run on."))),
  host: Opt(Nullable(Text("Where it runs: `node`, `gateway`, `sandbox`."))),
  security: Opt(Nullable(Text("Security mode in effect."))),
  ask: Opt(Nullable(Text("Ask mode in effect."))),
  agentId: Opt(Nullable(Text("Agent asking."))),
  resolvedPath: Opt(Nullable(Text("Resolved path of the binary."))),
  sessionKey: Opt(Nullable(Text("Session asking."))),
  turnSourceChannel: Opt(Nullable(Text("Channel of the turn that asked."))),
  turnSourceTo: Opt(Nullable(Text("Recipient of the turn that asked."))),
  turnSourceAccountId: Opt(Nullable(Text("Account of the turn that asked."))),
  turnSourceThreadId: Opt(Json("Thread of the turn that asked (string, number or null).")),
  timeoutMs: Opt(Int("How long to wait for a decision (default 120000).", { minimum: 1 })),
  twoPhase: Opt(Bool('Answer `{status: "accepted"}` at once, then the decision on the same request id.')),
});

export const ExecApprovalDecision = Enum("ExecApprovalDecision", "An operator's answer.", ["allow-once", "allow-always", "deny"]);

export const ExecApprovalRequestResult = Obj(
  "ExecApprovalRequestResult",
  "Result of `exec.approval.request`: the decision (null: nobody answered in time — deny), or with `twoPhase` first `status: accepted`.",
  {
    status: Opt(Enum("ExecApprovalRequestStatus", "`accepted`: the first of two answers (`twoPhase`).", ["accepted"])),
    id: Str("Request id; pass it to `exec.approval.waitDecision`."),
    decision: Opt(Nullable(ExecApprovalDecision)),
    createdAtMs: Int("When it was asked (ms since epoch)."),
    expiresAtMs: Int("When the request expires unanswered (ms since epoch)."),
  },
);

export const ExecApprovalWaitParams = Obj("ExecApprovalWaitParams", "Parameters of `exec.approval.waitDecision`.", {
  id: Str("Request id."),
  timeoutMs: Opt(Int("Wait at most this long (default: until the request expires).", { minimum: 1 })),
});

export const ExecApprovalWaitResult = Obj("ExecApprovalWaitResult", "Result of `exec.approval.waitDecision`.", {
  id: Str("Request id."),
  decision: Nullable(ExecApprovalDecision),
  resolvedBy: Opt(Text("Who decided.")),
  createdAtMs: Opt(Int("When it was asked (ms since epoch).")),
  expiresAtMs: Opt(Int("When it expires unanswered (ms since epoch).")),
});

export const ExecApprovalResolveParams = Obj("ExecApprovalResolveParams", "Parameters of `exec.approval.resolve`.", {
  id: Str("Request id."),
  decision: ExecApprovalDecision,
});

export const ExecApprovalRequestInfo = Obj("ExecApprovalRequestInfo", "What operators are asked about.", {
  command: Text("Command line."),
  commandArgv: Opt(List(Text("An argument."), "The argument vector.")),
  envKeys: Opt(List(Text("A name."), "Names of the environment overrides.")),
  cwd: Nullable(Text("Working directory.")),
  nodeId: Nullable(Text("Node it would run on.")),
  host: Nullable(Text("Where it runs.")),
  security: Nullable(Text("Security mode in effect.")),
  ask: Nullable(Text("Ask mode in effect.")),
  agentId: Nullable(Text("Agent asking.")),
  resolvedPath: Nullable(Text("Resolved path of the binary.")),
  sessionKey: Nullable(Text("Session asking.")),
});

export const ExecApprovalRequestedEvent = Obj("ExecApprovalRequestedEvent", "A command waits for an operator's decision.", {
  id: Str("Request id."),
  request: ExecApprovalRequestInfo,
  createdAtMs: Int("When it was asked (ms since epoch)."),
  expiresAtMs: Int("When it expires unanswered (ms since epoch)."),
});

export const ExecApprovalResolvedEvent = Obj("ExecApprovalResolvedEvent", "An exec approval request was decided.", {
  id: Str("Request id."),
  decision: ExecApprovalDecision,
  resolvedBy: Opt(Text("Who decided.")),
  ts: Int("When it was decided (ms since epoch)."),
  request: Opt(ExecApprovalRequestInfo),
});

export const ExecApprovalListParams = NoParams("ExecApprovalListParams");

export const ExecApprovalPending = Obj("ExecApprovalPending", "A request waiting for a decision.", {
  id: Str("Request id."),
  request: ExecApprovalRequestInfo,
  createdAtMs: Int("When it was asked (ms since epoch)."),
  expiresAtMs: Int("When it expires unanswered (ms since epoch)."),
});

export const ExecApprovalListResult = Obj("ExecApprovalListResult", "Result of `exec.approval.list`.", {
  pending: List(ExecApprovalPending, "Requests waiting for a decision, oldest first."),
});

export const ExecApprovalResolveResult = Obj("ExecApprovalResolveResult", "Result of `exec.approval.resolve`.", {
  ok: Bool("Always true on success."),
  id: Opt(Str("Request id.")),
  decision: Opt(ExecApprovalDecision),
});
