/** The one error class of the client: a protocol error from the gateway, or a local failure. */

import type { ErrorCodeName } from "../../generated/ts/registry.js";
import type { ErrorShape } from "../../generated/ts/types.js";

/** Failures that happen on this side of the wire. */
export type LocalErrorCode = "DISCONNECTED" | "TIMEOUT" | "ABORTED" | "UNREACHABLE" | "INSECURE_TRANSPORT" | "CLOSED" | "TLS_FINGERPRINT_MISMATCH" | "INVALID_FINGERPRINT";

const LOCAL_CODES: readonly string[] = [
  "DISCONNECTED",
  "TIMEOUT",
  "ABORTED",
  "UNREACHABLE",
  "INSECURE_TRANSPORT",
  "CLOSED",
  "TLS_FINGERPRINT_MISMATCH",
  "INVALID_FINGERPRINT",
] satisfies LocalErrorCode[];

export class GatewayClientError extends Error {
  constructor(
    /** A protocol error code when the gateway answered, else a local one. */
    readonly code: ErrorCodeName | LocalErrorCode,
    message: string,
    /** The gateway's `details` (with `details.code`), when it sent them. */
    readonly details?: { code?: string; [key: string]: unknown },
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "GatewayClientError";
  }

  /** The response frame's `payload` beside `error`, when the gateway sent one (a failed `agent` run's `{runId, status, summary}`). */
  payload?: unknown;

  /** `details.code`, when the gateway sent one. */
  get detailCode(): string | undefined {
    return this.details?.code;
  }

  /** True when the gateway answered (as opposed to a local failure). */
  get fromGateway(): boolean {
    return !LOCAL_CODES.includes(this.code);
  }

  /** The error of a failed response; `payload` is the frame's payload, when it carried one. */
  static fromShape(shape: ErrorShape, payload?: unknown): GatewayClientError {
    const error = new GatewayClientError(shape.code, shape.message, shape.details as GatewayClientError["details"], shape.retryAfterMs);
    if (payload !== undefined) error.payload = payload;
    return error;
  }
}
