/**
 * The model backend contract: one streamed completion per call. A backend
 * yields text deltas, tool calls and token usage, and stops as soon as the
 * caller's signal aborts. Failures are `BackendError`s with a kind callers
 * can act on (retry, tell the user which setting to fix, record an abort).
 */

export interface BackendMessage {
  role: "system" | "user" | "assistant" | "tool";
  content: string;
}

export interface BackendRequest {
  /** Model id as the provider knows it (without the `provider/` prefix). */
  model: string;
  messages: BackendMessage[];
  signal: AbortSignal;
}

export interface TokenUsage {
  input: number;
  output: number;
  total: number;
}

export type BackendChunk =
  | { type: "text"; delta: string }
  | { type: "tool"; id: string; name: string; arguments: string }
  | { type: "usage"; usage: TokenUsage }
  | { type: "done"; finishReason?: string };

export interface ModelBackend {
  /** Provider id from the config. */
  readonly provider: string;
  stream(request: BackendRequest): AsyncIterable<BackendChunk>;
}

export type BackendErrorKind =
  | "config" // nothing or something wrong configured
  | "auth" // 401/403
  | "not_found" // 404: wrong base URL or model
  | "rate_limit" // 429 after retries
  | "server" // 5xx after retries
  | "bad_response" // unparsable payload or protocol violation
  | "network" // connection refused, reset
  | "timeout" // no progress within the limit
  | "aborted" // the caller's signal
  | "failed"; // the command exited non-zero, an error in the stream

export class BackendError extends Error {
  constructor(
    readonly kind: BackendErrorKind,
    message: string,
    readonly status?: number,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
    this.name = "BackendError";
  }
}

export function isAbort(error: unknown): boolean {
  return error instanceof BackendError ? error.kind === "aborted" : (error as Error)?.name === "AbortError";
}
