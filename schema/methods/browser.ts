/** Registry entries of the methods whose params live in `schema/browser.ts`. */
import * as browser from "../browser.js";
import { method } from "../registry-spec.js";

export const browserMethods = {
  "browser.request": method({
    unavailable:
      "Browser control is not built: this gateway runs no browser control server and does not yet relay `browser.proxy` to nodes. Drive a browser on a node with `node.invoke` and the node's own commands.",
    params: browser.BrowserRequestParams,
    result: browser.BrowserRequestResult,
    scope: "operator.write",
    description: "Proxy a request to the browser control server (on this host or a node with the `browser` cap).",
    example: { params: { method: "GET", path: "/tabs" }, result: { tabs: [] } },
  }),
  // ── devices ─────────────────────────────────────────────────────────────────────
};
