/** `logs.tail`: read the gateway's JSONL log with a cursor that survives rotation (runtime/logs/). */
import type { GatewayServices } from "../services.js";
import type { Handlers } from "./context.js";

export function logsHandlers(s: Pick<GatewayServices, "logs">): Handlers<"logs.tail"> {
  return {
    "logs.tail": (p) => s.logs.tail({ cursor: p.cursor, limit: p.limit ?? 200, maxBytes: p.maxBytes ?? 250_000 }),
  };
}
