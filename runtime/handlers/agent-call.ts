/** What the agent-family handler factories are built from. */
import type { GatewayServices } from "../services.js";

export type AgentFamilyServices = Pick<GatewayServices, "agents">;
