/**
 * Every served method's handler, assembled from one factory per method
 * family. The annotation makes a missing or mistyped handler a compile error;
 * methods the registry marks `unavailable` need none.
 */
import type { MethodHandlers } from "../../generated/ts/handlers.js";
import type { GatewayServices } from "../services.js";
import { agentHandlers } from "./agent.js";
import { agentsHandlers } from "./agents.js";
import { channelsHandlers } from "./channels.js";
import { chatHandlers } from "./chat.js";
import { configHandlers } from "./config.js";
import type { CallContext } from "./context.js";
import { cronHandlers } from "./cron.js";
import { deviceHandlers } from "./device.js";
import { execHandlers } from "./exec.js";
import { healthHandlers } from "./health.js";
import { logsHandlers } from "./logs.js";
import { modelsHandlers } from "./models.js";
import { nodeHandlers } from "./node.js";
import { sessionsHandlers } from "./sessions.js";
import { statusHandlers } from "./status.js";
import { systemPresenceHandlers } from "./system-presence.js";

export type { CallContext, Caller, Handlers } from "./context.js";

export function createHandlers(services: GatewayServices): MethodHandlers<CallContext> {
  return {
    ...healthHandlers(services),
    ...statusHandlers(services),
    ...systemPresenceHandlers(services),
    ...nodeHandlers(services),
    ...deviceHandlers(services),
    ...sessionsHandlers(services),
    ...configHandlers(services),
    ...logsHandlers(services),
    ...cronHandlers(services),
    ...execHandlers(services),
    ...agentHandlers(services),
    ...agentsHandlers(services),
    ...chatHandlers(services),
    ...modelsHandlers(services),
    ...channelsHandlers(services),
  };
}
