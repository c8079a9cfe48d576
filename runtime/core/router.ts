/**
 * Routes one request frame to the handler it was given: frame check, method
 * lookup, role and scope check (default deny), methods the registry marks
 * unavailable, params validation, idempotency, then the handler with
 * `{ caller, signal }`. Every failure is an error response from the closed
 * catalogue; a throwing handler never takes down the socket or the process.
 * The router knows no method family: it is handed its handlers.
 */

import { nearestNames } from "../../common/suggest.js";
import type { MethodHandlers } from "../../generated/ts/handlers.js";
import { METHOD_NAMES, METHODS } from "../../generated/ts/registry.js";
import type { MethodName } from "../../generated/ts/types.js";
import { validate, validateParams } from "../../generated/ts/validators.js";
import { GatewayError } from "../errors.js";
import type { Logger } from "../log.js";
import type { CallContext } from "./call-context.js";
import { CloseCode } from "./close-codes.js";
import type { Connection } from "./connection.js";
import { IdempotencyCache } from "./idempotency.js";
import { reusedJson } from "./json-cache.js";
import { PreparedResult } from "./prepared-result.js";

const FLOOD_WINDOW_MS = 10_000;
const FLOOD_MAX_INVALID = 20;
const MAX_ID_LENGTH = 256;

const clip = (text: string) => (text.length > 64 ? text.slice(0, 64) + "…" : text);

export function sendResult(conn: Connection, id: string, payload: unknown): void {
  if (payload instanceof PreparedResult) {
    // A node's large answer: written straight into one UTF-8 buffer when the socket takes bytes.
    const before = `{"type":"res","id":${JSON.stringify(id)},"ok":true,"payload":`;
    const frame = conn.phase === "closed" ? null : conn.socket.sendUtf8 ? payload.utf8(before, "}") : payload.text();
    payload.delivered();
    if (frame === undefined) return sendError(conn, id, new GatewayError("INTERNAL", "the result was released before it could be sent"));
    if (frame === null) return;
    if (typeof frame === "string") conn.socket.send(before + frame + "}");
    else conn.socket.sendUtf8!(frame);
    return;
  }
  if (conn.phase === "closed") return;
  const reused = reusedJson(payload);
  conn.socket.send(reused === undefined ? JSON.stringify({ type: "res", id, ok: true, payload }) : `{"type":"res","id":${JSON.stringify(id)},"ok":true,"payload":${reused}}`);
}

/** Answer with a failure; an error that carries a `payload` (a failed `agent` run's outcome) sends it beside `error`, as v3. */
export function sendError(conn: Connection, id: string, error: GatewayError): void {
  if (conn.phase === "closed") return;
  const frame = error.payload === undefined ? { type: "res", id, ok: false, error: error.toShape() } : { type: "res", id, ok: false, payload: error.payload, error: error.toShape() };
  conn.socket.send(JSON.stringify(frame));
}

/** A request id worth answering: a non-empty string of bounded length. */
export function requestId(frame: unknown): string | undefined {
  const raw = (frame as { id?: unknown } | null)?.id;
  return typeof raw === "string" && raw.length > 0 && raw.length <= MAX_ID_LENGTH ? raw : undefined;
}

/** Count an invalid frame; answer when an id is known; close the socket on a flood. */
export function invalidFrame(conn: Connection, id: string | undefined, message: string): void {
  const now = performance.now();
  conn.invalidFrames = conn.invalidFrames.filter((t) => now - t < FLOOD_WINDOW_MS);
  conn.invalidFrames.push(now);
  if (conn.invalidFrames.length > FLOOD_MAX_INVALID) return conn.close(CloseCode.policy, "too many invalid frames");
  if (id !== undefined) sendError(conn, id, new GatewayError("INVALID_FRAME", message));
}

/** Why `conn` may not call `method`, or undefined when it may. */
function accessError(conn: Connection, method: MethodName): GatewayError | undefined {
  const scope = METHODS[method].scope;
  if (scope === "node") return conn.role === "node" ? undefined : new GatewayError("ROLE_NOT_ALLOWED", `${method} is for nodes only`, { method });
  if (conn.role === "node") return (METHODS[method] as { nodes?: boolean }).nodes ? undefined : new GatewayError("ROLE_NOT_ALLOWED", `${method} is for operators only`, { method });
  return conn.hasScope(scope) ? undefined : new GatewayError("MISSING_SCOPE", `missing scope: ${scope}`, { scope, method });
}

export interface RouterOptions {
  handlers: MethodHandlers<CallContext>;
  log: Logger;
  idempotency?: IdempotencyCache;
  /** Log every request with its outcome and duration (`gateway.logRequests`). */
  logRequests?: boolean;
  /** Told of every answered request: its method (`?` for an invalid frame), `ok` or the error's details.code, and the time taken (metrics). */
  observe?: (method: string, outcome: string, ms: number) => void;
}

export type Router = (conn: Connection, frame: unknown) => Promise<void>;

/** A router over `handlers`: call it with each parsed frame of an authenticated connection. */
export function createRouter({ handlers, log, idempotency = new IdempotencyCache(), logRequests = false, observe }: RouterOptions): Router {
  const table = handlers as unknown as Partial<Record<MethodName, (params: unknown, context: CallContext) => unknown>>;

  /** Answer one request; returns what to log: the method and `ok` or the failure's `details.code`. */
  const answer = async (conn: Connection, frame: unknown): Promise<{ method: string; outcome: string }> => {
    const fail = (id: string, method: string, error: GatewayError) => (sendError(conn, id, error), { method, outcome: error.details.code });
    const checked = validate("RequestFrame", frame);
    if (!checked.ok) {
      invalidFrame(conn, requestId(frame), `invalid request frame: ${checked.message}`);
      return { method: "?", outcome: "INVALID_FRAME" };
    }
    const request = checked.value;
    if (!Object.hasOwn(METHODS, request.method)) {
      if (request.method === "connect") return fail(request.id, "connect", new GatewayError("UNKNOWN_METHOD", "already connected"));
      const hint = nearestNames(request.method, METHOD_NAMES)
        .map((n) => `'${n}'`)
        .join(", ");
      return fail(request.id, clip(request.method), new GatewayError("UNKNOWN_METHOD", `unknown method: ${clip(request.method)}${hint ? `; did you mean ${hint}?` : ""}`));
    }
    const method = request.method as MethodName;
    const denied = accessError(conn, method);
    if (denied) return fail(request.id, method, denied);
    const entry = METHODS[method] as { unavailable?: string; idempotencyKey: boolean; twoPhase?: boolean };
    const handler = table[method];
    if (entry.unavailable !== undefined || !handler) {
      return fail(request.id, method, new GatewayError("NOT_IMPLEMENTED", `${method} is not available on this gateway: ${entry.unavailable ?? "no handler"}`, { method }));
    }
    const params = validateParams(method, request.params ?? {});
    if (!params.ok) return fail(request.id, method, new GatewayError("INVALID_PARAMS", `invalid ${method} params: ${params.message}`));

    const context: CallContext = { caller: conn, signal: conn.signal };
    if (entry.twoPhase) context.accept = (payload) => sendResult(conn, request.id, payload);
    const run = async () => handler(params.value, context);
    try {
      const key = entry.idempotencyKey ? (params.value as { idempotencyKey: string }).idempotencyKey : undefined;
      const result = key === undefined ? await run() : await idempotency.run(`${conn.deviceId ?? conn.connId}\u0000${method}\u0000${key}`, run);
      sendResult(conn, request.id, result);
      return { method, outcome: "ok" };
    } catch (error) {
      const failure = GatewayError.from(error);
      if (failure.details.code === "INTERNAL") log.error("handler failed", { method, error: String((error as Error)?.stack ?? error) });
      return fail(request.id, method, failure);
    }
  };

  if (!logRequests && !observe) return async (conn, frame) => void (await answer(conn, frame));
  return async (conn, frame) => {
    const started = performance.now();
    const { method, outcome } = await answer(conn, frame);
    const ms = performance.now() - started;
    observe?.(method, outcome, ms);
    if (logRequests) log.info("request", { method, conn: conn.connId, device: conn.deviceId?.slice(0, 12), outcome, ms: Math.round(ms * 10) / 10 });
  };
}
