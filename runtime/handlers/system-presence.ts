/** `system-presence`: everything connected right now. */
import type { GatewayServices } from "../services.js";
import type { Handlers } from "./context.js";

export function systemPresenceHandlers({ presence, stateVersion }: Pick<GatewayServices, "presence" | "stateVersion">): Handlers<"system-presence"> {
  return {
    "system-presence": () => ({ presence: presence.entries(), stateVersion: { ...stateVersion } }),
  };
}
