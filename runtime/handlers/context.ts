/** What every handler receives besides its params: who is calling. */
export interface HandlerContext {
  /** Id of the calling connection. */
  connId: string;
  /** Role of the caller. */
  role: "operator" | "node";
  /** Scopes granted to the caller. */
  scopes: readonly string[];
  /** Device id of the caller, when it presented a device identity. */
  deviceId?: string;
}
