/**
 * Pending exec approval requests. A request waits for one decision until it
 * expires (default 120 s); an expired request's decision is `null`, which
 * every caller treats as deny. A request is resolved at most once: a second
 * resolve gets `ALREADY_RESOLVED` (or `EXPIRED`) while the outcome is
 * remembered (5 min), `NOT_FOUND` after. With nobody holding
 * `operator.approvals` connected, a request expires at once (as the reference
 * does) instead of hanging. Pending requests are bounded per node (or per
 * requesting device/connection for requests not about a node).
 */
import { randomUUID } from "node:crypto";
import type { ExecApprovalDecision, ExecApprovalRequestInfo, ExecApprovalRequestParams } from "../../generated/ts/types.js";
import type { Clock, TimerSource } from "../cron/time.js";
import { GatewayError } from "../errors.js";

export const DEFAULT_APPROVAL_TIMEOUT_MS = 120_000;
export const MAX_APPROVAL_TIMEOUT_MS = 3_600_000;

export interface ApprovalRequester {
  connId: string;
  deviceId?: string;
  /** Set when the caller is a node: requests are then about this node. */
  nodeId?: string;
}

export type ApprovalState = "pending" | "resolved" | "expired";

export interface ApprovalRecord {
  id: string;
  request: ExecApprovalRequestInfo;
  createdAtMs: number;
  expiresAtMs: number;
  requester: ApprovalRequester;
  /** What the per-node bound counts against. */
  ownerKey: string;
  state: ApprovalState;
  decision: ExecApprovalDecision | null;
  resolvedBy?: string;
  resolvedAtMs?: number;
}

export interface ApprovalRegistryOptions {
  clock: Clock;
  timers: TimerSource;
  maxPendingPerNode?: number;
  maxPendingTotal?: number;
  retainMs?: number;
  /** True when some connection may answer (holds operator.approvals). */
  hasApprovers?: () => boolean;
  onRequested?: (record: ApprovalRecord) => void;
  onResolved?: (record: ApprovalRecord) => void;
}

interface Entry {
  record: ApprovalRecord;
  settled: Promise<ExecApprovalDecision | null>;
  settle: (decision: ExecApprovalDecision | null) => void;
  timer?: unknown;
}

const invalid = (message: string, code: "NOT_FOUND" | "ALREADY_RESOLVED" | "EXPIRED" | "INVALID_PARAMS", extra: Record<string, unknown> = {}) => new GatewayError(code, message, extra);

function info(params: ExecApprovalRequestParams, nodeId: string | null): ExecApprovalRequestInfo {
  const plan = params.systemRunPlan;
  return {
    command: params.command,
    ...((params.commandArgv ?? plan?.argv) && { commandArgv: params.commandArgv ?? plan?.argv }),
    ...(params.env && Object.keys(params.env).length > 0 && { envKeys: Object.keys(params.env).sort() }),
    cwd: params.cwd ?? plan?.cwd ?? null,
    nodeId,
    host: params.host ?? null,
    security: params.security ?? null,
    ask: params.ask ?? null,
    agentId: params.agentId ?? plan?.agentId ?? null,
    resolvedPath: params.resolvedPath ?? null,
    sessionKey: params.sessionKey ?? plan?.sessionKey ?? null,
  };
}

export class ExecApprovalRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly pendingByOwner = new Map<string, number>();

  constructor(private readonly opts: ApprovalRegistryOptions) {}

  private get maxPerNode(): number {
    return this.opts.maxPendingPerNode ?? 16;
  }

  /** Register a request (synchronously, so its id is valid before any answer) and announce it. */
  request(params: ExecApprovalRequestParams, requester: ApprovalRequester): ApprovalRecord {
    const id = params.id?.trim() || randomUUID();
    const existing = this.entries.get(id);
    if (existing) {
      throw invalid(existing.record.state === "pending" ? "approval id already pending" : "approval id already used", "INVALID_PARAMS", { id });
    }
    // A node asks about itself only; an operator names the node (or none).
    const nodeId = requester.nodeId ?? params.nodeId ?? null;
    const ownerKey = nodeId !== null ? `node:${nodeId}` : `device:${requester.deviceId ?? requester.connId}`;
    const pending = this.pendingByOwner.get(ownerKey) ?? 0;
    if (pending >= this.maxPerNode) {
      throw new GatewayError(
        "TOO_MANY_PENDING",
        `${nodeId !== null ? `node ${nodeId}` : "this client"} already has ${pending} pending approval requests; wait for them to be decided`,
        { limit: this.maxPerNode },
        { retryable: true, retryAfterMs: 5000 },
      );
    }
    if (this.countPending() >= (this.opts.maxPendingTotal ?? 256)) {
      throw new GatewayError("TOO_MANY_PENDING", "too many pending approval requests on this gateway", {}, { retryable: true, retryAfterMs: 5000 });
    }
    const now = this.opts.clock.now();
    const timeoutMs = Math.min(params.timeoutMs ?? DEFAULT_APPROVAL_TIMEOUT_MS, MAX_APPROVAL_TIMEOUT_MS);
    const record: ApprovalRecord = {
      id,
      request: info(params, nodeId),
      createdAtMs: now,
      expiresAtMs: now + timeoutMs,
      requester,
      ownerKey,
      state: "pending",
      decision: null,
    };
    let settle!: (decision: ExecApprovalDecision | null) => void;
    const settled = new Promise<ExecApprovalDecision | null>((resolve) => (settle = resolve));
    const entry: Entry = { record, settled, settle };
    this.entries.set(id, entry);
    this.pendingByOwner.set(ownerKey, pending + 1);
    entry.timer = this.opts.timers.set(() => this.expire(id), timeoutMs);
    this.opts.onRequested?.(record);
    if (this.opts.hasApprovers && !this.opts.hasApprovers()) this.expire(id);
    return record;
  }

  get(id: string): ApprovalRecord | undefined {
    return this.entries.get(id)?.record;
  }

  /** Requests waiting for a decision, oldest first. */
  pending(): ApprovalRecord[] {
    return [...this.entries.values()].map((e) => e.record).filter((r) => r.state === "pending");
  }

  /**
   * The decision once there is one (null: expired = deny). With `timeoutMs`, answers null
   * after that long even though the request stays pending.
   */
  async wait(id: string, timeoutMs?: number): Promise<ApprovalRecord & { waitTimedOut: boolean }> {
    const entry = this.entries.get(id);
    if (!entry) throw invalid("approval expired or not found", "NOT_FOUND", { id });
    if (entry.record.state !== "pending" || timeoutMs === undefined) {
      await entry.settled;
      return { ...entry.record, waitTimedOut: false };
    }
    let timer: unknown;
    const gaveUp = new Promise<"gave-up">((resolve) => (timer = this.opts.timers.set(() => resolve("gave-up"), timeoutMs)));
    const outcome = await Promise.race([entry.settled, gaveUp]);
    this.opts.timers.clear(timer);
    return outcome === "gave-up" ? { ...entry.record, decision: null, waitTimedOut: true } : { ...entry.record, waitTimedOut: false };
  }

  /** Decide a pending request, once. */
  resolve(id: string, decision: ExecApprovalDecision, resolvedBy: string | undefined): ApprovalRecord {
    const entry = this.entries.get(id);
    if (!entry) throw invalid(`unknown approval id ${id}`, "NOT_FOUND", { id });
    const r = entry.record;
    if (r.state === "resolved") {
      throw invalid(`approval ${id} was already resolved (${r.decision}${r.resolvedBy ? ` by ${r.resolvedBy}` : ""}); a request is decided once`, "ALREADY_RESOLVED", { id, decision: r.decision });
    }
    if (r.state === "expired") throw invalid(`approval ${id} expired unanswered and was denied`, "EXPIRED", { id });
    Object.assign(r, { state: "resolved", decision, resolvedBy, resolvedAtMs: this.opts.clock.now() });
    this.finish(entry, decision);
    this.opts.onResolved?.(r);
    return r;
  }

  /** Expire everything (the gateway stops): every waiter gets null = deny. */
  close(): void {
    for (const id of [...this.entries.keys()]) this.expire(id);
  }

  private expire(id: string): void {
    const entry = this.entries.get(id);
    if (entry?.record.state !== "pending") return;
    Object.assign(entry.record, { state: "expired", decision: null, resolvedAtMs: this.opts.clock.now() });
    this.finish(entry, null);
  }

  private finish(entry: Entry, decision: ExecApprovalDecision | null): void {
    this.opts.timers.clear(entry.timer);
    const owner = entry.record.ownerKey;
    const left = (this.pendingByOwner.get(owner) ?? 1) - 1;
    if (left > 0) this.pendingByOwner.set(owner, left);
    else this.pendingByOwner.delete(owner);
    entry.settle(decision);
    // Remember the outcome for a while: late waiters get it, a second resolve gets a clear error.
    entry.timer = this.opts.timers.set(() => this.entries.delete(entry.record.id), this.opts.retainMs ?? 5 * 60_000);
  }

  private countPending(): number {
    let n = 0;
    for (const count of this.pendingByOwner.values()) n += count;
    return n;
  }
}
