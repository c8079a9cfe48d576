// Scaffolded by `npm run protocol:gen` because this file was missing. It is yours: codegen never overwrites it.
import type { MethodHandlers } from "../../generated/ts/handlers.js";
import type { HandlerContext } from "./context.js";
import { notImplemented } from "../errors.js";

/** Handlers of `node` methods. */
export const nodeHandlers: Pick<MethodHandlers<HandlerContext>, "node.list" | "node.describe" | "node.rename" | "node.invoke" | "node.invoke.result" | "node.event" | "node.pair.request" | "node.pair.list" | "node.pair.approve" | "node.pair.reject" | "node.pair.verify"> = {
  "node.list": () => notImplemented("node.list"),
  "node.describe": () => notImplemented("node.describe"),
  "node.rename": () => notImplemented("node.rename"),
  "node.invoke": () => notImplemented("node.invoke"),
  "node.invoke.result": () => notImplemented("node.invoke.result"),
  "node.event": () => notImplemented("node.event"),
  "node.pair.request": () => notImplemented("node.pair.request"),
  "node.pair.list": () => notImplemented("node.pair.list"),
  "node.pair.approve": () => notImplemented("node.pair.approve"),
  "node.pair.reject": () => notImplemented("node.pair.reject"),
  "node.pair.verify": () => notImplemented("node.pair.verify"),
};
