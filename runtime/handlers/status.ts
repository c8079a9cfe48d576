import { hostname } from "node:os";
import type { MethodHandlers } from "../../generated/ts/handlers.js";
import type { HandlerContext } from "./context.js";

/** Handlers of `status` methods. */
export const statusHandlers: Pick<MethodHandlers<HandlerContext>, "status"> = {
  status: (_params, { gateway }) => {
    const open = [...gateway.openConnections()];
    return {
      version: gateway.options.version,
      protocol: gateway.protocolVersion,
      uptimeMs: gateway.now() - gateway.startedAt,
      host: hostname(),
      port: gateway.settings.port,
      bind: gateway.settings.host,
      authMode: gateway.settings.auth.mode,
      connections: open.length,
      operators: open.filter((c) => c.role === "operator").length,
      nodes: open.filter((c) => c.role === "node").length,
      pendingPairings: gateway.devices.pending().length,
      stateDir: gateway.options.stateDir,
      configPath: gateway.options.configPath,
      stateVersion: { ...gateway.stateVersion },
    };
  },
};
