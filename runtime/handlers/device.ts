// Scaffolded by `npm run protocol:gen` because this file was missing. It is yours: codegen never overwrites it.
import type { MethodHandlers } from "../../generated/ts/handlers.js";
import type { HandlerContext } from "./context.js";
import { notImplemented } from "../errors.js";

/** Handlers of `device` methods. */
export const deviceHandlers: Pick<MethodHandlers<HandlerContext>, "device.pair.list" | "device.pair.approve" | "device.pair.reject" | "device.pair.remove" | "device.token.rotate" | "device.token.revoke"> = {
  "device.pair.list": () => notImplemented("device.pair.list"),
  "device.pair.approve": () => notImplemented("device.pair.approve"),
  "device.pair.reject": () => notImplemented("device.pair.reject"),
  "device.pair.remove": () => notImplemented("device.pair.remove"),
  "device.token.rotate": () => notImplemented("device.token.rotate"),
  "device.token.revoke": () => notImplemented("device.token.revoke"),
};
