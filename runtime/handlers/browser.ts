/** `browser.request`: relayed to the browser control server of a connected node (`browser.proxy`). */
import { join } from "node:path";
import { pickBrowserNode, requestedProfile, rewriteProxyPaths, saveProxyFiles } from "../browser/browser-node.js";
import { GatewayError } from "../errors.js";
import type { GatewayServices } from "../services.js";
import type { Handlers } from "./context.js";

export function browserHandlers({ nodes, config, info, clock }: Pick<GatewayServices, "nodes" | "config" | "info" | "clock">): Handlers<"browser.request"> {
  return {
    "browser.request": async (params) => {
      const method = params.method.trim().toUpperCase();
      const path = params.path.trim();
      if (!method || !path) throw new GatewayError("INVALID_PARAMS", "method and path are required");
      if (method !== "GET" && method !== "POST" && method !== "DELETE") throw new GatewayError("INVALID_PARAMS", "method must be GET, POST, or DELETE");
      const timeoutMs = params.timeoutMs === undefined ? undefined : Math.max(1, Math.floor(params.timeoutMs));
      const node = pickBrowserNode(config.current, nodes.list());
      const proxyParams = { method, path, query: params.query, body: params.body, timeoutMs, profile: requestedProfile(params.query, params.body) };
      const outcome = await nodes.invoke(node.nodeId, "browser.proxy", JSON.parse(JSON.stringify(proxyParams)), timeoutMs);
      const proxy = outcome.payload as { result?: unknown; files?: unknown } | null | undefined;
      if (!proxy || typeof proxy !== "object" || !("result" in proxy))
        throw new GatewayError("BROWSER_UNAVAILABLE", `browser proxy failed: node ${node.displayName ?? node.nodeId} answered without a result`);
      rewriteProxyPaths(proxy.result, await saveProxyFiles(proxy.files, join(info.stateDir, "media", "browser"), clock.now()));
      return proxy.result;
    },
  };
}
