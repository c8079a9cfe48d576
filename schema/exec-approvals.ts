/** `exec.approvals.*` (the allowlist file) and `exec.approval.*` (one-off approval requests). */
import { Bool, Const, Described, Dict, Int, Json, List, NoParams, Obj, Open, Opt, Str, Text, Nullable, Enum, Type } from "./primitives.js";

export const ExecAllowlistEntry = Obj("ExecAllowlistEntry", "A binary (glob) that may run without asking.", {
  id: Opt(Str("Entry id.")),
  pattern: Str("Path glob of the binary, such as `/usr/bin/git`."),
  lastUsedCommand: Opt(Text("Command line that last matched.")),
  lastResolvedPath: Opt(Text("Resolved binary path that last matched.")),
  argPattern: Opt(Text("Regular expression the joined arguments must match.")),
  lastUsedAt: Opt(Int("When it last matched (ms since epoch).")),
});

export const ExecSecurity = Enum("ExecSecurity", "What may run: nothing, the allowlist, or everything.", ["deny", "allowlist", "full"]);

export const ExecAsk = Enum("ExecAsk", "When to ask an operator.", ["off", "on-miss", "always"]);

export const ExecApprovalsPolicy = Obj("ExecApprovalsPolicy", "Execution policy of one agent or the default.", {
  security: Opt(ExecSecurity),
  ask: Opt(ExecAsk),
  askFallback: Opt(Described(ExecSecurity, "What applies when asking is not possible (no operator connected).")),
  autoAllowSkills: Opt(Bool("Let binaries of installed skills run without asking.")),
  allowlist: Opt(List(ExecAllowlistEntry, "Binaries that may run without asking.")),
});

export const ExecApprovalsSocket = Obj("ExecApprovalsSocket", "The local socket that node hosts use to ask for approvals.", {
  path: Opt(Text("Socket path.")),
  token: Opt(Text("Socket token (omitted when read through the gateway).")),
});

export const ExecApprovalsFile = Obj("ExecApprovalsFile", "The exec approvals file.", {
  version: Type.Number({ description: "File format version (1).", minimum: 1, maximum: 1 }),
  socket: Opt(ExecApprovalsSocket),
  defaults: Opt(ExecApprovalsPolicy),
  agents: Opt(Dict(ExecApprovalsPolicy, "Per-agent policies, by agent id.")),
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

export const TurnSourceThread = Type.Union([Type.String(), Type.Number(), Type.Null()], { $id: "TurnSourceThread", description: "Thread of the turn that asked (a string or a number, depending on the channel), or null." });

export const SystemRunPlan = Obj("SystemRunPlan", "The exact command a node will run once approved (`system.run.prepare` output).", {
  argv: List(Text("An argument."), "Argument vector."),
  cwd: Nullable(Text("Working directory.")),
  rawCommand: Nullable(Text("Command line as typed.")),
  agentId: Nullable(Text("Agent asking.")),
  sessionKey: Nullable(Text("Session asking.")),
});

export const ExecApprovalRequestParams = Obj("ExecApprovalRequestParams", "Parameters of `exec.approval.request`: ask operators whether a command may run. Blocks until decided or expired; with `twoPhase` it first answers `accepted`.", {
  id: Opt(Str("Request id; generated when absent. A pending id cannot be reused.")),
  command: Str("Command line as shown to the operator."),
  commandArgv: Opt(List(Text("An argument."), "The argument vector.")),
  systemRunPlan: Opt(SystemRunPlan),
  env: Opt(Dict(Text("Value."), "Environment overrides of the command (only their names are shown).")),
  cwd: Opt(Nullable(Text("Working directory."))),
  nodeId: Opt(Nullable(Str("Node the command would run on (required with host `node`)."))),
  host: Opt(Nullable(Text("Where it runs: `gateway`, `node` or `sandbox`."))),
  security: Opt(Nullable(Text("Effective security mode."))),
  ask: Opt(Nullable(Text("Effective ask mode."))),
  agentId: Opt(Nullable(Text("Agent asking."))),
  resolvedPath: Opt(Nullable(Text("Resolved path of the binary."))),
  sessionKey: Opt(Nullable(Text("Session asking."))),
  turnSourceChannel: Opt(Nullable(Text("Channel of the turn that asked."))),
  turnSourceTo: Opt(Nullable(Text("Recipient of the turn that asked."))),
  turnSourceAccountId: Opt(Nullable(Text("Account of the turn that asked."))),
  turnSourceThreadId: Opt(TurnSourceThread),
  timeoutMs: Opt(Int("How long to wait for a decision (default 120000).", { minimum: 1 })),
  twoPhase: Opt(Bool("Answer twice on the same request id: first `status: accepted` as soon as it is registered, then the decision.")),
});

export const ExecApprovalDecision = Enum("ExecApprovalDecision", "An operator's answer.", ["allow-once", "allow-always", "deny"]);

export const ExecApprovalRequestResult = Obj("ExecApprovalRequestResult", "Result of `exec.approval.request`: with `twoPhase`, first `{status: accepted, id, createdAtMs, expiresAtMs}`; then (always) the decision, null when it expired.", {
  status: Opt(Const("accepted", "Present on the first answer of a two-phase request only.")),
  id: Str("Request id."),
  decision: Opt(Nullable(ExecApprovalDecision)),
  createdAtMs: Int("When it was asked (ms since epoch)."),
  expiresAtMs: Int("When it expires unanswered (ms since epoch)."),
});

export const ExecApprovalWaitParams = Open("ExecApprovalWaitParams", "Parameters of `exec.approval.waitDecision`. Like the v3 reference, other members are ignored.", {
  id: Str("Request id."),
});

export const ExecApprovalWaitResult = Obj("ExecApprovalWaitResult", "Result of `exec.approval.waitDecision`: the decision, null when it expired.", {
  id: Str("Request id."),
  decision: Nullable(ExecApprovalDecision),
  createdAtMs: Opt(Int("When it was asked (ms since epoch).")),
  expiresAtMs: Opt(Int("When it expires or expired (ms since epoch).")),
});

export const ExecApprovalResolveParams = Obj("ExecApprovalResolveParams", "Parameters of `exec.approval.resolve`.", {
  id: Str("Request id."),
  decision: ExecApprovalDecision,
});

export const ExecApprovalRequest = Obj("ExecApprovalRequest", "What an operator is asked to approve (unknown members are null).", {
  command: Text("Command line."),
  commandArgv: Opt(List(Text("An argument."), "Argument vector.")),
  envKeys: Opt(List(Text("A name."), "Names of environment overrides.")),
  systemRunBinding: Opt(Nullable(Dict(Json("Binding data."), "What the approval is bound to (argv, cwd, env hash)."))),
  systemRunPlan: Opt(Nullable(SystemRunPlan)),
  cwd: Nullable(Text("Working directory.")),
  nodeId: Nullable(Text("Node it would run on.")),
  host: Nullable(Text("Where it runs.")),
  security: Nullable(Text("Security mode.")),
  ask: Nullable(Text("Ask mode.")),
  agentId: Nullable(Text("Agent asking.")),
  resolvedPath: Nullable(Text("Resolved binary path.")),
  sessionKey: Nullable(Text("Session asking.")),
  turnSourceChannel: Opt(Nullable(Text("Channel of the turn that asked."))),
  turnSourceTo: Opt(Nullable(Text("Recipient of the turn that asked."))),
  turnSourceAccountId: Opt(Nullable(Text("Account of the turn that asked."))),
  turnSourceThreadId: Opt(TurnSourceThread),
});

export const ExecApprovalRequestedEvent = Obj("ExecApprovalRequestedEvent", "A command waits for an operator's decision.", {
  id: Str("Request id."),
  request: ExecApprovalRequest,
  createdAtMs: Int("When it was asked (ms since epoch)."),
  expiresAtMs: Int("When it expires unanswered (ms since epoch)."),
});

export const ExecApprovalResolvedEvent = Obj("ExecApprovalResolvedEvent", "An exec approval request was decided.", {
  id: Str("Request id."),
  decision: ExecApprovalDecision,
  resolvedBy: Opt(Nullable(Text("Who decided (client display name or id)."))),
  ts: Int("When it was decided (ms since epoch)."),
  request: Opt(ExecApprovalRequest),
});

export const ExecApprovalResolveResult = Obj("ExecApprovalResolveResult", "Result of `exec.approval.resolve`.", {
  ok: Bool("Always true on success."),
});
