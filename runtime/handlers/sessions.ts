// Scaffolded by `npm run protocol:gen` because this file was missing. It is yours: codegen never overwrites it.
import type { MethodHandlers } from "../../generated/ts/handlers.js";
import type { HandlerContext } from "./context.js";
import { notImplemented } from "../errors.js";

/** Handlers of `sessions` methods. */
export const sessionsHandlers: Pick<MethodHandlers<HandlerContext>, "sessions.list" | "sessions.preview" | "sessions.patch" | "sessions.reset" | "sessions.delete" | "sessions.compact"> = {
  "sessions.list": () => notImplemented("sessions.list"),
  "sessions.preview": () => notImplemented("sessions.preview"),
  "sessions.patch": () => notImplemented("sessions.patch"),
  "sessions.reset": () => notImplemented("sessions.reset"),
  "sessions.delete": () => notImplemented("sessions.delete"),
  "sessions.compact": () => notImplemented("sessions.compact"),
};
