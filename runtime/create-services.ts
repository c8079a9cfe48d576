/**
 * The services of one gateway, built over real stores in its state directory
 * (see `GatewayServices`); `startGateway` (start.ts) wires them to the router,
 * the core and the transport.
 */
import { join } from "node:path";
import { PRODUCT_VERSION } from "../generated/ts/registry.js";
import type { GatewayConfig } from "../generated/ts/types.js";
import { AgentService } from "./agents/service.js";
import { StoreSessions } from "./agents/store-sessions.js";
import { ApprovalsFileStore } from "./approvals/file-store.js";
import { type ApprovalRecord, ExecApprovalRegistry } from "./approvals/pending.js";
import { SpeechService } from "./audio/speech.js";
import { VoiceWakeStore } from "./audio/voice-wake.js";
import { randomSecret } from "./auth/secret.js";
import { ChannelDelivery, lastRouteFields } from "./channels/deliver.js";
import { CHANNEL_PLUGINS } from "./channels/plugins.js";
import { ChannelService } from "./channels/service.js";
import type { ChannelPlugin } from "./channels/types.js";
import { ConfigService } from "./config/service.js";
import type { GatewaySettings, SettingsOverrides } from "./config/settings.js";
import { Connections } from "./core/connections.js";
import { EventBus } from "./core/events.js";
import { gatewayExecutor } from "./cron/gateway-executor.js";
import { CronService } from "./cron/service.js";
import { systemTimers } from "./cron/time.js";
import { agentHealth, HealthMonitor } from "./health.js";
import { HeartbeatService } from "./heartbeat/service.js";
import type { Logger } from "./log.js";
import { LogService } from "./logs/service.js";
import { NodeRegistry } from "./nodes/registry.js";
import { Presence, type StateVersions, selfPresence } from "./presence.js";
import type { Clock, GatewayServices } from "./services.js";
import { SessionService } from "./sessions/service.js";
import { SkillService } from "./skills/service.js";
import { DeviceStore } from "./state/device-store.js";
import { UsageService } from "./usage/service.js";
import { onboardingFlow } from "./wizard/onboarding.js";
import { WizardService } from "./wizard/service.js";

export interface ServiceOptions {
  stateDir: string;
  configPath: string;
  log: Logger;
  /** Flags over the config file. */
  overrides?: SettingsOverrides;
  /** The channel plugins to run instead of `CHANNEL_PLUGINS` (tests). */
  channelPlugins?: readonly ChannelPlugin[];
}

/** Build every service over real stores in `stateDir`; throws `CorruptStoreError` when a store cannot be read. */
export function createServices(settings: GatewaySettings, config: GatewayConfig, configHash: string, options: ServiceOptions, clock: Clock): GatewayServices {
  const devices = new DeviceStore(options.stateDir, () => clock.now(), options.log);
  const connections = new Connections();
  const events = new EventBus(connections, settings.maxBufferedBytes);
  const stateVersion: StateVersions = { presence: 1, health: 1 };
  const timeSource = { now: () => clock.now(), monotonic: () => performance.now() };
  const approvalEvent = (r: ApprovalRecord) => ({ id: r.id, request: r.request, createdAtMs: r.createdAtMs, expiresAtMs: r.expiresAtMs });
  const sessionService = new SessionService({ stateDir: options.stateDir, now: () => clock.now(), log: options.log });
  const configService = new ConfigService({ path: options.configPath, initial: config, initialHash: configHash, log: options.log });
  const heartbeat: HeartbeatService = new HeartbeatService({
    config: () => configService.current,
    // Runs are built just below; the heartbeat only uses them once started.
    agents: { list: () => agentService.store.list(), defaultId: () => agentService.store.defaultId() },
    runs: { start: (input) => agentService.runs.start(input), lanes: { active: (key) => agentService.runs.lanes.active(key) } },
    emit: (event) => events.broadcast("heartbeat", event),
    // Channels are built below; replies are delivered only once the heartbeat runs.
    delivery: { deliver: (request, text, key, opts) => delivery.deliver(request, text, key, opts) },
    clock: timeSource,
    timers: systemTimers,
    log: options.log,
  });
  configService.onChange(() => heartbeat.reschedule());
  const agentService: AgentService = new AgentService({
    stateDir: options.stateDir,
    // The config in force: model and agent changes apply to the next run without a restart.
    config: () => configService.current,
    // Runs write to the session store the sessions.* methods read.
    sessions: new StoreSessions(sessionService),
    now: () => clock.now(),
    emit: { agent: (payload) => events.broadcast("agent", payload), chat: (payload) => events.broadcast("chat", payload) },
    systemEvents: { drain: (sessionKey) => heartbeat.drainPrompt(sessionKey) },
  });
  const channels = new ChannelService({
    plugins: options.channelPlugins ?? CHANNEL_PLUGINS,
    // The config in force: policy changes apply to the next message.
    config: () => configService.current,
    stateDir: options.stateDir,
    log: options.log,
    now: () => clock.now(),
    runs: agentService.runs,
    sessions: agentService.sessions,
    pairingRequested: (request) => events.broadcast("channel.pairing.requested", request),
    pairingResolved: (request, decision) => events.broadcast("channel.pairing.resolved", { request, decision, ts: clock.now() }),
    routeSeen: async (sessionKey, route, mainSessionKey) => {
      await sessionService.setLastRoute(sessionKey, lastRouteFields(route));
      if (mainSessionKey && mainSessionKey !== sessionKey) await sessionService.setLastRoute(mainSessionKey, lastRouteFields(route));
    },
  });
  const delivery = new ChannelDelivery({ channels, entry: (key) => sessionService.get(key), log: options.log });
  return {
    clock,
    log: options.log,
    settings,
    info: { version: PRODUCT_VERSION, stateDir: options.stateDir, configPath: options.configPath, startedAt: clock.now(), port: settings.port },
    devices,
    connections,
    events,
    stateVersion,
    presence: new Presence(connections, events, stateVersion, selfPresence(PRODUCT_VERSION, clock.now()), () => clock.now()),
    health: new HealthMonitor({
      stateDir: options.stateDir,
      intervalMs: settings.healthIntervalMs,
      now: () => clock.now(),
      events,
      versions: stateVersion,
      channels: () => channels.health(),
      agents: () => agentHealth(agentService, sessionService, clock.now(), heartbeatHealth(heartbeat)),
    }),
    nodes: new NodeRegistry(connections, devices, events, settings.maxNodeResultBytes),
    sessions: sessionService,
    config: configService,
    logs: new LogService(join(options.stateDir, "logs")),
    cron: new CronService({
      dir: join(options.stateDir, "cron"),
      clock: timeSource,
      timers: systemTimers,
      executor: gatewayExecutor({ sessions: sessionService, runs: () => agentService.runs, heartbeat, delivery: () => delivery }),
      log: options.log,
      enabled: process.env.TIDEGATE_SKIP_CRON !== "1",
      onEvent: (event) => events.broadcast("cron", event),
    }),
    execApprovals: new ApprovalsFileStore(join(options.stateDir, "exec-approvals.json")),
    approvals: new ExecApprovalRegistry({
      clock: timeSource,
      timers: systemTimers,
      hasApprovers: () => [...connections.every()].some((c) => c.phase === "open" && c.role === "operator" && c.hasScope("operator.approvals")),
      onRequested: (r) => events.broadcast("exec.approval.requested", approvalEvent(r)),
      onResolved: (r) =>
        events.broadcast("exec.approval.resolved", { id: r.id, decision: r.decision!, ...(r.resolvedBy && { resolvedBy: r.resolvedBy }), ts: r.resolvedAtMs ?? clock.now(), request: r.request }),
    }),
    agents: agentService,
    heartbeat,
    usage: new UsageService({ sessions: sessionService, config: () => configService.current, now: () => clock.now() }),
    skills: new SkillService({
      stateDir: options.stateDir,
      config: configService,
      workspaceOf: (agentId) => agentService.store.require(agentId ?? agentService.store.defaultId()).workspace,
      workspaces: () => agentService.store.list().map((a) => a.workspace),
    }),
    wizard: new WizardService({
      flow: () =>
        onboardingFlow({
          config: configService,
          version: PRODUCT_VERSION,
          now: () => clock.now(),
          env: process.env,
          newToken: randomSecret,
          authFromFlags: options.overrides?.token !== undefined || options.overrides?.password !== undefined,
        }),
      log: options.log,
    }),
    speech: new SpeechService({ stateDir: options.stateDir, config: () => configService.current, now: () => clock.now() }),
    voiceWake: new VoiceWakeStore({ stateDir: options.stateDir, now: () => clock.now(), log: options.log }),
    channels,
    delivery,
  };
}

/** An agent's heartbeat settings as `health` lists them (v3's members). */
function heartbeatHealth(heartbeat: HeartbeatService) {
  return (agentId: string) => {
    const beat = heartbeat.settings().find((b) => b.agentId === agentId);
    if (!beat) return undefined;
    return { enabled: beat.enabled, every: beat.every, ...(beat.everyMs !== null ? { everyMs: beat.everyMs } : {}), prompt: beat.prompt, target: beat.target, ackMaxChars: beat.ackMaxChars };
  };
}
