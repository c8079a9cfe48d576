/** `config.*`: read and change the config file with compare-and-set on `baseHash` (runtime/config/service.ts). */
import configSchema from "../../generated/config.schema.json" with { type: "json" };
import { PRODUCT_VERSION } from "../../generated/ts/registry.js";
import type { ConfigFieldHint } from "../../generated/ts/types.js";
import { type RestartSentinelPayload, restartSentinelPath, writeRestartSentinel } from "../config/restart-sentinel.js";
import { ConfigConflictError, ConfigInvalidError, type WriteOutcome } from "../config/service.js";
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

export function configHandlers(s: Pick<GatewayServices, "config" | "clock"> & Partial<Pick<GatewayServices, "info">>): Handlers<ConfigMethod> {
  const { config, clock } = s;
  /**
   * `config.patch` / `config.apply` as v3 answers them: when the change restarts the gateway, the
   * restart sentinel is written and returned (`sentinel: {path, payload}`) so that the next gateway
   * reports the outcome; a change applied in place needs none.
   */
  const withSentinel = async (method: "config.patch" | "config.apply", p: { sessionKey?: string; note?: string }, write: () => Promise<WriteOutcome>) => {
    const result = await guard(write);
    if (result.restart.mode !== "restart" || !s.info) return result;
    const payload: RestartSentinelPayload = {
      kind: method === "config.patch" ? "config-patch" : "config-apply",
      status: "ok",
      ts: clock.now(),
      ...(p.sessionKey ? { sessionKey: p.sessionKey } : {}),
      message: p.note ?? null,
      stats: { mode: method, root: result.path },
    };
    return { ...result, sentinel: { path: writeRestartSentinel(restartSentinelPath(s.info.stateDir), payload) ?? "", payload: { ...payload } } };
  };
  return {
    "config.get": () => config.get(),
    "config.schema": () => ({ schema, uiHints, version: PRODUCT_VERSION, generatedAt: new Date(clock.now()).toISOString() }),
    "config.set": (p) => guard(() => config.set(p.raw, p.baseHash, "config.set")),
    "config.patch": (p) => withSentinel("config.patch", p, () => config.patch(p.raw, p.baseHash, "config.patch", p.restartDelayMs)),
    "config.apply": (p) => withSentinel("config.apply", p, () => config.set(p.raw, p.baseHash, "config.apply", p.restartDelayMs)),
  };
}
