/**
 * An OpenAI-compatible Chat Completions client (OpenAI, llama.cpp, Ollama,
 * vLLM, …): `POST {baseUrl}/chat/completions` with `stream: true`, read as
 * server-sent events until `[DONE]`. Retries 429/5xx/network failures with
 * exponential backoff (honouring `Retry-After`) only before any output was
 * produced; a stream that stalls longer than `timeoutMs` fails with `timeout`.
 */
import { sseData } from "./sse.js";
import { type BackendChunk, BackendError, type BackendRequest, type ModelBackend } from "./types.js";

export interface OpenAiChatOptions {
  provider: string;
  baseUrl: string;
  apiKey?: string;
  headers?: Record<string, string>;
  /** Longest wait for the next byte (default 120000 ms). */
  timeoutMs?: number;
  maxRetries?: number;
  /** First backoff delay; doubles per retry (default 500 ms). */
  retryBaseMs?: number;
  /** Upper bound of one backoff delay (default 30000 ms). */
  retryMaxMs?: number;
}

const RETRYABLE = (status: number) => status === 429 || status >= 500;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new BackendError("aborted", "aborted"));
    const timer = setTimeout(() => (signal.removeEventListener("abort", onAbort), resolve()), ms);
    const onAbort = () => (clearTimeout(timer), reject(new BackendError("aborted", "aborted")));
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

/** The provider's own error message from a JSON error body, else the start of the body. */
function errorMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: string } | string; message?: string };
    const message = typeof parsed.error === "string" ? parsed.error : (parsed.error?.message ?? parsed.message);
    if (message) return String(message).slice(0, 500);
  } catch {
    // not JSON
  }
  return body.trim().slice(0, 200) || "(empty body)";
}

export class OpenAiChatBackend implements ModelBackend {
  readonly provider: string;
  private readonly url: string;

  constructor(private readonly options: OpenAiChatOptions) {
    this.provider = options.provider;
    this.url = options.baseUrl.replace(/\/+$/, "") + "/chat/completions";
  }

  async *stream(request: BackendRequest): AsyncGenerator<BackendChunk> {
    const { signal } = request;
    const maxRetries = this.options.maxRetries ?? 2;
    const base = this.options.retryBaseMs ?? 500;
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      const watchdog = new Watchdog(this.options.timeoutMs ?? 120_000, signal);
      try {
        response = await this.post(request, watchdog.signal);
      } catch (error) {
        watchdog.stop();
        const failure = this.fetchFailure(error, signal, watchdog);
        if (failure.kind === "network" && attempt < maxRetries) {
          await sleep(Math.min(base * 2 ** attempt, this.options.retryMaxMs ?? 30_000), signal);
          continue;
        }
        throw failure;
      }
      if (!response.ok) {
        const body = await response.text().catch(() => "");
        watchdog.stop();
        if (RETRYABLE(response.status) && attempt < maxRetries) {
          const wait = retryAfterMs(response.headers.get("retry-after")) ?? base * 2 ** attempt;
          await sleep(Math.min(wait, this.options.retryMaxMs ?? 30_000), signal);
          continue;
        }
        throw this.statusError(response.status, errorMessage(body), request.model);
      }
      try {
        yield* this.read(response, watchdog);
      } catch (error) {
        throw error instanceof BackendError ? error : this.fetchFailure(error, signal, watchdog);
      } finally {
        watchdog.stop();
      }
      return;
    }
  }

  private post(request: BackendRequest, signal: AbortSignal): Promise<Response> {
    const headers: Record<string, string> = { "content-type": "application/json", accept: "text/event-stream", ...this.options.headers };
    if (this.options.apiKey) headers.authorization = `Bearer ${this.options.apiKey}`;
    return fetch(this.url, {
      method: "POST",
      headers,
      body: JSON.stringify({ model: request.model, messages: request.messages, stream: true, stream_options: { include_usage: true } }),
      signal,
    });
  }

  private statusError(status: number, message: string, model: string): BackendError {
    const where = `${this.provider} (${this.url})`;
    if (status === 401 || status === 403)
      return new BackendError("auth", `${where} refused the API key (HTTP ${status}: ${message}); check models.providers.${this.provider}.apiKey or apiKeyEnv`, status);
    if (status === 404) return new BackendError("not_found", `${where} answered 404 for model '${model}' (${message}); check models.providers.${this.provider}.baseUrl and its model ids`, status);
    if (status === 429) return new BackendError("rate_limit", `${where} is rate limiting (HTTP 429: ${message})`, status);
    if (status >= 500) return new BackendError("server", `${where} failed (HTTP ${status}: ${message})`, status);
    return new BackendError("bad_response", `${where} rejected the request (HTTP ${status}: ${message})`, status);
  }

  private fetchFailure(error: unknown, signal: AbortSignal, watchdog: Watchdog): BackendError {
    if (error instanceof BackendError) return error;
    if (signal.aborted) return new BackendError("aborted", "aborted", undefined, { cause: error });
    if (watchdog.fired) return new BackendError("timeout", `${this.provider} sent nothing for ${watchdog.ms} ms`, undefined, { cause: error });
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return new BackendError("network", `cannot reach ${this.provider} at ${this.url}: ${cause?.code ?? cause?.message ?? (error as Error).message}`, undefined, { cause: error });
  }

  private async *read(response: Response, watchdog: Watchdog): AsyncGenerator<BackendChunk> {
    if (!response.body) throw new BackendError("bad_response", `${this.provider} answered without a body`);
    const type = response.headers.get("content-type") ?? "";
    if (type.includes("application/json")) {
      // A server that ignores `stream: true` answers one completion object.
      yield* this.whole(await response.text());
      return;
    }
    let finished = false;
    let done = false;
    const body = watchdog.guard(response.body as unknown as AsyncIterable<Uint8Array>);
    for await (const data of sseData(body)) {
      if (data.trim() === "[DONE]") {
        done = true;
        break;
      }
      let chunk: StreamChunk;
      try {
        chunk = JSON.parse(data) as StreamChunk;
      } catch {
        throw new BackendError("bad_response", `${this.provider} sent a stream event that is not JSON: ${data.slice(0, 80)}`);
      }
      if (chunk.error) throw new BackendError("failed", `${this.provider} reported an error mid-stream: ${errorMessage(JSON.stringify(chunk))}`);
      for (const choice of chunk.choices ?? []) {
        const delta = choice.delta ?? {};
        if (typeof delta.content === "string" && delta.content.length) yield { type: "text", delta: delta.content };
        for (const call of delta.tool_calls ?? []) {
          if (call.function?.name) yield { type: "tool", id: call.id ?? `call-${call.index ?? 0}`, name: call.function.name, arguments: call.function.arguments ?? "" };
        }
        if (choice.finish_reason) {
          finished = true;
          yield { type: "done", finishReason: choice.finish_reason };
        }
      }
      if (chunk.usage) yield { type: "usage", usage: usageOf(chunk.usage) };
    }
    if (!done && !finished) throw new BackendError("bad_response", `${this.provider} ended the stream before [DONE]`);
    if (!finished) yield { type: "done" };
  }

  private *whole(text: string): Generator<BackendChunk> {
    let parsed: { choices?: { message?: { content?: string }; finish_reason?: string }[]; usage?: RawUsage };
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new BackendError("bad_response", `${this.provider} answered a body that is not JSON`);
    }
    const choice = parsed.choices?.[0];
    if (!choice) throw new BackendError("bad_response", `${this.provider} answered without choices`);
    if (choice.message?.content) yield { type: "text", delta: choice.message.content };
    if (parsed.usage) yield { type: "usage", usage: usageOf(parsed.usage) };
    yield { type: "done", finishReason: choice.finish_reason };
  }
}

interface RawUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
}

interface StreamChunk {
  choices?: { delta?: { content?: string | null; tool_calls?: { index?: number; id?: string; function?: { name?: string; arguments?: string } }[] }; finish_reason?: string | null }[];
  usage?: RawUsage | null;
  error?: unknown;
}

function usageOf(raw: RawUsage) {
  const input = raw.prompt_tokens ?? 0;
  const output = raw.completion_tokens ?? 0;
  return { input, output, total: raw.total_tokens ?? input + output };
}

/** Aborts its signal when the caller aborts or when nothing arrives for `ms`. */
class Watchdog {
  private readonly controller = new AbortController();
  private timer?: NodeJS.Timeout;
  fired = false;
  readonly signal = this.controller.signal;
  private readonly onAbort = () => this.controller.abort();

  constructor(
    readonly ms: number,
    private readonly outer: AbortSignal,
  ) {
    if (outer.aborted) this.controller.abort();
    outer.addEventListener("abort", this.onAbort, { once: true });
    this.arm();
  }

  private arm(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.fired = true;
      this.controller.abort();
    }, this.ms);
  }

  async *guard(body: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    for await (const chunk of body) {
      this.arm();
      yield chunk;
    }
  }

  stop(): void {
    clearTimeout(this.timer);
    this.outer.removeEventListener("abort", this.onAbort);
  }
}
