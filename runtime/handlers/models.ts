// Scaffolded by `npm run protocol:gen` because this file was missing. It is yours: codegen never overwrites it.
import type { MethodHandlers } from "../../generated/ts/handlers.js";
import type { HandlerContext } from "./context.js";
import { notImplemented } from "../errors.js";

/** Handlers of `models` methods. */
export const modelsHandlers: Pick<MethodHandlers<HandlerContext>, "models.list"> = {
  "models.list": () => notImplemented("models.list"),
};
