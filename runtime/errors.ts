/**
 * The gateway's one error class. Every failure that reaches the wire is a
 * `GatewayError` named by its `details.code` from the closed catalogue
 * (schema/errors.ts); the top-level code is the one the registry pairs with it.
 * Anything else is converted with `GatewayError.from`, which never leaks
 * internal messages.
 */
import { ERROR_DETAILS, type ErrorCodeName, type ErrorDetailCodeName } from "../generated/ts/registry.js";
import type { ErrorShape } from "../generated/ts/types.js";

export interface GatewayErrorOptions {
  cause?: unknown;
  retryable?: boolean;
  retryAfterMs?: number;
  /**
   * What the failure still answers with: sent as the response frame's `payload` beside `error`
   * (v3's final answer of a failed two-phase `agent` run carries `{runId, status: "error", summary}`).
   */
  payload?: unknown;
}

export class GatewayError extends Error {
  /** The top-level code, derived from `details.code`. */
  readonly code: ErrorCodeName;
  readonly details: { code: ErrorDetailCodeName; [key: string]: unknown };
  readonly retryable?: boolean;
  readonly retryAfterMs?: number;
  /** The response frame's `payload` beside `error`, when the failure has one (see `GatewayErrorOptions.payload`). */
  readonly payload?: unknown;

  constructor(reason: ErrorDetailCodeName, message: string, extra: Record<string, unknown> = {}, options: GatewayErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = "GatewayError";
    this.code = ERROR_DETAILS[reason];
    this.details = { ...extra, code: reason };
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs;
    this.payload = options.payload;
  }

  /** Any thrown value as a `GatewayError`; unknown errors become `UNAVAILABLE`/`INTERNAL` without their message. */
  static from(error: unknown): GatewayError {
    if (error instanceof GatewayError) return error;
    return new GatewayError("INTERNAL", "internal error", {}, { cause: error });
  }

  /** The wire shape. */
  toShape(): ErrorShape {
    const shape: ErrorShape = { code: this.code, message: this.message, details: this.details };
    if (this.retryable !== undefined) shape.retryable = this.retryable;
    if (this.retryAfterMs !== undefined) shape.retryAfterMs = this.retryAfterMs;
    return shape;
  }
}
