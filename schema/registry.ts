/**
 * The registry: every method and event of the protocol, with its schemas, the
 * scope it needs, whether it needs an `idempotencyKey`, the protocol version it
 * appeared in, a description and an example. Dispatch, validators, clients,
 * Swift/Kotlin models and docs are all derived from this file (methods here,
 * events in events.ts); nothing else in the repository keeps a list of methods or events.
 */

import { events } from "./events.js";
import { ConnectChallenge, ConnectParams, HelloOk } from "./handshake.js";
import { agentsMethods } from "./methods/agents.js";
import { audioMethods } from "./methods/audio.js";
import { browserMethods } from "./methods/browser.js";
import { channelsMethods } from "./methods/channels.js";
import { configMethods } from "./methods/config.js";
import { cronMethods } from "./methods/cron.js";
import { devicesMethods } from "./methods/devices.js";
import { execApprovalsMethods } from "./methods/exec-approvals.js";
import { nodesMethods } from "./methods/nodes.js";
import { sessionsMethods } from "./methods/sessions.js";
import { skillsMethods } from "./methods/skills.js";
import { systemMethods } from "./methods/system.js";
import { usageMethods } from "./methods/usage.js";
import { wizardMethods } from "./methods/wizard.js";

export type { Access, Audience, EventSpec, MethodSpec } from "./registry-spec.js";
export { events };

/** The `connect` handshake, outside the method table because it runs before authentication. */
export const handshake = {
  challenge: ConnectChallenge,
  params: ConnectParams,
  result: HelloOk,
  description: "The first request on every socket: negotiate the protocol, authenticate and pair.",
} as const;

export const methods = {
  ...systemMethods,
  ...usageMethods,
  ...sessionsMethods,
  ...configMethods,
  ...wizardMethods,
  ...cronMethods,
  ...nodesMethods,
  ...browserMethods,
  ...devicesMethods,
  ...execApprovalsMethods,
  ...agentsMethods,
  ...channelsMethods,
  ...skillsMethods,
  ...audioMethods,
} as const;

export type Methods = typeof methods;
export type Events = typeof events;
export type MethodName = keyof Methods;
export type EventName = keyof Events;
