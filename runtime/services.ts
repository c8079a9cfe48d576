/**
 * What handlers are built from: the gateway's services, each narrow and
 * replaceable in tests (in-memory stores, a fake clock). A method family's
 * handler factory takes `Pick<GatewayServices, …>` of what it uses. New
 * families add their service here and construct it in `start.ts`.
 */

import type { AgentService } from "./agents/service.js";
import type { ApprovalsFileStore } from "./approvals/file-store.js";
import type { ExecApprovalRegistry } from "./approvals/pending.js";
import type { SpeechService } from "./audio/speech.js";
import type { VoiceWakeStore } from "./audio/voice-wake.js";
import type { ChannelDelivery } from "./channels/deliver.js";
import type { ChannelService } from "./channels/service.js";
import type { ConfigService } from "./config/service.js";
import type { GatewaySettings } from "./config/settings.js";
import type { Connections } from "./core/connections.js";
import type { EventBus } from "./core/events.js";
import type { CronService } from "./cron/service.js";
import type { HealthMonitor } from "./health.js";
import type { HeartbeatService } from "./heartbeat/service.js";
import type { Logger } from "./log.js";
import type { LogService } from "./logs/service.js";
import type { NodeRegistry } from "./nodes/registry.js";
import type { Presence, StateVersions } from "./presence.js";
import type { SessionService } from "./sessions/service.js";
import type { SkillService } from "./skills/service.js";
import type { DeviceStore } from "./state/device-store.js";
import type { UsageService } from "./usage/service.js";
import type { WizardService } from "./wizard/service.js";

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
  /** The certificate served, when TLS is on. */
  tls?: { fingerprintSha256: string; selfSigned: boolean; certPath: string; validTo: string };
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
  /** Sessions of every agent and their transcripts. */
  sessions: SessionService;
  /** The config file: compare-and-set writes and hot reload. */
  config: ConfigService;
  /** The gateway's log files. */
  logs: LogService;
  /** Scheduled jobs (`<state>/cron`). */
  cron: CronService;
  /** The gateway's exec approvals file. */
  execApprovals: ApprovalsFileStore;
  /** Exec approval requests waiting for an operator. */
  approvals: ExecApprovalRegistry;
  /** Agents, model providers, runs and their transcripts. */
  agents: AgentService;
  /** Agent heartbeats and the queue of system events for main sessions. */
  heartbeat: HeartbeatService;
  /** Token use and cost, read from the transcripts. */
  usage: UsageService;
  /** Agent skills: what each workspace has and needs, their installers. */
  skills: SkillService;
  /** Onboarding wizard sessions. */
  wizard: WizardService;
  /** Text-to-speech preferences and conversion (`tts.*`). */
  speech: SpeechService;
  /** The shared voice wake words (`voicewake.*`). */
  voiceWake: VoiceWakeStore;
  /** Messaging channels: their accounts, the message pipeline and channel pairing. */
  channels: ChannelService;
  /** Agent, cron and heartbeat output sent out through the channels. */
  delivery: ChannelDelivery;
}
