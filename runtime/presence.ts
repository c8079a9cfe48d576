/**
 * Presence: the gateway itself plus every connected client and node, except
 * short-lived tools (`TRANSIENT_CLIENT_MODES`). Changes arriving in a burst
 * go out as one `presence` event carrying the new `stateVersion`.
 */
import { arch, hostname, networkInterfaces, type } from "node:os";
import { TRANSIENT_CLIENT_MODES } from "../generated/ts/registry.js";
import type { PresenceEntry, StateVersion } from "../generated/ts/types.js";
import type { Connection } from "./core/connection.js";
import type { Connections } from "./core/connections.js";
import type { EventBus } from "./core/events.js";

/** Presence changes within this window go out as one `presence` event. */
const COALESCE_MS = 50;

/** The shared state versions (presence and health each advance their own). */
export type StateVersions = StateVersion;

/** The gateway's own presence entry (host facts do not change while it runs). */
export function selfPresence(version: string, now: number): PresenceEntry {
  const ip = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === "IPv4" && !i.internal)?.address;
  return {
    host: hostname(),
    ...(ip ? { ip } : {}),
    version,
    platform: `${process.platform} ${process.arch}`,
    deviceFamily: type(),
    modelIdentifier: arch(),
    mode: "gateway",
    reason: "self",
    text: `Gateway: ${hostname()} · tidegate ${version}`,
    ts: now,
  };
}

/** What an app reports about itself with `system-event` (v3's presence beacon). */
export type PresenceBeacon = Omit<PresenceEntry, "ts"> & { text: string };

/** Beacons from apps without a live connection are shown this long (v3's presence TTL). */
const BEACON_TTL_MS = 5 * 60_000;
/** Most beacons remembered (oldest forgotten first). */
const BEACONS_MAX = 200;
const BEACON_FIELDS = ["host", "ip", "version", "platform", "deviceFamily", "modelIdentifier", "mode", "lastInputSeconds", "reason", "tags", "text"] as const;

export class Presence {
  private timer?: NodeJS.Timeout;
  private readonly beacons = new Map<string, PresenceEntry>();

  constructor(
    private readonly connections: Connections,
    private readonly events: EventBus,
    private readonly versions: StateVersions,
    readonly self: PresenceEntry,
    /** Wall clock for the age of beacons. */
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

  /** A connection finished its handshake. */
  joined(conn: Connection): void {
    if (!this.listed(conn)) return;
    this.versions.presence++;
    this.changed();
  }

  private left(conn: Connection): void {
    if (!this.listed(conn)) return;
    this.versions.presence++;
    this.changed();
  }

  /**
   * Record an app's beacon (keyed by device id, else instance id, else host, else address) and
   * broadcast presence. Returns the key, the merged entry and which of its fields changed.
   */
  beacon(update: PresenceBeacon, now: number): { key: string; next: PresenceEntry; changedKeys: string[] } {
    const key = (update.deviceId ?? update.instanceId ?? update.host ?? update.ip ?? update.text.slice(0, 64)).trim().toLowerCase() || "unknown";
    const previous = this.beacons.get(key);
    // Apps are trusted (admin scope) but not their sizes: every member is broadcast to everyone.
    const fields = Object.fromEntries(
      Object.entries(update)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, bounded(v)]),
    );
    const next: PresenceEntry = { ...previous, ...fields, ts: now };
    const changedKeys = BEACON_FIELDS.filter((f) => JSON.stringify(previous?.[f]) !== JSON.stringify(next[f]));
    this.beacons.delete(key);
    this.beacons.set(key, next);
    if (this.beacons.size > BEACONS_MAX) this.beacons.delete(this.beacons.keys().next().value!);
    this.versions.presence++;
    this.changed();
    return { key, next: { ...next }, changedKeys };
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
   * The gateway first, then one row per device (as in v3: keyed by device id, else instance id,
   * else connection); a device connected twice shows its newest connection.
   */
  entries(): PresenceEntry[] {
    const newest = new Map<string, Connection>();
    for (const c of this.connections.open()) {
      if (!this.listed(c)) continue;
      const key = c.deviceId ?? c.client?.instanceId ?? c.connId;
      const seen = newest.get(key);
      if (!seen || seen.connectedAtMs <= c.connectedAtMs) newest.set(key, c);
    }
    const entries = [...newest.values()].map((c): PresenceEntry => {
      const name = c.client?.displayName ?? c.client?.id ?? "client";
      const entry: PresenceEntry = {
        host: name,
        ip: c.peer.remoteAddress,
        version: c.client?.version,
        platform: c.client?.platform,
        deviceFamily: c.client?.deviceFamily,
        modelIdentifier: c.client?.modelIdentifier,
        mode: c.client?.mode,
        reason: "connect",
        ts: c.connectedAtMs,
        deviceId: c.deviceId,
        roles: [c.role],
        scopes: c.scopes.length ? [...c.scopes] : undefined,
        instanceId: c.client?.instanceId,
        text: `${c.role === "node" ? "Node" : "Client"}: ${name} · mode ${c.client?.mode}`,
      };
      const reported = this.beacons.get((c.deviceId ?? c.client?.instanceId ?? "").toLowerCase());
      if (reported) for (const f of BEACON_FIELDS) if (reported[f] !== undefined) Object.assign(entry, { [f]: reported[f] });
      return JSON.parse(JSON.stringify(entry)) as PresenceEntry;
    });
    const connected = new Set(entries.flatMap((e) => [e.deviceId?.toLowerCase(), e.instanceId?.toLowerCase()]).filter(Boolean));
    const now = this.now();
    const reportedOnly = [...this.beacons.entries()]
      .filter(([key, b]) => !connected.has(key) && !connected.has(b.deviceId?.toLowerCase()) && now - b.ts < BEACON_TTL_MS)
      .map(([, b]) => ({ ...b }))
      .reverse();
    return [this.self, ...entries, ...reportedOnly];
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
