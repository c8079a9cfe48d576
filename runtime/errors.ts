/**
 * The gateway's one error class. Every failure that reaches the wire is a
 * `GatewayError` with a code from the closed catalogue; anything else is
 * converted with `GatewayError.from`, which never leaks internal messages.
 */
import type { ErrorCodeName, ErrorDetailCodeName } from "../generated/ts/registry.js";
import type { ErrorShape } from "../generated/ts/types.js";

export class GatewayError extends Error {
  constructor(
    readonly code: ErrorCodeName,
    message: string,
    readonly details: { code: ErrorDetailCodeName; [key: string]: unknown },
    options: { cause?: unknown; retryable?: boolean; retryAfterMs?: number } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "GatewayError";
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs;
  }

  readonly retryable?: boolean;
  readonly retryAfterMs?: number;

  /** Any thrown value as a `GatewayError`; unknown errors become `UNAVAILABLE`/`INTERNAL` without their message. */
  static from(error: unknown): GatewayError {
    if (error instanceof GatewayError) return error;
    return new GatewayError("UNAVAILABLE", "internal error", { code: "INTERNAL" }, { cause: error });
  }

  /** The wire shape. */
  toShape(): ErrorShape {
    const shape: ErrorShape = { code: this.code, message: this.message, details: this.details };
    if (this.retryable !== undefined) shape.retryable = this.retryable;
    if (this.retryAfterMs !== undefined) shape.retryAfterMs = this.retryAfterMs;
    return shape;
  }
}

/** Thrown by handler stubs until a method family is implemented. */
export function notImplemented(method: string): never {
  throw new GatewayError("UNAVAILABLE", `${method} is not implemented yet`, { code: "NOT_IMPLEMENTED", method });
}
