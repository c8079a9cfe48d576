/**
 * The composition root: config → stores → services → handlers → router →
 * gateway core → transport. The CLI (`tidegate gateway run`), the bench and
 * the tests start a gateway through `startGateway` and nothing else.
 *
 *   const gateway = await startGateway({ stateDir, configPath, log, overrides: { port: 0, token: "t" } });
 *   console.log(gateway.url); … await gateway.stop("signal");
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isLoopbackHost } from "../common/loopback.js";
import { type GatewayRuntime, RUNTIME_FILE } from "../common/runtime-file.js";
import { PRODUCT_VERSION } from "../generated/ts/registry.js";
import type { GatewayConfig } from "../generated/ts/types.js";
import { AgentService } from "./agents/service.js";
import { StoreSessions } from "./agents/store-sessions.js";
import { ApprovalsFileStore } from "./approvals/file-store.js";
import { type ApprovalRecord, ExecApprovalRegistry } from "./approvals/pending.js";
import { SpeechService } from "./audio/speech.js";
import { VoiceWakeStore } from "./audio/voice-wake.js";
import { AuthRateLimiter } from "./auth/rate-limiter.js";
import { randomSecret } from "./auth/secret.js";
import { CHANNEL_PLUGINS } from "./channels/plugins.js";
import { ChannelService } from "./channels/service.js";
import type { ChannelPlugin } from "./channels/types.js";
import { BindError } from "./config/bind.js";
import { ConfigError, loadConfig } from "./config/load.js";
import { DEFAULT_RELOAD_DEBOUNCE_MS } from "./config/reload-plan.js";
import { consumeRestartSentinel, restartSentinelMessage, restartSentinelPath } from "./config/restart-sentinel.js";
import { type ApplyOutcome, type ConfigChange, ConfigService, hashText } from "./config/service.js";
import { type GatewaySettings, resolveSettings, type SettingsOverrides } from "./config/settings.js";
import { ConfigWatcher } from "./config/watcher.js";
import { Connections } from "./core/connections.js";
import { EventBus } from "./core/events.js";
import { Gateway } from "./core/gateway.js";
import { createRouter } from "./core/router.js";
import { gatewayExecutor } from "./cron/gateway-executor.js";
import { CronService } from "./cron/service.js";
import { systemTimers } from "./cron/time.js";
import { createHandlers } from "./handlers/index.js";
import { agentHealth, HealthMonitor } from "./health.js";
import { HeartbeatService } from "./heartbeat/service.js";
import { openAiRoute } from "./http/openai.js";
import type { Logger } from "./log.js";
import { GatewayLogger } from "./logs/gateway-logger.js";
import { LogService } from "./logs/service.js";
import { LazyMetrics } from "./metrics/metrics.js";
import { metricsRoute } from "./metrics/route.js";
import { NodeRegistry, nodePairRequest } from "./nodes/registry.js";
import { Presence, type StateVersions, selfPresence } from "./presence.js";
import type { Clock, GatewayServices } from "./services.js";
import { SessionService } from "./sessions/service.js";
import { SkillService } from "./skills/service.js";
import { CorruptStoreError, observeWrites, writeFileAtomic } from "./state/atomic-file.js";
import { DeviceStore } from "./state/device-store.js";
import { type HttpRoute, listen } from "./transport/server.js";
import { loadTls, type TlsMaterial, TlsSetupError } from "./transport/tls.js";
import { controlUiRoute } from "./ui/control-ui.js";
import { UsageService } from "./usage/service.js";
import { onboardingFlow } from "./wizard/onboarding.js";
import { WizardService } from "./wizard/service.js";

/** Exit code for a configuration that must not run (unauthenticated non-loopback bind). */
export const EXIT_CONFIG = 78;

/** Why the gateway could not start, and the process exit code that says so. */
export class StartError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = "StartError";
  }
}

export interface StartOptions {
  stateDir: string;
  configPath: string;
  log: Logger;
  /** Flags over the config file. */
  overrides?: SettingsOverrides;
  /** Port to use when neither flags nor config name one (profiles have their own). */
  defaultPort?: number;
  /** A config to use instead of reading `configPath` (bench). */
  config?: GatewayConfig;
  clock?: Clock;
  /** The built Control UI; `dist/ui` of this checkout when absent (both runtime/ and dist/ sit one level down). */
  uiRoot?: string;
  /** The channel plugins to run instead of `CHANNEL_PLUGINS` (tests). */
  channelPlugins?: readonly ChannelPlugin[];
  /** Asked for an in-process restart by a config change (`superviseGateway` answers it). */
  onRestartRequested?: (reason: string, delayMs: number) => { coalesced: boolean; delayMs: number } | undefined;
}

export interface RunningGateway {
  url: string;
  port: number;
  /** The Control UI's address, when it is built (`make build`). */
  controlUiUrl?: string;
  services: GatewayServices;
  /** Where the shared token is kept, and whether it was generated by this start. */
  token: { generated: boolean; path?: string };
  /** Broadcast `shutdown`, close every socket with 1012, stop timers and the listener. */
  stop(reason: string, restartExpectedMs?: number): Promise<void>;
}

/** The token in token mode: flag/env/config, else the one kept in the state directory (generated once). */
function resolveToken(settings: GatewaySettings, stateDir: string): { generated: boolean; path?: string } {
  if (settings.auth.mode !== "token" || settings.auth.token) return { generated: false };
  const path = join(stateDir, "gateway.token");
  if (existsSync(path)) {
    settings.auth.token = readFileSync(path, "utf8").trim();
    return { generated: false, path };
  }
  settings.auth.token = randomSecret();
  writeFileAtomic(path, settings.auth.token + "\n", 0o600);
  return { generated: true, path };
}

function loadSettings(options: StartOptions): { settings: GatewaySettings; config: GatewayConfig; hash: string } {
  let config = options.config;
  let raw: string | undefined;
  if (!config) {
    try {
      ({ config, raw } = loadConfig(options.configPath));
    } catch (error) {
      if (error instanceof ConfigError) throw new StartError(`invalid config ${error.message}`);
      throw error;
    }
  }
  const overrides = options.overrides ?? {};
  const port = overrides.port ?? (config.gateway?.port === undefined ? options.defaultPort : undefined);
  let settings: GatewaySettings;
  try {
    settings = resolveSettings(config, { ...overrides, port });
  } catch (error) {
    if (error instanceof BindError) throw new StartError(error.message);
    throw error;
  }
  const open = settings.auth.mode === "none" || (settings.auth.mode === "password" && !settings.auth.password);
  if (!isLoopbackHost(settings.host) && open) {
    throw new StartError(`refusing to listen on ${settings.host} without authentication: set gateway.auth.token or --token, or bind to loopback`, EXIT_CONFIG);
  }
  if (settings.auth.mode === "password" && !settings.auth.password) throw new StartError("password mode needs gateway.auth.password or --password", EXIT_CONFIG);
  return { settings, config, hash: hashText(raw ?? "") };
}

/** Build every service over real stores in `stateDir`. */
function createServices(settings: GatewaySettings, config: GatewayConfig, configHash: string, options: StartOptions, clock: Clock): GatewayServices {
  let devices: DeviceStore;
  try {
    devices = new DeviceStore(options.stateDir, () => clock.now(), options.log);
  } catch (error) {
    if (error instanceof CorruptStoreError) throw new StartError(error.message);
    throw error;
  }
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
  });
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
    nodes: new NodeRegistry(connections, devices, events),
    sessions: sessionService,
    config: configService,
    logs: new LogService(join(options.stateDir, "logs")),
    cron: new CronService({
      dir: join(options.stateDir, "cron"),
      clock: timeSource,
      timers: systemTimers,
      executor: gatewayExecutor({ sessions: sessionService, runs: () => agentService.runs, heartbeat }),
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
  };
}

/** Start a gateway: throws `StartError` (with its exit code) when it cannot. */
export async function startGateway(options: StartOptions): Promise<RunningGateway> {
  const clock = options.clock ?? { now: Date.now };
  const { settings, config, hash } = loadSettings(options);
  mkdirSync(options.stateDir, { recursive: true, mode: 0o700 });
  const token = resolveToken(settings, options.stateDir);
  options.log.addSecret?.(settings.auth.token);
  options.log.addSecret?.(settings.auth.password);
  if (options.log instanceof GatewayLogger) options.log.configure(loggingOptions(config));
  let tls: TlsMaterial | undefined;
  try {
    if (settings.tls.enabled) tls = await loadTls({ ...settings.tls, stateDir: options.stateDir, host: settings.host });
  } catch (error) {
    if (error instanceof TlsSetupError) throw new StartError(error.message);
    throw error;
  }
  const services = createServices(settings, config, hash, options, clock);
  const { connections, events, presence, health, nodes, stateVersion, info, cron, approvals } = services;
  if (tls) info.tls = { fingerprintSha256: tls.fingerprintSha256, selfSigned: tls.selfSigned, certPath: tls.certPath, validTo: tls.validTo };
  // A restart a config write asked for: report its outcome once (v3 also queues it as a system event for the session).
  const sentinel = consumeRestartSentinel(restartSentinelPath(options.stateDir));
  if (sentinel) options.log.info(restartSentinelMessage(sentinel), { sessionKey: sentinel.sessionKey });
  try {
    cron.load();
  } catch (error) {
    throw new StartError(`cannot load cron jobs: ${(error as Error).message}`);
  }

  const metrics = settings.metrics.enabled
    ? new LazyMetrics({
        connections: () => connections.open(),
        pending: () => connections.size - [...connections.open()].length,
        events: () => events.sender,
      })
    : undefined;
  const unobserveWrites = metrics ? observeWrites((path, ms) => path.startsWith(options.stateDir) && metrics.storeWrite(path.slice(options.stateDir.length + 1), ms)) : () => undefined;

  // One brute-force limiter for every way a shared secret is presented (WebSocket connect, HTTP bearer).
  const limiter = new AuthRateLimiter();
  const openai = config.gateway?.http?.openai;
  const apiRoutes = openai?.enabled
    ? [openAiRoute({ auth: () => settings.auth, limiter, runs: services.agents.runs, agents: services.agents.store, maxBodyBytes: openai.maxBodyBytes, now: () => clock.now() })]
    : [];

  const router = createRouter({
    handlers: createHandlers(services),
    log: options.log,
    logRequests: settings.logRequests,
    observe: metrics && ((method, outcome, ms) => metrics.request(method, outcome, ms)),
  });
  const gateway = new Gateway({
    settings,
    log: options.log,
    now: () => clock.now(),
    connections,
    events,
    router,
    handshake: {
      settings,
      limiter,
      devices: services.devices,
      now: () => clock.now(),
      pairingRequested: (request, params) => {
        events.broadcast("device.pair.requested", request);
        if (request.role === "node") events.broadcast("node.pair.requested", nodePairRequest(request, params));
      },
    },
    server: { version: info.version, host: presence.self.host, tlsFingerprint: tls?.fingerprintSha256 },
    joined: (conn) => {
      presence.joined(conn);
      // As v3: a node learns the wake words when it connects (queued: `joined` runs just before hello-ok is sent).
      if (conn.role === "node") queueMicrotask(() => conn.phase === "open" && events.sendTo(conn, "voicewake.changed", { triggers: services.voiceWake.triggers() }));
    },
    refused: metrics && ((reason) => metrics.refused(reason)),
    snapshot: () => ({
      presence: presence.entries(),
      health: health.current(),
      stateVersion: { ...stateVersion },
      uptimeMs: clock.now() - info.startedAt,
      configPath: info.configPath,
      stateDir: info.stateDir,
      sessionDefaults: { defaultAgentId: "main", mainKey: "main", mainSessionKey: "agent:main:main", scope: "per-sender" },
      authMode: settings.auth.mode,
    }),
  });

  const controlUi = controlUiRoute(options.uiRoot ?? fileURLToPath(new URL("../dist/ui/", import.meta.url)));
  /** HTTP routes on the gateway's port, tried in order after `/health`: the OpenAI-compatible API answers /v1/… before the Control UI. */
  const routes: HttpRoute[] = [...apiRoutes];
  if (metrics) routes.push(metricsRoute(metrics, { token: settings.metrics.token, trustedProxies: settings.trustedProxies }));
  routes.push(controlUi);
  let listener;
  try {
    listener = await listen(gateway, settings, { routes, tls });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") throw new StartError(`port ${settings.port} on ${settings.host} is already in use (another gateway? try --port or --profile)`);
    if (code === "EADDRNOTAVAIL") throw new StartError(`cannot bind ${settings.host}: no such local address`);
    throw error;
  }
  info.port = listener.port;
  gateway.start();
  metrics?.load().catch((error) => options.log.error("metrics unavailable", { error: String(error) }));
  health.start();
  const watcher = watchConfig(services, options, gateway);
  cron.start();
  services.heartbeat.start();
  // Channel accounts start in the background: one that fails is retried and never stops the gateway.
  // Operators hear of a channel connecting, dropping or failing through a health event.
  const unwatchChannels = services.channels.states.onChange((change) => {
    if (change.notable && !services.channels.manager.plugin(change.channel)?.internal) health.changed();
  });
  void services.channels.start();
  const host = settings.host.includes(":") ? `[${settings.host}]` : settings.host;
  const url = `${tls ? "wss" : "ws"}://${host === "0.0.0.0" ? "127.0.0.1" : host === "[::]" ? "[::1]" : host}:${listener.port}`;
  const runtimeFile = join(options.stateDir, RUNTIME_FILE);
  const runtime: GatewayRuntime = {
    pid: process.pid,
    url,
    port: listener.port,
    host: settings.host,
    version: info.version,
    startedAt: info.startedAt,
    ...(tls ? { tlsFingerprint: tls.fingerprintSha256 } : {}),
  };
  writeFileAtomic(runtimeFile, JSON.stringify(runtime, null, 2) + "\n", 0o644);

  return {
    url,
    port: listener.port,
    controlUiUrl: controlUi.built ? `${tls ? "https" : "http"}://${host}:${listener.port}/` : undefined,
    services,
    token,
    stop: async (reason, restartExpectedMs) => {
      watcher.stop();
      await services.sessions.flush().catch(() => undefined);
      health.stop();
      presence.stop();
      gateway.shutdown(reason, restartExpectedMs);
      nodes.cancelAll();
      approvals.close();
      services.wizard.close();
      await cron.stop();
      unobserveWrites();
      rmSync(runtimeFile, { force: true });
      services.heartbeat.stop();
      unwatchChannels();
      await services.channels.stop().catch((error) => options.log.warn(`channels did not stop cleanly: ${(error as Error).message}`));
      services.agents.close();
      await services.speech.close();
      await listener.close();
    },
  };
}

/** An agent's heartbeat settings as `health` lists them (v3's members; replies go nowhere: `target: none`). */
function heartbeatHealth(heartbeat: HeartbeatService) {
  return (agentId: string) => {
    const beat = heartbeat.settings().find((b) => b.agentId === agentId);
    if (!beat) return undefined;
    return { enabled: beat.enabled, every: beat.every, ...(beat.everyMs !== null ? { everyMs: beat.everyMs } : {}), prompt: beat.prompt, target: "none", ackMaxChars: beat.ackMaxChars };
  };
}

/** `logging.*` as the logger takes it. */
function loggingOptions(config: GatewayConfig) {
  const l = config.logging ?? {};
  return { fileLevel: l.level, consoleLevel: l.consoleLevel, consoleStyle: l.consoleStyle, maxFileBytes: l.maxFileBytes, maxFiles: l.maxFiles, redactPatterns: l.redactPatterns };
}

/**
 * Hot reload: watch the config file and apply each change as the planner says —
 * hot paths in place (settings, timers, logging), the rest by an in-process
 * restart through `onRestartRequested`.
 */
function watchConfig(services: GatewayServices, options: StartOptions, gateway: Gateway): ConfigWatcher {
  const { config, settings, health, log } = services;
  config.setApplier((change: ConfigChange): Omit<ApplyOutcome, "ok" | "reason" | "hotPaths" | "restartPaths"> => {
    const { plan, next } = change;
    if (plan.decision === "hot" || plan.decision === "restart") {
      const fresh = resolveSettings(next, { ...options.overrides, port: settings.port });
      if (plan.actions.includes("update-settings")) {
        settings.allowedOrigins = fresh.allowedOrigins;
        settings.allowedHosts = fresh.allowedHosts;
        settings.trustedProxies = fresh.trustedProxies;
        settings.logRequests = fresh.logRequests;
      }
      if (plan.actions.includes("restart-timers")) {
        settings.tickIntervalMs = fresh.tickIntervalMs;
        settings.healthIntervalMs = fresh.healthIntervalMs;
        gateway.start();
        health.start(fresh.healthIntervalMs);
      }
      if (plan.actions.includes("reconfigure-logging") && log instanceof GatewayLogger) log.configure(loggingOptions(next));
      if (plan.actions.includes("reload-skills")) services.skills.reload();
      // Channel policy is read per message; other channel changes restart only the accounts they touch.
      if (plan.decision === "hot" && plan.actions.includes("restart-channel-accounts")) void services.channels.apply();
      if (plan.hotPaths.length) log.info(`config applied in place: ${plan.hotPaths.join(", ")}`, { reason: change.reason });
    }
    if (plan.decision !== "restart") return { mode: plan.decision, delayMs: 0, coalesced: false };
    const delay = change.restartDelayMs ?? 0;
    const scheduled = options.onRestartRequested?.(change.reason, delay);
    if (!scheduled) {
      log.warn(`config change needs a restart to take effect: ${plan.restartPaths.join(", ") || "(reload mode restart)"}`, { reason: change.reason });
      return { mode: "restart", delayMs: 0, coalesced: false };
    }
    log.info(`config change restarts the gateway in-process: ${plan.restartPaths.join(", ") || "(reload mode restart)"}`, { reason: change.reason, delayMs: scheduled.delayMs });
    return { mode: "restart", delayMs: scheduled.delayMs, coalesced: scheduled.coalesced };
  });
  const watcher = new ConfigWatcher({
    path: options.configPath,
    debounceMs: () => config.current.gateway?.reload?.debounceMs ?? DEFAULT_RELOAD_DEBOUNCE_MS,
    reload: () => config.reloadFromDisk(),
    log,
  });
  if (!options.config) watcher.start();
  return watcher;
}
