/** `models.list`: the models of the configured providers. */
import type { AgentFamilyServices } from "./agent-call.js";
import type { Handlers } from "./context.js";

export function modelsHandlers(s: AgentFamilyServices): Handlers<"models.list"> {
  return { "models.list": () => ({ models: s.agents.providers().list() }) };
}
