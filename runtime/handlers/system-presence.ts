import type { MethodHandlers } from "../../generated/ts/handlers.js";
import type { HandlerContext } from "./context.js";

/** Handlers of `system-presence` methods. */
export const systemPresenceHandlers: Pick<MethodHandlers<HandlerContext>, "system-presence"> = {
  "system-presence": (_params, { gateway }) => ({ presence: gateway.presence(), stateVersion: { ...gateway.stateVersion } }),
};
