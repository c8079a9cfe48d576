// Scaffolded by `npm run protocol:gen` because this file was missing. It is yours: codegen never overwrites it.
import type { MethodHandlers } from "../../generated/ts/handlers.js";
import type { HandlerContext } from "./context.js";
import { notImplemented } from "../errors.js";

/** Handlers of `agents` methods. */
export const agentsHandlers: Pick<MethodHandlers<HandlerContext>, "agents.list" | "agents.create" | "agents.update" | "agents.delete" | "agents.files.list" | "agents.files.get" | "agents.files.set"> = {
  "agents.list": () => notImplemented("agents.list"),
  "agents.create": () => notImplemented("agents.create"),
  "agents.update": () => notImplemented("agents.update"),
  "agents.delete": () => notImplemented("agents.delete"),
  "agents.files.list": () => notImplemented("agents.files.list"),
  "agents.files.get": () => notImplemented("agents.files.get"),
  "agents.files.set": () => notImplemented("agents.files.set"),
};
