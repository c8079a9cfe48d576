/**
 * What handlers are built from: the gateway's services, each narrow and
 * replaceable in tests (in-memory stores, a fake clock). A method family's
 * handler factory takes `Pick<GatewayServices, …>` of what it uses. New
 * families add their service here and construct it in `start.ts`.
 */
import type { Connections } from "./core/connections.js";
import type { EventBus } from "./core/events.js";
import type { GatewaySettings } from "./config/settings.js";
import type { HealthMonitor } from "./health.js";
import type { Logger } from "./log.js";
import type { NodeRegistry } from "./nodes/registry.js";
import type { Presence, StateVersions } from "./presence.js";
import type { DeviceStore } from "./state/device-store.js";

export interface Clock {
  /** Wall-clock milliseconds since the epoch. */
  now(): number;
}

/** Facts about this gateway process. */
export interface GatewayInfo {
  version: string;
  stateDir: string;
  configPath: string;
  /** `clock.now()` at start. */
  startedAt: number;
  /** The port actually bound. */
  port: number;
}

export interface GatewayServices {
  clock: Clock;
  log: Logger;
  settings: GatewaySettings;
  info: GatewayInfo;
  /** Paired devices, their tokens and pending pairing requests. */
  devices: DeviceStore;
  /** Open sockets. */
  connections: Connections;
  events: EventBus;
  presence: Presence;
  health: HealthMonitor;
  /** Shared `stateVersion` counters. */
  stateVersion: StateVersions;
  nodes: NodeRegistry;
}
