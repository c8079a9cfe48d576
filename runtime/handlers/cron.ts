// Scaffolded by `npm run protocol:gen` because this file was missing. It is yours: codegen never overwrites it.
import type { MethodHandlers } from "../../generated/ts/handlers.js";
import type { HandlerContext } from "./context.js";
import { notImplemented } from "../errors.js";

/** Handlers of `cron` methods. */
export const cronHandlers: Pick<MethodHandlers<HandlerContext>, "cron.list" | "cron.status" | "cron.add" | "cron.update" | "cron.remove" | "cron.run" | "cron.runs"> = {
  "cron.list": () => notImplemented("cron.list"),
  "cron.status": () => notImplemented("cron.status"),
  "cron.add": () => notImplemented("cron.add"),
  "cron.update": () => notImplemented("cron.update"),
  "cron.remove": () => notImplemented("cron.remove"),
  "cron.run": () => notImplemented("cron.run"),
  "cron.runs": () => notImplemented("cron.runs"),
};
