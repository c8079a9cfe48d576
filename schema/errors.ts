/** The closed error catalogue: top-level codes, machine-readable reasons and the error shape. */
import { Enum, Int, Json, Obj, Opt, Bool, Str } from "./primitives.js";

/** Top-level error codes a response may carry. No other code is ever sent. */
export const ERROR_CODES = ["INVALID_REQUEST", "NOT_PAIRED", "NOT_LINKED", "UNAVAILABLE", "AGENT_TIMEOUT", "FORBIDDEN"] as const;

export const ErrorCode = Enum(
  "ErrorCode",
  "Top-level error code of a failed request. `details.code` narrows it down.",
  ERROR_CODES,
);

/** Machine-readable reasons, sent as `details.code` next to a top-level code. */
export const ERROR_DETAIL_CODES = [
  "INVALID_FRAME",
  "INVALID_PARAMS",
  "UNKNOWN_METHOD",
  "NOT_IMPLEMENTED",
  "HANDSHAKE_REQUIRED",
  "PROTOCOL_MISMATCH",
  "AUTH_REQUIRED",
  "AUTH_TOKEN_MISMATCH",
  "AUTH_PASSWORD_MISMATCH",
  "AUTH_DEVICE_TOKEN_INVALID",
  "AUTH_RATE_LIMITED",
  "DEVICE_AUTH_SIGNATURE_INVALID",
  "DEVICE_AUTH_NONCE_MISMATCH",
  "DEVICE_AUTH_NONCE_MISSING",
  "DEVICE_AUTH_SIGNATURE_EXPIRED",
  "DEVICE_AUTH_DEVICE_ID_MISMATCH",
  "DEVICE_AUTH_PUBLIC_KEY_INVALID",
  "ORIGIN_NOT_ALLOWED",
  "PAIRING_REQUIRED",
  "MISSING_SCOPE",
  "ROLE_NOT_ALLOWED",
  "IDEMPOTENCY_KEY_REQUIRED",
  "NOT_FOUND",
  "CONFLICT",
  "NODE_NOT_CONNECTED",
  "NODE_COMMAND_NOT_DECLARED",
  "NODE_DISCONNECTED",
  "NODE_COMMAND_FAILED",
  "TIMEOUT",
  "INTERNAL",
] as const;

export const ErrorDetailCode = Enum(
  "ErrorDetailCode",
  "Machine-readable reason for an error, sent as `details.code`.",
  ERROR_DETAIL_CODES,
);

export const ErrorShape = Obj("ErrorShape", "Why a request failed.", {
  code: ErrorCode,
  message: Str("Human-readable explanation; never contains secrets or internal stack traces."),
  details: Opt(Json("Structured context. `details.code` is an `ErrorDetailCode` when present.")),
  retryable: Opt(Bool("True when the same request may succeed if sent again later.")),
  retryAfterMs: Opt(Int("How long to wait before retrying, in milliseconds.")),
});
