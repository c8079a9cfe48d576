/** Registry entries of the methods whose params live in `schema/browser.ts`. */
import * as browser from "../browser.js";
import { method } from "../registry-spec.js";

export const browserMethods = {
  "browser.request": method({
    params: browser.BrowserRequestParams,
    result: browser.BrowserRequestResult,
    scope: "operator.write",
    description:
      "Relay a request to the browser control server of a connected node (its `browser.proxy` command; which node: `gateway.nodes.browser`). Files the node returns (screenshots, downloads) are saved under `<state>/media/browser/` (kept 10 minutes) and their paths rewritten. This gateway runs no browser itself: without a browser node the answer is UNAVAILABLE.",
    example: { params: { method: "GET", path: "/tabs" }, result: { tabs: [] } },
  }),
  // ── devices ─────────────────────────────────────────────────────────────────────
};
