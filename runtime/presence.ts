/**
 * Presence: the gateway itself plus one row per device (keyed by device id,
 * else instance id, else connection), except short-lived tools
 * (`TRANSIENT_CLIENT_MODES`). As in v3 a row outlives its connection: on
 * disconnect it turns `reason: "disconnect"` and is listed for
 * `PRESENCE_TTL_MS` more. Apps also report themselves with `system-event`
 * beacons, which update their row (or make one). Changes arriving in a burst go out as one
 * `presence` event carrying the new `stateVersion`.
 */
import { arch, hostname, networkInterfaces, platform, release, type } from "node:os";
import { TRANSIENT_CLIENT_MODES } from "../generated/ts/registry.js";
import type { PresenceEntry, StateVersion } from "../generated/ts/types.js";
import type { Connection } from "./core/connection.js";
import type { Connections } from "./core/connections.js";
import type { EventBus } from "./core/events.js";

/** Presence changes within this window go out as one `presence` event. */
const COALESCE_MS = 50;

/** How long a row stays listed after its device's last connection closed (v3: 5 minutes). */
export const PRESENCE_TTL_MS = 5 * 60_000;

/** Most rows kept besides the gateway's own (v3: 200); the oldest go first. */
const MAX_ROWS = 200;

/** The shared state versions (presence and health each advance their own). */
export type StateVersions = StateVersion;

/** The operating system as v3 names it in presence: `linux 6.8.0`, `macos 15.1`, `windows 10.0.22631`. */
function platformLabel(): string {
  const p = platform();
  if (p === "darwin") return `macos ${release()}`;
  if (p === "win32") return `windows ${release()}`;
  return `${p} ${release()}`;
}

/** The device family as v3 names it: `Mac`, `Windows`, `Linux`, else the platform. */
function deviceFamilyLabel(): string {
  const p = platform();
  return p === "darwin" ? "Mac" : p === "win32" ? "Windows" : p === "linux" ? "Linux" : type();
}

/** The gateway's own presence entry (host facts do not change while it runs). */
export function selfPresence(version: string, now: number): PresenceEntry {
  const ip = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === "IPv4" && !i.internal)?.address;
  const host = hostname();
  return {
    host,
    ...(ip ? { ip } : {}),
    version,
    platform: platformLabel(),
    deviceFamily: deviceFamilyLabel(),
    modelIdentifier: arch(),
    mode: "gateway",
    reason: "self",
    text: `Gateway: ${host}${ip ? ` (${ip})` : ""} · app ${version} · mode gateway · reason self`,
    ts: now,
  };
}

/** What an app reports about itself with `system-event` (v3's presence beacon). */
export type PresenceBeacon = Omit<PresenceEntry, "ts"> & { text: string };

const BEACON_FIELDS = ["host", "ip", "version", "platform", "deviceFamily", "modelIdentifier", "mode", "lastInputSeconds", "reason", "tags", "text"] as const;

/** One listed row and the connections that keep it alive. */
interface Row {
  entry: PresenceEntry;
  live: number;
}

/** Union of two lists, first-seen order; undefined when empty (as v3 merges roles and scopes). */
function merged(a: readonly string[] | undefined, b: readonly string[] | undefined): string[] | undefined {
  const out = [...new Set([...(a ?? []), ...(b ?? [])])];
  return out.length ? out : undefined;
}

/** Drops undefined members, so rows serialize as v3 sends them. */
function defined(entry: PresenceEntry): PresenceEntry {
  return Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined)) as PresenceEntry;
}

export class Presence {
  private timer?: NodeJS.Timeout;
  private readonly rows = new Map<string, Row>();
  private readonly keys = new WeakMap<Connection, string>();
  private readonly sources: (() => PresenceEntry[])[] = [];

  constructor(
    connections: Connections,
    private readonly events: EventBus,
    private readonly versions: StateVersions,
    readonly self: PresenceEntry,
    private readonly now: () => number = Date.now,
  ) {
    connections.onClose((conn, wasOpen) => {
      if (wasOpen) this.left(conn);
    });
  }

  /** Whether a connection shows up in presence. */
  listed(conn: Connection): boolean {
    return conn.role === "node" || !(TRANSIENT_CLIENT_MODES as readonly string[]).includes(conn.client?.mode ?? "");
  }

  /** A connection finished its handshake: its row is created or refreshed (`reason: "connect"`). */
  joined(conn: Connection): void {
    if (!this.listed(conn)) return;
    const key = (conn.deviceId ?? conn.client?.instanceId ?? conn.connId).trim().toLowerCase();
    this.keys.set(conn, key);
    const row = this.rows.get(key);
    const previous = row?.entry;
    const host = conn.client?.displayName ?? conn.client?.id ?? hostname();
    const mode = conn.client?.mode;
    const entry = defined({
      ...previous,
      host,
      // v3 shows no address for a local client.
      ip: conn.reportedIp,
      version: conn.client?.version,
      platform: conn.client?.platform,
      deviceFamily: conn.client?.deviceFamily,
      modelIdentifier: conn.client?.modelIdentifier,
      mode,
      deviceId: conn.deviceId,
      roles: merged(previous?.roles, [conn.role]),
      scopes: merged(previous?.scopes, conn.scopes),
      instanceId: conn.deviceId ?? conn.client?.instanceId,
      reason: "connect",
      ts: this.now(),
      text: previous?.text ?? `Node: ${host} · mode ${mode ?? "unknown"}`,
    });
    this.rows.set(key, { entry, live: (row?.live ?? 0) + 1 });
    this.versions.presence++;
    this.changed();
  }

  private left(conn: Connection): void {
    const key = this.keys.get(conn);
    const row = key === undefined ? undefined : this.rows.get(key);
    if (!row) return;
    row.live = Math.max(0, row.live - 1);
    row.entry = { ...row.entry, reason: "disconnect", ts: this.now() };
    this.versions.presence++;
    this.changed();
  }

  /**
   * Record an app's beacon in its row (keyed by device id, else instance id, else host, else address;
   * a beacon of a device with no open connection ages out like a disconnected row) and broadcast
   * presence. Returns the key, the merged entry and which of its fields changed.
   */
  beacon(update: PresenceBeacon, now: number): { key: string; next: PresenceEntry; changedKeys: string[] } {
    const key = (update.deviceId ?? update.instanceId ?? update.host ?? update.ip ?? update.text.slice(0, 64)).trim().toLowerCase() || "unknown";
    const row = this.rows.get(key);
    const previous = row?.entry;
    // Apps are trusted (admin scope) but not their sizes: every member is broadcast to everyone.
    const fields = Object.fromEntries(
      Object.entries(update)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, bounded(v)]),
    );
    const next = defined({ ...previous, ...fields, ts: now } as PresenceEntry);
    const changedKeys = BEACON_FIELDS.filter((f) => JSON.stringify(previous?.[f]) !== JSON.stringify(next[f]));
    this.rows.set(key, { entry: next, live: row?.live ?? 0 });
    this.versions.presence++;
    this.changed();
    return { key, next: { ...next }, changedKeys };
  }

  /** Rows other parts of the gateway show (messaging channel accounts), read on every listing. */
  addSource(rows: () => PresenceEntry[]): void {
    this.sources.push(rows);
  }

  /** A source's rows changed: bump the version and broadcast. */
  refresh(): void {
    this.versions.presence++;
    this.changed();
  }

  /** Broadcast presence once for every burst of changes (connects and disconnects come in crowds). */
  private changed(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.events.broadcast("presence", { presence: this.entries() }, { stateVersion: { ...this.versions } });
    }, COALESCE_MS);
  }

  /**
   * The gateway first (its `ts` is now), then the rows newest first. A row whose device has no open
   * connection is dropped `PRESENCE_TTL_MS` after its last change (v3 drops any row that old; here a
   * connected device's row stays while it is connected).
   */
  entries(): PresenceEntry[] {
    const now = this.now();
    for (const [key, row] of this.rows) if (row.live === 0 && now - row.entry.ts > PRESENCE_TTL_MS) this.rows.delete(key);
    const rows = [...this.rows.entries()].sort((a, b) => b[1].entry.ts - a[1].entry.ts);
    for (const [key, row] of rows.slice(MAX_ROWS)) if (row.live === 0) this.rows.delete(key);
    const listed = [...[...this.rows.values()].map((r) => r.entry), ...this.sources.flatMap((rows) => rows())];
    return [{ ...this.self, ts: now }, ...listed.sort((a, b) => b.ts - a.ts)];
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}

/** A beacon member cut to a sane size: strings to 512 characters, lists to 32 of them. */
function bounded(value: unknown): unknown {
  if (typeof value === "string") return value.slice(0, 512);
  if (Array.isArray(value)) return value.slice(0, 32).map(bounded);
  return value;
}
