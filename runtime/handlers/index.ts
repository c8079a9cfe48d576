/**
 * Every method's handler, assembled from one file per method family. The
 * type annotation makes a missing or mistyped handler a compile error.
 * `npm run protocol:gen` scaffolds the file of a new family; add it here.
 */
import type { MethodHandlers } from "../../generated/ts/handlers.js";
import type { HandlerContext } from "./context.js";
import { agentHandlers } from "./agent.js";
import { agentsHandlers } from "./agents.js";
import { chatHandlers } from "./chat.js";
import { configHandlers } from "./config.js";
import { cronHandlers } from "./cron.js";
import { deviceHandlers } from "./device.js";
import { execHandlers } from "./exec.js";
import { healthHandlers } from "./health.js";
import { logsHandlers } from "./logs.js";
import { modelsHandlers } from "./models.js";
import { nodeHandlers } from "./node.js";
import { sendHandlers } from "./send.js";
import { sessionsHandlers } from "./sessions.js";
import { statusHandlers } from "./status.js";
import { systemPresenceHandlers } from "./system-presence.js";

export type { HandlerContext } from "./context.js";

export const handlers: MethodHandlers<HandlerContext> = {
  ...healthHandlers,
  ...statusHandlers,
  ...systemPresenceHandlers,
  ...logsHandlers,
  ...sessionsHandlers,
  ...configHandlers,
  ...cronHandlers,
  ...nodeHandlers,
  ...deviceHandlers,
  ...execHandlers,
  ...agentsHandlers,
  ...agentHandlers,
  ...chatHandlers,
  ...sendHandlers,
  ...modelsHandlers,
};
