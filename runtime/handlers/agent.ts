// Scaffolded by `npm run protocol:gen` because this file was missing. It is yours: codegen never overwrites it.
import type { MethodHandlers } from "../../generated/ts/handlers.js";
import type { HandlerContext } from "./context.js";
import { notImplemented } from "../errors.js";

/** Handlers of `agent` methods. */
export const agentHandlers: Pick<MethodHandlers<HandlerContext>, "agent.identity.get" | "agent" | "agent.wait"> = {
  "agent.identity.get": () => notImplemented("agent.identity.get"),
  "agent": () => notImplemented("agent"),
  "agent.wait": () => notImplemented("agent.wait"),
};
