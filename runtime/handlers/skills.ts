/** `skills.*` and `tools.catalog`: agent skills (runtime/skills/) and the tools agents can be given. */
import { ConfigConflictError, ConfigInvalidError } from "../config/service.js";
import { GatewayError } from "../errors.js";
import type { GatewayServices } from "../services.js";
import type { Handlers } from "./context.js";

type SkillsMethod = "skills.status" | "skills.bins" | "skills.install" | "skills.update" | "tools.catalog";

/** v3's tool profiles. */
const TOOL_PROFILES = [
  { id: "minimal", label: "Minimal" },
  { id: "coding", label: "Coding" },
  { id: "messaging", label: "Messaging" },
  { id: "full", label: "Full" },
] as const;

async function configWrite<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ConfigConflictError) throw new GatewayError("CONFLICT", `${error.message} (another writer kept changing the config file)`, { currentHash: error.currentHash });
    if (error instanceof ConfigInvalidError) throw new GatewayError("INVALID_PARAMS", error.message, { issues: error.issues });
    throw error;
  }
}

export function skillsHandlers(s: Pick<GatewayServices, "skills" | "agents">): Handlers<SkillsMethod> {
  const { skills, agents } = s;
  return {
    "skills.status": ({ agentId }) => skills.status(agentId),
    "skills.bins": () => ({ bins: skills.bins() }),
    "skills.install": (params, { signal }) => skills.install(params, signal),
    "skills.update": (params) => configWrite(() => skills.update(params)),
    // Agents here call no tools of the gateway's own (a model's tool calls are reported, not run), so every group is empty; the profiles are v3's.
    "tools.catalog": ({ agentId }) => ({ agentId: agents.store.require(agentId ?? agents.store.defaultId()).id, profiles: [...TOOL_PROFILES], groups: [] }),
  };
}
