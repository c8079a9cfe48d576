/** The types every handler factory uses: the per-call context and a slice of the handler table. */
import type { MethodHandlers } from "../../generated/ts/handlers.js";
import type { CallContext } from "../core/call-context.js";

export type { CallContext, Caller } from "../core/call-context.js";

/** The handlers of methods `M`, as a family's factory returns them. */
export type Handlers<M extends keyof MethodHandlers<CallContext>> = Pick<MethodHandlers<CallContext>, M>;
