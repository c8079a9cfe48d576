/** What the agent-family handler factories are built from. */
import type { GatewayServices } from "../services.js";

/** `delivery` is optional: without it, `agent {deliver: true}` fails with DELIVERY_TARGET_MISSING. */
export type AgentFamilyServices = Pick<GatewayServices, "agents"> & Partial<Pick<GatewayServices, "delivery">>;
