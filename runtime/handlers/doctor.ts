/**
 * `doctor.memory.status`: v3 reports whether memory search's embedding provider
 * answers. This gateway has no memory search, so the truthful answer in v3's
 * shape is: provider `none`, embeddings not working, and why.
 */
import type { GatewayServices } from "../services.js";
import type { Handlers } from "./context.js";

export function doctorHandlers(s: Pick<GatewayServices, "agents">): Handlers<"doctor.memory.status"> {
  return {
    "doctor.memory.status": () => ({
      agentId: s.agents.store.defaultId(),
      provider: "none",
      embedding: { ok: false, error: "memory search is not supported by this gateway, so no embedding provider is used" },
    }),
  };
}
