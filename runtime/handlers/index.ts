/**
 * Every served method's handler, assembled from one factory per method
 * family. The annotation makes a missing or mistyped handler a compile error;
 * methods the registry marks `unavailable` need none.
 */
import type { MethodHandlers } from "../../generated/ts/handlers.js";
import type { GatewayServices } from "../services.js";
import type { CallContext } from "./context.js";
import { deviceHandlers } from "./device.js";
import { healthHandlers } from "./health.js";
import { nodeHandlers } from "./node.js";
import { statusHandlers } from "./status.js";
import { systemPresenceHandlers } from "./system-presence.js";

export type { CallContext, Caller, Handlers } from "./context.js";

export function createHandlers(services: GatewayServices): MethodHandlers<CallContext> {
  return {
    ...healthHandlers(services),
    ...statusHandlers(),
    ...systemPresenceHandlers(services),
    ...nodeHandlers(services),
    ...deviceHandlers(services),
  };
}
