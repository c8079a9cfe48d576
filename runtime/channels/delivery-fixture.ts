/**
 * Test support (never used in production): the gateway's delivery wiring in
 * memory — a session store, agent runs over the scripted backend ("Echo: …"),
 * memory channels and the ChannelDelivery the agent, cron and heartbeat use.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { GatewayConfig } from "../../generated/ts/types.js";
import { AgentService } from "../agents/service.js";
import { StoreSessions } from "../agents/store-sessions.js";
import { ScriptedBackend } from "../agents/test-support.js";
import { SessionService } from "../sessions/service.js";
import { ChannelDelivery, lastRouteFields } from "./deliver.js";
import { ChannelService } from "./service.js";
import { MemoryChannel, memoryLog } from "./test-support.js";

const MODELS: GatewayConfig["models"] = { providers: { test: { api: "command", command: "/bin/false", models: [{ id: "echo", name: "Echo" }] } } };

/** Memory channel `memory` (100-character messages) configured open, unless `channels` says otherwise. */
export function deliveryFixture(extra: Partial<GatewayConfig> = {}) {
  const stateDir = mkdtempSync(join(tmpdir(), "tidegate-delivery-"));
  let config = { models: MODELS, channels: { memory: { dmPolicy: "open", allowFrom: ["*"] } }, ...extra } as GatewayConfig;
  const log = memoryLog();
  const sessions = new SessionService({ stateDir, now: () => Date.now(), log });
  const agents = new AgentService({
    stateDir,
    config: () => config,
    sessions: new StoreSessions(sessions),
    emit: { agent: () => undefined, chat: () => undefined },
    backends: { test: new ScriptedBackend() },
    settings: { chatDeltaIntervalMs: 0 },
  });
  const channel = new MemoryChannel();
  const channels = new ChannelService({
    plugins: [channel.plugin],
    config: () => config,
    stateDir,
    log,
    now: () => Date.now(),
    runs: agents.runs,
    sessions: agents.sessions,
    retry: { initialMs: 5, maxMs: 20 },
    routeSeen: async (key, route, main) => {
      await sessions.setLastRoute(key, lastRouteFields(route));
      if (main && main !== key) await sessions.setLastRoute(main, lastRouteFields(route));
    },
  });
  const delivery = new ChannelDelivery({ channels, entry: (key) => sessions.get(key), log });
  return {
    stateDir,
    log,
    sessions,
    agents,
    channel,
    channels,
    delivery,
    config: () => config,
    setConfig(next: GatewayConfig) {
      config = next;
      return channels.apply();
    },
  };
}
