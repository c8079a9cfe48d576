// Scaffolded by `npm run protocol:gen` because this file was missing. It is yours: codegen never overwrites it.
import type { MethodHandlers } from "../../generated/ts/handlers.js";
import type { HandlerContext } from "./context.js";
import { notImplemented } from "../errors.js";

/** Handlers of `health` methods. */
export const healthHandlers: Pick<MethodHandlers<HandlerContext>, "health"> = {
  "health": () => notImplemented("health"),
};
