// Scaffolded by `npm run protocol:gen` because this file was missing. It is yours: codegen never overwrites it.
import type { MethodHandlers } from "../../generated/ts/handlers.js";
import type { HandlerContext } from "./context.js";
import { notImplemented } from "../errors.js";

/** Handlers of `exec` methods. */
export const execHandlers: Pick<MethodHandlers<HandlerContext>, "exec.approvals.get" | "exec.approvals.set" | "exec.approvals.node.get" | "exec.approvals.node.set" | "exec.approval.request" | "exec.approval.waitDecision" | "exec.approval.resolve"> = {
  "exec.approvals.get": () => notImplemented("exec.approvals.get"),
  "exec.approvals.set": () => notImplemented("exec.approvals.set"),
  "exec.approvals.node.get": () => notImplemented("exec.approvals.node.get"),
  "exec.approvals.node.set": () => notImplemented("exec.approvals.node.set"),
  "exec.approval.request": () => notImplemented("exec.approval.request"),
  "exec.approval.waitDecision": () => notImplemented("exec.approval.waitDecision"),
  "exec.approval.resolve": () => notImplemented("exec.approval.resolve"),
};
