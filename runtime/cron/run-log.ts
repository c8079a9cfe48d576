/**
 * The run log of each job: `<state>/cron/runs/<jobId>.jsonl`, one entry per
 * finished run. Appends are single `write`s; when a file grows beyond
 * `maxBytes` or `maxLines` it is rewritten atomically keeping the newest
 * `keepLines`. Reading skips a torn or foreign line instead of failing.
 */
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { readTextIfExists } from "../../common/read-text.js";
import type { CronDeliveryStatus, CronRunLogEntry, CronRunStatus } from "../../generated/ts/types.js";
import { writeFileAtomic } from "../state/atomic-file.js";

export interface RunLogLimits {
  maxBytes: number;
  maxLines: number;
  /** Lines kept after pruning. */
  keepLines: number;
}

export const DEFAULT_RUN_LOG_LIMITS: RunLogLimits = { maxBytes: 2 * 1024 * 1024, maxLines: 2000, keepLines: 1000 };

export interface RunLogQuery {
  jobId?: string;
  statuses?: CronRunStatus[];
  status?: CronRunStatus | "all";
  deliveryStatuses?: CronDeliveryStatus[];
  deliveryStatus?: CronDeliveryStatus;
  query?: string;
  sortDir?: "asc" | "desc";
  limit?: number;
  offset?: number;
}

/** The schema's job id pattern: no separators, no `..` on its own. */
export const JOB_ID = /^(?!\.{1,2}$)[A-Za-z0-9_.-]{1,128}$/;

function endsTorn(path: string): boolean {
  try {
    const text = readFileSync(path);
    return text.length > 0 && text[text.length - 1] !== 0x0a;
  } catch {
    return false;
  }
}

export class CronRunLog {
  readonly dir: string;
  private readonly lineCounts = new Map<string, number>();

  constructor(
    cronDir: string,
    private readonly limits: RunLogLimits = DEFAULT_RUN_LOG_LIMITS,
  ) {
    this.dir = join(cronDir, "runs");
  }

  /** Job ids match a strict pattern before they become file names. */
  pathOf(jobId: string): string {
    if (!JOB_ID.test(jobId)) throw new Error(`'${jobId}' is not a valid job id`);
    return join(this.dir, `${jobId}.jsonl`);
  }

  append(entry: CronRunLogEntry): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const path = this.pathOf(entry.jobId);
    const known = this.lineCounts.get(entry.jobId);
    // First append since start: a torn last line (crash mid-write) must not swallow this entry.
    const torn = known === undefined && endsTorn(path);
    appendFileSync(path, (torn ? "\n" : "") + JSON.stringify(entry) + "\n", { mode: 0o600 });
    const lines = known === undefined ? this.readLines(path).length : known + 1;
    this.lineCounts.set(entry.jobId, lines);
    if (lines > this.limits.maxLines || statSync(path).size > this.limits.maxBytes) this.prune(entry.jobId);
  }

  /** Keep the newest `keepLines` entries (fewer when they still exceed `maxBytes`). */
  prune(jobId: string): void {
    const path = this.pathOf(jobId);
    let kept = this.readLines(path).slice(-this.limits.keepLines);
    let text = kept.map((l) => l + "\n").join("");
    while (kept.length > 1 && Buffer.byteLength(text) > this.limits.maxBytes / 2) {
      kept = kept.slice(Math.ceil(kept.length / 4));
      text = kept.map((l) => l + "\n").join("");
    }
    writeFileAtomic(path, text);
    this.lineCounts.set(jobId, kept.length);
  }

  remove(jobId: string): void {
    rmSync(this.pathOf(jobId), { force: true });
    rmSync(this.pathOf(jobId) + ".bak", { force: true });
    this.lineCounts.delete(jobId);
  }

  /**
   * Entries newest first by `ts` (oldest first with `sortDir: "asc"`), filtered, with paging;
   * `total` counts before paging. With `names`, entries gain `jobName`.
   */
  read(query: RunLogQuery = {}, names?: Map<string, string>): { entries: CronRunLogEntry[]; total: number; offset: number; limit: number; hasMore: boolean; nextOffset: number | null } {
    const ids = query.jobId !== undefined ? [query.jobId] : this.jobIds();
    // Each file newest line first, then a stable sort: equal timestamps keep the newest line first.
    let entries = ids.flatMap((id) => this.entriesOf(id).reverse());
    const statuses = query.statuses ?? (query.status && query.status !== "all" ? [query.status] : undefined);
    if (statuses) entries = entries.filter((e) => e.status !== undefined && statuses.includes(e.status));
    const deliveryStatuses = query.deliveryStatuses ?? (query.deliveryStatus ? [query.deliveryStatus] : undefined);
    if (deliveryStatuses) entries = entries.filter((e) => deliveryStatuses.includes(e.deliveryStatus ?? "not-requested"));
    if (names) entries = entries.map((e) => (names.has(e.jobId) ? { ...e, jobName: names.get(e.jobId) } : e));
    const needle = query.query?.trim().toLowerCase();
    if (needle) entries = entries.filter((e) => [e.summary, e.error, e.jobName, e.jobId].some((t) => t?.toLowerCase().includes(needle)));
    entries.sort((a, b) => b.ts - a.ts);
    if (query.sortDir === "asc") entries.reverse();
    const offset = query.offset ?? 0;
    const limit = query.limit ?? 50;
    const slice = entries.slice(offset, offset + limit).map(inV3Order);
    const hasMore = offset + slice.length < entries.length;
    return { entries: slice, total: entries.length, offset, limit, hasMore, nextOffset: hasMore ? offset + slice.length : null };
  }

  private jobIds(): string[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .filter((f) => f.endsWith(".jsonl"))
      .map((f) => f.slice(0, -".jsonl".length))
      .filter((id) => JOB_ID.test(id));
  }

  private entriesOf(jobId: string): CronRunLogEntry[] {
    const out: CronRunLogEntry[] = [];
    for (const line of this.readLines(this.pathOf(jobId))) {
      try {
        const entry = JSON.parse(line) as CronRunLogEntry;
        if (entry && typeof entry.ts === "number" && entry.jobId === jobId) out.push(entry);
      } catch {
        // a torn last line after a crash: skipped
      }
    }
    return out;
  }

  private readLines(path: string): string[] {
    const text = readTextIfExists(path) ?? "";
    return text.split("\n").filter((l) => l.trim().length > 0);
  }
}

/** Members of a run-log entry in the order v3 sends them (members it does not know follow). */
const ENTRY_ORDER = [
  "ts",
  "jobId",
  "action",
  "status",
  "error",
  "summary",
  "runAtMs",
  "durationMs",
  "nextRunAtMs",
  "model",
  "provider",
  "usage",
  "delivered",
  "deliveryStatus",
  "deliveryError",
  "sessionId",
  "sessionKey",
  "jobName",
] as const;

/** An entry with its members in v3's order (clients that print it show the same text). */
function inV3Order(entry: CronRunLogEntry): CronRunLogEntry {
  const out: Record<string, unknown> = {};
  const source = entry as unknown as Record<string, unknown>;
  for (const key of ENTRY_ORDER) if (source[key] !== undefined) out[key] = source[key];
  for (const [key, value] of Object.entries(source)) if (!(key in out) && value !== undefined) out[key] = value;
  return out as unknown as CronRunLogEntry;
}
