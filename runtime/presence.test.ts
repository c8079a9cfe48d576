/** Presence rows as v3 keeps them: per device, merged across connections, kept 5 minutes after the last one closes. */
import { describe, expect, it } from "vitest";
import type { Connection } from "./core/connection.js";
import type { Connections } from "./core/connections.js";
import type { EventBus } from "./core/events.js";
import { PRESENCE_TTL_MS, Presence, selfPresence } from "./presence.js";

function setup() {
  let now = 1_000_000;
  const closeHooks: ((conn: Connection, wasOpen: boolean) => void)[] = [];
  const connections = { onClose: (hook: (conn: Connection, wasOpen: boolean) => void) => closeHooks.push(hook) } as unknown as Connections;
  const events = { broadcast: () => 0 } as unknown as EventBus;
  const presence = new Presence(connections, events, { presence: 1, health: 1 }, selfPresence("1.2.3", now), () => now);
  let n = 0;
  const conn = (client: Record<string, unknown>, extra: Partial<Connection> = {}) =>
    ({
      connId: `c${++n}`,
      role: "operator",
      scopes: ["operator.read"],
      client,
      peer: { remoteAddress: "127.0.0.1" },
      isLocal: true,
      reportedIp: undefined,
      connectedAtMs: now,
      ...extra,
    }) as unknown as Connection;
  return {
    presence,
    conn,
    close: (c: Connection) => closeHooks.forEach((h) => h(c, true)),
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe("Presence", () => {
  it("lists backend clients but not CLI calls; a row outlives its connection for PRESENCE_TTL_MS with reason disconnect", () => {
    const t = setup();
    const backend = t.conn({ id: "gateway-client", mode: "backend", version: "dev", platform: "linux" }, { deviceId: "DEV1" } as Partial<Connection>);
    t.presence.joined(t.conn({ id: "cli", mode: "cli" }));
    t.presence.joined(backend);
    expect(t.presence.entries().map((e) => e.mode)).toEqual(["gateway", "backend"]);
    t.advance(1000);
    t.close(backend);
    const [, row] = t.presence.entries();
    expect(row).toMatchObject({ host: "gateway-client", mode: "backend", deviceId: "DEV1", instanceId: "DEV1", reason: "disconnect", text: "Node: gateway-client · mode backend" });
    expect(row.ip).toBeUndefined();
    t.advance(PRESENCE_TTL_MS);
    expect(t.presence.entries()).toHaveLength(2);
    t.advance(1);
    expect(t.presence.entries().map((e) => e.mode)).toEqual(["gateway"]);
  });

  it("one row per device: roles and scopes merge, a connected device is never dropped, rows come newest first", () => {
    const t = setup();
    const a = t.conn({ id: "ui", mode: "ui" }, { deviceId: "D" } as Partial<Connection>);
    t.presence.joined(a);
    t.advance(10);
    const b = t.conn({ id: "ui", mode: "ui" }, { deviceId: "D", scopes: ["operator.write"] } as Partial<Connection>);
    t.presence.joined(b);
    t.advance(10);
    const remote = t.conn({ id: "node-host", mode: "node" }, {
      role: "node",
      scopes: [],
      isLocal: false,
      reportedIp: "192.0.2.9",
      peer: { remoteAddress: "192.0.2.9" },
    } as unknown as Partial<Connection>);
    t.presence.joined(remote);
    const rows = t.presence.entries();
    expect(rows.map((r) => r.mode)).toEqual(["gateway", "node", "ui"]);
    expect(rows[1]).toMatchObject({ ip: "192.0.2.9", roles: ["node"] });
    expect(rows[2].scopes).toEqual(["operator.read", "operator.write"]);
    t.advance(1);
    t.close(a);
    t.advance(PRESENCE_TTL_MS * 2);
    // `b` is still connected: the device's row stays.
    expect(t.presence.entries().map((r) => r.mode)).toEqual(["gateway", "ui", "node"]);
  });

  it("the gateway's own row: v3's platform label and text", () => {
    const self = selfPresence("1.2.3", 5);
    expect(self.platform).toMatch(/^(linux|macos|windows|\w+) \S+$/);
    expect(self.text).toMatch(/^Gateway: \S+( \([\d.]+\))? · app 1\.2\.3 · mode gateway · reason self$/);
  });
  it("lists the rows of its sources (channel accounts) among the devices, newest first, and broadcasts when they change", () => {
    let broadcasts = 0;
    const now = 2_000_000;
    const connections = { onClose: () => undefined } as unknown as Connections;
    const events = { broadcast: () => broadcasts++ } as unknown as EventBus;
    const versions = { presence: 1, health: 1 };
    const presence = new Presence(connections, events, versions, selfPresence("1.2.3", now), () => now);
    let connected = true;
    presence.addSource(() => [{ host: "IRC default", mode: "channel", reason: connected ? "connect" : "disconnect", ts: now - 5 }]);
    expect(presence.entries().map((e) => [e.mode, e.reason])).toEqual([
      ["gateway", "self"],
      ["channel", "connect"],
    ]);
    connected = false;
    presence.refresh();
    expect(versions.presence).toBe(2);
    expect(presence.entries()[1].reason).toBe("disconnect");
    presence.stop();
    expect(broadcasts).toBe(0); // coalesced: the timer was stopped before it fired
  });
});
