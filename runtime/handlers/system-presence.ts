/** `system-presence`: a bare list of presence rows, as in v3. */
import type { GatewayServices } from "../services.js";
import type { Handlers } from "./context.js";

export function systemPresenceHandlers({ presence }: Pick<GatewayServices, "presence">): Handlers<"system-presence"> {
  return {
    "system-presence": () => presence.entries(),
  };
}
