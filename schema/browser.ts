/** `browser.request`: proxy a request to the browser control server (local or on a node with the `browser` cap). */
import { Dict, Int, Json, Open, Opt, Str, Text, Type } from "./primitives.js";

export const BrowserRequestParams = Open("BrowserRequestParams", "Parameters of `browser.request`. Like the v3 reference, other members are ignored.", {
  method: Str("HTTP method, such as `GET`."),
  path: Str("Path on the browser control server, such as `/tabs`."),
  query: Opt(Dict(Text("Value."), "Query parameters.")),
  body: Opt(Json("Request body.")),
  timeoutMs: Opt(Int("Give up after this long.")),
});

export const BrowserRequestResult = Type.Unknown({
  $id: "BrowserRequestResult",
  description: "Result of `browser.request`: the browser control server's JSON answer, as is.",
});
