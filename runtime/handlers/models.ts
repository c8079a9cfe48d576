/** `models.list`: the models of the configured providers. */
import type { AgentCallContext, AgentFamilyServices, FamilyHandlers } from "./agent-call.js";

export function modelsHandlers<C extends AgentCallContext>(s: AgentFamilyServices): FamilyHandlers<"models.list", C> {
  return { "models.list": () => ({ models: s.agents.providers().list() }) };
}
