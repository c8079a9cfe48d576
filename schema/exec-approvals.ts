/** `exec.approvals.*` (the allowlist file) and `exec.approval.*` (one-off approval requests). */
import { Bool, Dict, Int, List, NoParams, Obj, Opt, Str, Text, Nullable, Enum } from "./primitives.js";

export const ExecAllowlistEntry = Obj("ExecAllowlistEntry", "A binary (glob) that may run without asking.", {
  pattern: Str("Path glob of the binary, such as `/usr/bin/git`."),
  argPattern: Opt(Text("Regular expression the joined arguments must match.")),
  lastUsedAt: Opt(Int("When it last matched (ms since epoch).")),
});

export const ExecSecurity = Enum("ExecSecurity", "What may run: nothing, the allowlist, or everything.", ["deny", "allowlist", "full"]);

export const ExecAsk = Enum("ExecAsk", "When to ask an operator.", ["off", "on-miss", "always"]);

export const ExecApprovalsPolicy = Obj("ExecApprovalsPolicy", "Execution policy of one agent or the default.", {
  security: Opt(ExecSecurity),
  ask: Opt(ExecAsk),
  allowlist: Opt(List(ExecAllowlistEntry, "Binaries that may run without asking.")),
});

export const ExecApprovalsFile = Obj("ExecApprovalsFile", "The exec approvals file.", {
  version: Int("File format version (1).", { minimum: 1, maximum: 1 }),
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

export const ExecApprovalRequestParams = Obj("ExecApprovalRequestParams", "Parameters of `exec.approval.request`: ask operators whether a command may run.", {
  id: Opt(Str("Request id; generated when absent.")),
  command: Str("Command line as shown to the operator.", { maxLength: 65536 }),
  commandArgv: Opt(List(Text("An argument."), "The argument vector.")),
  cwd: Opt(Nullable(Text("Working directory."))),
  nodeId: Opt(Nullable(Str("Node the command would run on."))),
  agentId: Opt(Nullable(Str("Agent asking."))),
  sessionKey: Opt(Nullable(Str("Session asking."))),
  timeoutMs: Opt(Int("How long to wait for a decision.", { minimum: 1 })),
});

export const ExecApprovalDecision = Enum("ExecApprovalDecision", "An operator's answer.", ["allow-once", "allow-always", "deny"]);

export const ExecApprovalRequestResult = Obj("ExecApprovalRequestResult", "Result of `exec.approval.request`.", {
  id: Str("Request id; pass it to `exec.approval.waitDecision`."),
  expiresAtMs: Int("When the request expires unanswered (ms since epoch)."),
});

export const ExecApprovalWaitParams = Obj("ExecApprovalWaitParams", "Parameters of `exec.approval.waitDecision`.", {
  id: Str("Request id."),
  timeoutMs: Opt(Int("Wait at most this long.", { minimum: 1 })),
});

export const ExecApprovalWaitResult = Obj("ExecApprovalWaitResult", "Result of `exec.approval.waitDecision`.", {
  id: Str("Request id."),
  decision: Nullable(ExecApprovalDecision),
  resolvedBy: Opt(Str("Who decided.")),
});

export const ExecApprovalResolveParams = Obj("ExecApprovalResolveParams", "Parameters of `exec.approval.resolve`.", {
  id: Str("Request id."),
  decision: ExecApprovalDecision,
});

export const ExecApprovalRequestedEvent = Obj("ExecApprovalRequestedEvent", "A command waits for an operator's decision.", {
  id: Str("Request id."),
  request: ExecApprovalRequestParams,
  createdAtMs: Int("When it was asked (ms since epoch)."),
  expiresAtMs: Int("When it expires unanswered (ms since epoch)."),
});

export const ExecApprovalResolvedEvent = Obj("ExecApprovalResolvedEvent", "An exec approval request was decided.", {
  id: Str("Request id."),
  decision: ExecApprovalDecision,
  resolvedBy: Opt(Str("Who decided.")),
  ts: Int("When it was decided (ms since epoch)."),
});

export const ExecApprovalResolveResult = Obj("ExecApprovalResolveResult", "Result of `exec.approval.resolve`.", {
  ok: Bool("Always true on success."),
  id: Str("Request id."),
  decision: ExecApprovalDecision,
});

