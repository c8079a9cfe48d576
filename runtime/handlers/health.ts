/** `health`: the cached snapshot, or a fresh one with `probe: true`. */
import type { GatewayServices } from "../services.js";
import type { Handlers } from "./context.js";

export function healthHandlers({ health }: Pick<GatewayServices, "health">): Handlers<"health"> {
  return {
    health: ({ probe }) => (probe ? health.probe() : health.current()),
  };
}
