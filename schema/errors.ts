/** The closed error catalogue: top-level codes, machine-readable reasons and the error shape. */
import { Bool, Enum, Int, Json, Obj, Opt, Str } from "./primitives.js";

/** Top-level error codes a response may carry. No other code is ever sent. */
export const ERROR_CODES = ["INVALID_REQUEST", "NOT_PAIRED", "NOT_LINKED", "UNAVAILABLE", "AGENT_TIMEOUT", "FORBIDDEN"] as const;

export const ErrorCode = Enum("ErrorCode", "Top-level error code of a failed request. `details.code` narrows it down.", ERROR_CODES);

/**
 * Machine-readable reasons, sent as `details.code`, each with the one top-level code it travels
 * with (so a reason never appears under two codes).
 */
export const ERROR_DETAILS = {
  INVALID_FRAME: "INVALID_REQUEST",
  INVALID_PARAMS: "INVALID_REQUEST",
  UNKNOWN_METHOD: "INVALID_REQUEST",
  NOT_IMPLEMENTED: "UNAVAILABLE",
  HANDSHAKE_REQUIRED: "INVALID_REQUEST",
  PROTOCOL_MISMATCH: "INVALID_REQUEST",
  AUTH_REQUIRED: "INVALID_REQUEST",
  AUTH_TOKEN_MISMATCH: "INVALID_REQUEST",
  AUTH_PASSWORD_MISMATCH: "INVALID_REQUEST",
  AUTH_DEVICE_TOKEN_INVALID: "INVALID_REQUEST",
  AUTH_RATE_LIMITED: "UNAVAILABLE",
  DEVICE_AUTH_SIGNATURE_INVALID: "INVALID_REQUEST",
  DEVICE_AUTH_NONCE_MISMATCH: "INVALID_REQUEST",
  DEVICE_AUTH_NONCE_MISSING: "INVALID_REQUEST",
  DEVICE_AUTH_SIGNATURE_EXPIRED: "INVALID_REQUEST",
  DEVICE_AUTH_DEVICE_ID_MISMATCH: "INVALID_REQUEST",
  DEVICE_AUTH_PUBLIC_KEY_INVALID: "INVALID_REQUEST",
  ORIGIN_NOT_ALLOWED: "FORBIDDEN",
  PAIRING_REQUIRED: "NOT_PAIRED",
  PAIRING_QUEUE_FULL: "UNAVAILABLE",
  // As the v3 reference answers them: a call outside the caller's scopes or role is an invalid request.
  MISSING_SCOPE: "INVALID_REQUEST",
  ROLE_NOT_ALLOWED: "INVALID_REQUEST",
  IDEMPOTENCY_KEY_REQUIRED: "INVALID_REQUEST",
  NOT_FOUND: "INVALID_REQUEST",
  CONFLICT: "INVALID_REQUEST",
  NODE_NOT_CONNECTED: "UNAVAILABLE",
  NODE_COMMAND_NOT_DECLARED: "INVALID_REQUEST",
  NODE_DISCONNECTED: "UNAVAILABLE",
  NODE_COMMAND_FAILED: "UNAVAILABLE",
  NODE_RESULT_OVER_BUDGET: "UNAVAILABLE",
  TIMEOUT: "UNAVAILABLE",
  ALREADY_RESOLVED: "INVALID_REQUEST",
  EXPIRED: "INVALID_REQUEST",
  TOO_MANY_PENDING: "UNAVAILABLE",
  MODEL_NOT_CONFIGURED: "UNAVAILABLE",
  MODEL_BACKEND_FAILED: "UNAVAILABLE",
  SESSION_QUEUE_FULL: "UNAVAILABLE",
  // skills.install: the installer ran and failed (the result rides in details.result); or its tool is not on this host.
  INSTALL_FAILED: "UNAVAILABLE",
  INSTALLER_UNAVAILABLE: "UNAVAILABLE",
  // wizard.start while another wizard runs (one at a time, as v3).
  WIZARD_RUNNING: "UNAVAILABLE",
  SPEECH_UNAVAILABLE: "UNAVAILABLE",
  BROWSER_UNAVAILABLE: "UNAVAILABLE",
  INTERNAL: "UNAVAILABLE",
  RATE_LIMITED: "UNAVAILABLE",
  CHANNEL_UNKNOWN: "INVALID_REQUEST",
  CHANNEL_NOT_RUNNING: "UNAVAILABLE",
  CHANNEL_SEND_FAILED: "UNAVAILABLE",
  CHANNEL_UNSUPPORTED: "INVALID_REQUEST",
  // deliver/announce/heartbeat output with no channel or recipient to go to.
  DELIVERY_TARGET_MISSING: "INVALID_REQUEST",
  PAIRING_CODE_UNKNOWN: "INVALID_REQUEST",
  PAIRING_CODE_EXPIRED: "INVALID_REQUEST",
} as const satisfies Record<string, (typeof ERROR_CODES)[number]>;

/** Every `details.code`, in catalogue order. */
export const ERROR_DETAIL_CODES = Object.keys(ERROR_DETAILS) as (keyof typeof ERROR_DETAILS)[];

export const ErrorDetailCode = Enum("ErrorDetailCode", "Machine-readable reason for an error, sent as `details.code`.", ERROR_DETAIL_CODES);

export const ErrorShape = Obj("ErrorShape", "Why a request failed.", {
  code: ErrorCode,
  message: Str("Human-readable explanation; never contains secrets or internal stack traces."),
  details: Opt(Json("Structured context. `details.code` is an `ErrorDetailCode` when present.")),
  retryable: Opt(Bool("True when the same request may succeed if sent again later.")),
  retryAfterMs: Opt(Int("How long to wait before retrying, in milliseconds.")),
});
