/** `usage.status`, `usage.cost` and `sessions.usage*`: token use and cost from the transcripts (see runtime/usage/). */
import { GatewayError } from "../errors.js";
import type { GatewayServices } from "../services.js";
import type { Handlers } from "./context.js";

export function usageHandlers(s: Pick<GatewayServices, "usage">): Handlers<"usage.status" | "usage.cost" | "sessions.usage" | "sessions.usage.timeseries" | "sessions.usage.logs"> {
  const { usage } = s;
  const keyOf = (key: string) => {
    if (!key.trim()) throw new GatewayError("INVALID_PARAMS", "key is required", { field: "key" });
    return key.trim();
  };
  return {
    "usage.status": () => usage.status(),
    "usage.cost": (params) => usage.cost(params),
    "sessions.usage": (params) => usage.sessionsUsage(params),
    "sessions.usage.timeseries": ({ key }) => usage.timeseries(keyOf(key)),
    "sessions.usage.logs": ({ key, limit }) => usage.logs(keyOf(key), limit),
  };
}
