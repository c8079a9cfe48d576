/**
 * Heartbeats and system events: `last-heartbeat`, `set-heartbeats`, `wake` and
 * `system-event` (an app's presence beacon or a free-text event; a `Node: …`
 * beacon queues only what changed, as v3 does).
 */
import { GatewayError } from "../errors.js";
import type { GatewayServices } from "../services.js";
import type { Handlers } from "./context.js";

const strings = (value: unknown) => (Array.isArray(value) && value.every((v) => typeof v === "string") ? (value as string[]) : undefined);

export function heartbeatHandlers(s: Pick<GatewayServices, "heartbeat" | "presence" | "clock">): Handlers<"last-heartbeat" | "set-heartbeats" | "wake" | "system-event"> {
  const { heartbeat } = s;
  return {
    "last-heartbeat": () => heartbeat.last(),
    "set-heartbeats": ({ enabled }) => {
      heartbeat.setEnabled(enabled);
      return { ok: true, enabled };
    },
    wake: ({ mode, text }) => {
      if (!text.trim()) throw new GatewayError("INVALID_PARAMS", "text is empty");
      heartbeat.enqueue(text);
      // The heartbeat runs on its own; its outcome arrives as a `heartbeat` event.
      if (mode === "now") void heartbeat.wakeNow();
      return { ok: true };
    },
    "system-event": (params) => {
      const text = params.text.trim();
      if (!text) throw new GatewayError("INVALID_PARAMS", "text required");
      const { deviceId, instanceId, mode, version, platform, deviceFamily, modelIdentifier, lastInputSeconds, reason } = params;
      const isBeacon = text.startsWith("Node:");
      // A beacon's text names its host and address when the fields do not (`Node: laptop (192.0.2.7) · …`).
      const named = isBeacon ? /^Node:\s*([^(·]+?)\s*(?:\(([^)]*)\))?\s*(?:·|$)/.exec(text) : null;
      const host = params.host ?? (named?.[1] || undefined);
      const ip = params.ip ?? (named?.[2] || undefined);
      if (!isBeacon && !deviceId && !instanceId && !host && !ip) {
        // Free text from no one in particular: an event, not a presence row.
        heartbeat.enqueue(text);
        return { ok: true };
      }
      const update = s.presence.beacon(
        {
          text,
          deviceId,
          instanceId,
          host,
          ip,
          mode,
          version,
          platform,
          deviceFamily,
          modelIdentifier,
          lastInputSeconds: lastInputSeconds === undefined ? undefined : Math.floor(lastInputSeconds),
          reason,
          roles: strings(params.roles),
          scopes: strings(params.scopes),
          tags: strings(params.tags),
        },
        s.clock.now(),
      );
      if (!isBeacon) {
        heartbeat.enqueue(text);
        return { ok: true };
      }
      // A periodic beacon: tell the agent only what changed (host, address, version, mode, a non-periodic reason).
      const { next, key } = update;
      const changed = new Set(update.changedKeys);
      const why = (next.reason ?? reason ?? "").toLowerCase();
      const reasonChanged = changed.has("reason") && !why.startsWith("periodic") && why !== "heartbeat";
      const parts: string[] = [];
      if (heartbeat.queue.contextChanged(heartbeat.mainSessionKey(), key) || changed.has("host") || changed.has("ip")) {
        parts.push(`Node: ${next.host?.trim() || "Unknown"}${next.ip?.trim() ? ` (${next.ip.trim()})` : ""}`);
      }
      if (changed.has("version")) parts.push(`app ${next.version?.trim() || "unknown"}`);
      if (changed.has("mode")) parts.push(`mode ${next.mode?.trim() || "unknown"}`);
      if (reasonChanged) parts.push(`reason ${next.reason?.trim() || "event"}`);
      if (changed.has("host") || changed.has("ip") || changed.has("version") || changed.has("mode") || reasonChanged) {
        heartbeat.enqueue(parts.join(" · "), { contextKey: key });
      }
      return { ok: true };
    },
  };
}
