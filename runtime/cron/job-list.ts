/** Listing cron jobs and run-log entries: filters, sort order and v3's paging (`offset`, `limit`, `hasMore`, `nextOffset`). */
import type { CronJob } from "../../generated/ts/types.js";

/** The largest page `cron.list` answers. */
const MAX_PAGE = 200;

/** The `limit` an empty listing reports when none was asked for (v3). */
const EMPTY_PAGE_LIMIT = 50;

export interface CronListOptions {
  includeDisabled?: boolean;
  enabled?: "all" | "enabled" | "disabled";
  query?: string;
  sortBy?: "nextRunAtMs" | "updatedAtMs" | "name";
  sortDir?: "asc" | "desc";
  limit?: number;
  offset?: number;
}

export interface Page {
  total: number;
  offset: number;
  limit: number;
  hasMore: boolean;
  nextOffset: number | null;
}

export function page<T>(items: T[], offset = 0, limit = items.length): { items: T[] } & Page {
  const slice = items.slice(offset, offset + limit);
  const hasMore = offset + slice.length < items.length;
  return { items: slice, total: items.length, offset, limit, hasMore, nextOffset: hasMore ? offset + slice.length : null };
}

/** The jobs `cron.list` shows for `opts`, sorted and paged (the caller copies them out). */
export function selectJobs(jobs: CronJob[], opts: CronListOptions = {}): { items: CronJob[] } & Page {
  const which = opts.enabled ?? (opts.includeDisabled ? "all" : "enabled");
  const query = opts.query?.trim().toLowerCase();
  let selected = jobs.filter((j) => (which === "all" ? true : which === "enabled" ? j.enabled : !j.enabled));
  if (query) selected = selected.filter((j) => [j.name, j.description ?? "", j.agentId ?? ""].join(" ").toLowerCase().includes(query));
  const sortBy = opts.sortBy ?? "nextRunAtMs";
  const dir = opts.sortDir === "desc" ? -1 : 1;
  const key = (j: CronJob): number | string => (sortBy === "name" ? j.name.toLowerCase() : sortBy === "updatedAtMs" ? j.updatedAtMs : (j.state.nextRunAtMs ?? Number.MAX_SAFE_INTEGER));
  selected.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return (ka < kb ? -1 : ka > kb ? 1 : a.createdAtMs - b.createdAtMs) * dir;
  });
  // v3's paging: the offset is kept within the list; without a limit the page is the whole list
  // (50 when it is empty), and a limit is kept within 1..200.
  const total = selected.length;
  const offset = Math.max(0, Math.min(total, Math.floor(opts.offset ?? 0)));
  const limit = Math.max(1, Math.min(MAX_PAGE, Math.floor(opts.limit ?? (total === 0 ? EMPTY_PAGE_LIMIT : total))));
  return page(selected, offset, limit);
}
