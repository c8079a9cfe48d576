/** `config.*`: read and change the config file with compare-and-set on `baseHash` (runtime/config/service.ts). */
import configSchema from "../../generated/config.schema.json" with { type: "json" };
import { PRODUCT_VERSION } from "../../generated/ts/registry.js";
import type { ConfigFieldHint } from "../../generated/ts/types.js";
import { ConfigConflictError, ConfigInvalidError } from "../config/service.js";
import { GatewayError } from "../errors.js";
import type { GatewayServices } from "../services.js";
import type { Handlers } from "./context.js";

type ConfigMethod = "config.get" | "config.set" | "config.patch" | "config.apply" | "config.schema";

async function guard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ConfigConflictError) throw new GatewayError("CONFLICT", error.message, { currentHash: error.currentHash });
    if (error instanceof ConfigInvalidError) {
      const first = error.issues[0];
      throw new GatewayError("INVALID_PARAMS", error.message, { ...(first ? { field: first.path, reason: first.message } : {}), issues: error.issues });
    }
    throw error;
  }
}

const { "x-reload": _reload, "x-ui-hints": uiHints, ...schema } = configSchema as unknown as Record<string, unknown> & { "x-ui-hints": Record<string, ConfigFieldHint> };

export function configHandlers(s: Pick<GatewayServices, "config" | "clock">): Handlers<ConfigMethod> {
  const { config, clock } = s;
  return {
    "config.get": () => config.get(),
    "config.schema": () => ({ schema, uiHints, version: PRODUCT_VERSION, generatedAt: new Date(clock.now()).toISOString() }),
    "config.set": (p) => guard(() => config.set(p.raw, p.baseHash, "config.set")),
    "config.patch": (p) => guard(() => config.patch(p.raw, p.baseHash, "config.patch", p.restartDelayMs)),
    "config.apply": (p) => guard(() => config.set(p.raw, p.baseHash, "config.apply", p.restartDelayMs)),
  };
}
