// Scaffolded by `npm run protocol:gen` because this file was missing. It is yours: codegen never overwrites it.
import type { MethodHandlers } from "../../generated/ts/handlers.js";
import type { HandlerContext } from "./context.js";
import { notImplemented } from "../errors.js";

/** Handlers of `config` methods. */
export const configHandlers: Pick<MethodHandlers<HandlerContext>, "config.get" | "config.set" | "config.patch" | "config.apply" | "config.schema"> = {
  "config.get": () => notImplemented("config.get"),
  "config.set": () => notImplemented("config.set"),
  "config.patch": () => notImplemented("config.patch"),
  "config.apply": () => notImplemented("config.apply"),
  "config.schema": () => notImplemented("config.schema"),
};
