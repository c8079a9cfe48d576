/** What every handler receives besides its params: the gateway and the calling connection. */
import type { Connection } from "../core/connection.js";
import type { Gateway } from "../core/gateway.js";

export interface HandlerContext {
  gateway: Gateway;
  caller: Connection;
}
