/**
 * What the agent-family handlers need from a call besides their params: who
 * calls (for logs), the call's abort signal, and — for two-phase methods —
 * a way to send the interim `accepted` answer on the same request id before
 * the final one. Structurally a subset of the runtime's call context.
 */
import type { MethodHandlers } from "../../generated/ts/handlers.js";
import type { MethodName } from "../../generated/ts/types.js";
import type { AgentService } from "../agents/service.js";

export interface AgentCallContext {
  caller?: { connId?: string; deviceId?: string };
  signal?: AbortSignal;
  /** Send an interim answer (`agent`'s `accepted`); absent where the transport cannot. */
  interim?(payload: unknown): void;
}

export type FamilyHandlers<M extends MethodName, C = AgentCallContext> = Pick<MethodHandlers<C>, M>;

export interface AgentFamilyServices {
  agents: AgentService;
}
