// Scaffolded by `npm run protocol:gen` because this file was missing. It is yours: codegen never overwrites it.
import type { MethodHandlers } from "../../generated/ts/handlers.js";
import type { HandlerContext } from "./context.js";
import { notImplemented } from "../errors.js";

/** Handlers of `system-presence` methods. */
export const systemPresenceHandlers: Pick<MethodHandlers<HandlerContext>, "system-presence"> = {
  "system-presence": () => notImplemented("system-presence"),
};
