/**
 * Date ranges of `usage.cost` and `sessions.usage`, as v3 reads them: `startDate`
 * and `endDate` (`YYYY-MM-DD`, both inclusive) or `days` back from today
 * (default 30 days), in UTC, the gateway's time zone (`mode: gateway`) or a
 * given offset (`mode: specific` with `utcOffset` such as `UTC+2`).
 */

export const DAY_MS = 86_400_000;

export interface DateRangeParams {
  startDate?: string;
  endDate?: string;
  days?: number;
  mode?: string;
  utcOffset?: string;
}

/** How calendar days map to instants: UTC, the gateway's zone, or a fixed offset in minutes. */
export type DayZone = { mode: "utc" } | { mode: "gateway" } | { mode: "specific"; offsetMinutes: number };

export interface DateRange {
  startMs: number;
  /** Inclusive: the last millisecond of the last day. */
  endMs: number;
  zone: DayZone;
}

/** `UTC+2`, `UTC-05:30` → minutes east of UTC; undefined when invalid (beyond −12:00…+14:00). */
export function parseUtcOffset(raw: string | undefined): number | undefined {
  const m = /^UTC([+-])(\d{1,2})(?::([0-5]\d))?$/.exec(raw?.trim() ?? "");
  if (!m) return undefined;
  const minutes = (m[1] === "+" ? 1 : -1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
  return minutes < -720 || minutes > 840 ? undefined : minutes;
}

export function dayZone(params: Pick<DateRangeParams, "mode" | "utcOffset">): DayZone {
  if (params.mode === "gateway") return { mode: "gateway" };
  const offsetMinutes = params.mode === "specific" ? parseUtcOffset(params.utcOffset) : undefined;
  return offsetMinutes === undefined ? { mode: "utc" } : { mode: "specific", offsetMinutes };
}

/** The first instant of the calendar day `YYYY-MM-DD` in `zone`. */
function dayStart(raw: string | undefined, zone: DayZone): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw?.trim() ?? "");
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
  const ms = zone.mode === "gateway" ? new Date(y, mo, d).getTime() : Date.UTC(y, mo, d) - (zone.mode === "specific" ? zone.offsetMinutes * 60_000 : 0);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The calendar day (`YYYY-MM-DD`) of instant `ms` in `zone`. */
export function dayOf(ms: number, zone: DayZone): string {
  if (zone.mode === "gateway") {
    const d = new Date(ms);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  }
  return new Date(ms + (zone.mode === "specific" ? zone.offsetMinutes * 60_000 : 0)).toISOString().slice(0, 10);
}

export function dateRange(params: DateRangeParams, now: number): DateRange {
  const zone = dayZone(params);
  const today = dayStart(dayOf(now, zone), zone)!;
  const todayEnd = today + DAY_MS - 1;
  const start = dayStart(params.startDate, zone);
  const end = dayStart(params.endDate, zone);
  if (start !== undefined && end !== undefined) return { startMs: start, endMs: end + DAY_MS - 1, zone };
  const days = typeof params.days === "number" && Number.isFinite(params.days) ? Math.max(1, Math.floor(params.days)) : 30;
  return { startMs: today - (days - 1) * DAY_MS, endMs: todayEnd, zone };
}
