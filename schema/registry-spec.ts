/** The shape of registry entries, and the builders that fill in their defaults. */
import type { Static, TSchema } from "@sinclair/typebox";
import type { ERROR_DETAIL_CODES } from "./errors.js";
import { PROTOCOL_VERSION } from "./version.js";

/** Who may call a method: an operator scope, or `node` for node-role connections only. */
export type Access = "operator.read" | "operator.write" | "operator.admin" | "operator.approvals" | "operator.pairing" | "node";

/** Who receives an event: everyone, holders of a scope, or the targeted node only. */
export type Audience = "all" | "operator.read" | "operator.approvals" | "operator.pairing" | "node";

export interface MethodSpec<P extends TSchema = TSchema, R extends TSchema = TSchema> {
  params: P;
  result: R;
  /** Scope required to call it, or `node` for node-only methods. */
  scope: Access;
  /** True when the call has side effects and must carry `params.idempotencyKey`. */
  idempotencyKey: boolean;
  /**
   * True when the gateway answers twice on the same request id: first `{status: "accepted"}`,
   * then the final result. Clients wait for the second answer.
   */
  twoPhase?: boolean;
  /**
   * True when node-role connections may call it too (besides operators holding `scope`); a node
   * acts only on its own behalf (e.g. a node host asking whether a command may run on it).
   */
  nodes?: boolean;
  /** Protocol version the method appeared in. */
  since: number;
  description: string;
  /** `details.code` values this method may answer with besides the generic ones. */
  errors: readonly (typeof ERROR_DETAIL_CODES)[number][];
  example: { params: Static<P>; result: Static<R> };
  /**
   * Set while this gateway does not serve the method: the reason a user reads. Such a method
   * needs no handler; calls answer `UNAVAILABLE` with `details.code: NOT_IMPLEMENTED` and this text.
   */
  unavailable?: string;
}

export interface EventSpec<P extends TSchema = TSchema> {
  payload: P;
  audience: Audience;
  /** True when a slow consumer may miss it (its `seq` is still used) instead of being disconnected. */
  droppable: boolean;
  since: number;
  description: string;
  example: Static<P>;
}

type MethodInput<P extends TSchema, R extends TSchema> = Omit<MethodSpec<P, R>, "since" | "idempotencyKey" | "errors"> & Partial<Pick<MethodSpec<P, R>, "since" | "idempotencyKey" | "errors">>;

/** A method entry with the defaults filled in (current protocol version, no idempotency key, no extra errors). */
export function method<P extends TSchema, R extends TSchema>(spec: MethodInput<P, R>): MethodSpec<P, R> {
  return { since: PROTOCOL_VERSION, idempotencyKey: false, errors: [], ...spec };
}

/** An event entry with the default protocol version. */
export function event<P extends TSchema>(spec: Omit<EventSpec<P>, "since"> & { since?: number }): EventSpec<P> {
  return { since: PROTOCOL_VERSION, ...spec };
}
