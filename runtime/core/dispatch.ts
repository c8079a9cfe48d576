/**
 * Registry-driven dispatch of one request: frame check, method lookup,
 * role and scope check (default deny), params validation, idempotency, and
 * the handler. Every failure is an error response from the closed catalogue;
 * a throwing handler never takes down the socket or the process.
 */
import { METHOD_NAMES, METHODS } from "../../generated/ts/registry.js";
import type { MethodName } from "../../generated/ts/types.js";
import { validate, validateParams } from "../../generated/ts/validators.js";
import { GatewayError } from "../errors.js";
import { handlers } from "../handlers/index.js";
import type { Connection } from "./connection.js";
import type { Gateway } from "./gateway.js";
import { nearestNames } from "../../common/suggest.js";

const clip = (text: string) => (text.length > 64 ? text.slice(0, 64) + "…" : text);

export function sendResult(conn: Connection, id: string, payload: unknown): void {
  if (conn.phase !== "closed") conn.socket.send(JSON.stringify({ type: "res", id, ok: true, payload }));
}

export function sendError(conn: Connection, id: string, error: GatewayError): void {
  if (conn.phase !== "closed") conn.socket.send(JSON.stringify({ type: "res", id, ok: false, error: error.toShape() }));
}

/** Why `conn` may not call `method`, or undefined when it may. */
function accessError(conn: Connection, method: MethodName): GatewayError | undefined {
  const scope = METHODS[method].scope;
  if (scope === "node") {
    return conn.role === "node" ? undefined : new GatewayError("FORBIDDEN", `${method} is for nodes only`, { code: "ROLE_NOT_ALLOWED", method });
  }
  if (conn.role === "node") return new GatewayError("FORBIDDEN", `${method} is for operators only`, { code: "ROLE_NOT_ALLOWED", method });
  return conn.hasScope(scope) ? undefined : new GatewayError("FORBIDDEN", `missing scope: ${scope}`, { code: "MISSING_SCOPE", scope, method });
}

export async function dispatch(gateway: Gateway, conn: Connection, frame: unknown): Promise<void> {
  const rawId = (frame as { id?: unknown } | null)?.id;
  const id = typeof rawId === "string" && rawId.length > 0 && rawId.length <= 256 ? rawId : undefined;
  const checked = validate("RequestFrame", frame);
  if (!checked.ok) return gateway.invalidFrame(conn, id, `invalid request frame: ${checked.message}`);
  const request = checked.value;
  if (!Object.hasOwn(METHODS, request.method)) {
    const hint = request.method === "connect" ? "already connected" : nearestNames(request.method, METHOD_NAMES).map((n) => `'${n}'`).join(", ");
    const message = request.method === "connect" ? "already connected" : `unknown method '${clip(request.method)}'${hint ? `; did you mean ${hint}?` : ""}`;
    return sendError(conn, request.id, new GatewayError("INVALID_REQUEST", message, { code: "UNKNOWN_METHOD" }));
  }
  const method = request.method as MethodName;
  const denied = accessError(conn, method);
  if (denied) return sendError(conn, request.id, denied);
  const params = validateParams(method, request.params ?? {});
  if (!params.ok) return sendError(conn, request.id, new GatewayError("INVALID_REQUEST", `invalid ${method} params: ${params.message}`, { code: "INVALID_PARAMS" }));

  const handler = handlers[method] as (params: unknown, context: unknown) => unknown;
  const run = async () => handler(params.value, { gateway, caller: conn });
  try {
    const key = METHODS[method].idempotencyKey ? (params.value as { idempotencyKey: string }).idempotencyKey : undefined;
    const result = key === undefined ? await run() : await gateway.idempotency.run(`${conn.deviceId ?? conn.connId}\u0000${method}\u0000${key}`, run);
    sendResult(conn, request.id, result);
  } catch (error) {
    const failure = GatewayError.from(error);
    if (failure.details.code === "INTERNAL") gateway.log.error("handler failed", { method, error: String((error as Error)?.stack ?? error) });
    sendError(conn, request.id, failure);
  }
}
