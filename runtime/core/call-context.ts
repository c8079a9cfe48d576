/** What a handler learns about the call besides its params: who is calling, and when to give up. */
import type { ConnectClient, Role, Scope } from "../../generated/ts/types.js";

/** The calling connection as handlers see it (read-only). */
export interface Caller {
  readonly connId: string;
  readonly role: Role;
  readonly scopes: readonly Scope[];
  /** The paired device, when the connection presented one. */
  readonly deviceId?: string;
  readonly client?: ConnectClient;
  /** Loopback peer without forwarding headers or a browser origin. */
  readonly isLocal: boolean;
  /** True when the connection's scopes satisfy `scope` (admin satisfies all, write satisfies read). */
  hasScope(scope: Scope): boolean;
}

/** The second argument of every handler. */
export interface CallContext {
  caller: Caller;
  /** Aborted when the caller disconnects: long handlers stop their work. */
  signal: AbortSignal;
}
