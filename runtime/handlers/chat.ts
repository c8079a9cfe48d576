// Scaffolded by `npm run protocol:gen` because this file was missing. It is yours: codegen never overwrites it.
import type { MethodHandlers } from "../../generated/ts/handlers.js";
import type { HandlerContext } from "./context.js";
import { notImplemented } from "../errors.js";

/** Handlers of `chat` methods. */
export const chatHandlers: Pick<MethodHandlers<HandlerContext>, "chat.send" | "chat.history" | "chat.abort"> = {
  "chat.send": () => notImplemented("chat.send"),
  "chat.history": () => notImplemented("chat.history"),
  "chat.abort": () => notImplemented("chat.abort"),
};
