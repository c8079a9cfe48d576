/**
 * The node's exec policy: `<node state>/exec-approvals.json` (the v3 approvals
 * file), plus the legacy `node-allowlist.json` and `--allow` flags as extra
 * allowlist entries. A command outside the allowlist is put to the operators
 * through the gateway (`exec.approval.request`) when the policy says ask:
 * allow-once runs it, allow-always adds it to the file and runs it, deny or
 * no answer (askFallback, default deny) refuses it.
 *
 * `system.execApprovals.get|set` serve this file to `exec.approvals.node.get|set`.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import {
  approvalsText,
  baseHashProblem,
  checkApprovals,
  EMPTY_APPROVALS,
  findAllowlistEntry,
  hashApprovalsText,
  keepSocketToken,
  parseApprovals,
  policyFor,
  redactedSnapshot,
  withAllowlistEntry,
} from "../../common/exec-approvals.js";
import { readTextIfExists } from "../../common/read-text.js";
import type { ExecApprovalDecision, ExecApprovalsFile, ExecApprovalsSnapshot } from "../../generated/ts/types.js";
import { type Allowlist, CommandError } from "./system-commands.js";

export interface ApprovalQuestion {
  command: string;
  argv: string[];
  cwd?: string;
  resolvedPath: string;
  agentId?: string;
  security: string;
  ask: string;
  timeoutMs: number;
}

/** Asks the operators; resolves with their decision, or null when nobody answered in time. */
export type AskOperators = (question: ApprovalQuestion) => Promise<ExecApprovalDecision | null>;

function writeAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temp = join(dirname(path), `.exec-approvals.${process.pid}.${Date.now()}.tmp`);
  const fd = openSync(temp, "wx", 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}

export class NodeApprovals {
  readonly path: string;

  constructor(
    stateDir: string,
    private readonly legacy: Allowlist,
    private readonly now: () => number = Date.now,
  ) {
    this.path = join(stateDir, "exec-approvals.json");
  }

  private read(): { text: string | undefined; file: ExecApprovalsFile } {
    const text = readTextIfExists(this.path);
    return { text, file: text === undefined ? EMPTY_APPROVALS : parseApprovals(text, this.path) };
  }

  /** `system.execApprovals.get`. */
  snapshot(): ExecApprovalsSnapshot {
    const { text, file } = this.read();
    return redactedSnapshot(this.path, text, file);
  }

  /** `system.execApprovals.set`: compare-and-set on `baseHash`. */
  set(params: unknown): ExecApprovalsSnapshot {
    const { file, baseHash } = (params ?? {}) as { file?: unknown; baseHash?: string };
    const current = this.read();
    const problem = baseHashProblem({ exists: current.text !== undefined, hash: hashApprovalsText(current.text) }, baseHash);
    if (problem) throw new CommandError("CONFLICT", problem);
    let checked: ExecApprovalsFile;
    try {
      checked = checkApprovals(keepSocketToken(file as ExecApprovalsFile, current.file), "file");
    } catch (error) {
      throw new CommandError("INVALID_PARAMS", (error as Error).message);
    }
    writeAtomic(this.path, approvalsText(checked));
    return this.snapshot();
  }

  /** Entries for the start-up line. */
  describe(): string {
    const { file } = this.read();
    const entries = [...this.legacy.entries, ...policyFor(file, undefined).allowlist.map((e) => e.pattern)];
    return entries.join(", ") || "empty";
  }

  /** Throws a CommandError unless `resolvedPath` may run (asking the operators when the policy says so). */
  async authorize(argv: string[], resolvedPath: string, opts: { cwd?: string; agentId?: string; askTimeoutMs: number }, ask: AskOperators): Promise<void> {
    const { file } = this.read();
    const policy = policyFor(file, opts.agentId);
    if (policy.security === "deny") throw new CommandError("NOT_ALLOWED", `${resolvedPath}: exec is denied on this node (security: deny)`);
    if (policy.security === "full" && policy.ask !== "always") return;
    const listed = this.legacy.permits(resolvedPath) || findAllowlistEntry(policy.allowlist, resolvedPath) !== undefined;
    if (listed && policy.ask !== "always") return;
    if (policy.ask === "off") {
      throw new CommandError("NOT_ALLOWED", `${resolvedPath} is not in this node's allowlist; add it to exec-approvals.json or pass --allow ${resolvedPath.split("/").pop()}`);
    }
    const command = argv.join(" ");
    const decision = await ask({ command, argv, cwd: opts.cwd, resolvedPath, agentId: opts.agentId, security: policy.security, ask: policy.ask, timeoutMs: opts.askTimeoutMs });
    if (decision === "allow-once") return;
    if (decision === "allow-always") {
      this.allowAlways(opts.agentId, resolvedPath, command);
      return;
    }
    if (decision === "deny") throw new CommandError("NOT_ALLOWED", `${resolvedPath} is not in this node's allowlist and an operator denied it`);
    if (policy.askFallback === "full" || (policy.askFallback === "allowlist" && listed)) return;
    throw new CommandError("NOT_ALLOWED", `${resolvedPath} is not in this node's allowlist and no operator approved it within ${Math.round(opts.askTimeoutMs / 1000)} s`);
  }

  private allowAlways(agentId: string | undefined, resolvedPath: string, command: string): void {
    const { text, file } = this.read();
    const next = withAllowlistEntry(file, agentId, resolvedPath, command, this.now());
    this.set({ file: next, baseHash: text === undefined ? undefined : hashApprovalsText(text) });
  }
}
