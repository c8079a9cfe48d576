import type { MethodHandlers } from "../../generated/ts/handlers.js";
import type { HandlerContext } from "./context.js";

/** Handlers of `health` methods. */
export const healthHandlers: Pick<MethodHandlers<HandlerContext>, "health"> = {
  health: (_params, { gateway }) => gateway.currentHealth(),
};
