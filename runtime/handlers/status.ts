/** `status`: a summary of the running gateway. */
import { hostname } from "node:os";
import { PROTOCOL_VERSION } from "../../generated/ts/registry.js";
import type { GatewayServices } from "../services.js";
import type { Handlers } from "./context.js";

export function statusHandlers(s: Pick<GatewayServices, "clock" | "info" | "settings" | "connections" | "devices" | "stateVersion">): Handlers<"status"> {
  return {
    status: () => {
      const open = [...s.connections.open()];
      return {
        version: s.info.version,
        protocol: PROTOCOL_VERSION,
        uptimeMs: s.clock.now() - s.info.startedAt,
        host: hostname(),
        port: s.info.port,
        bind: s.settings.host,
        authMode: s.settings.auth.mode,
        connections: open.length,
        operators: open.filter((c) => c.role === "operator").length,
        nodes: open.filter((c) => c.role === "node").length,
        pendingPairings: s.devices.pending().length,
        stateDir: s.info.stateDir,
        configPath: s.info.configPath,
        stateVersion: { ...s.stateVersion },
      };
    },
  };
}
