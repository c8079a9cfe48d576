/**
 * The `webhook` payload: one HTTP POST with a timeout. A 2xx answer is
 * success; anything else, a redirect (not followed), a network error or the
 * timeout is a failed run whose message says which.
 */
import type { CronPayloadWebhook } from "../../generated/ts/types.js";
import type { CronRunContext, CronRunOutcome } from "./executor.js";

export const DEFAULT_WEBHOOK_TIMEOUT_MS = 30_000;
const SNIPPET = 200;

export class WebhookError extends Error {}

export interface PostOptions {
  headers?: Record<string, string>;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** POST `body` to `target`; resolves with the status line and the start of the answer when it is 2xx. */
export async function post(target: string, body: string, opts: PostOptions = {}): Promise<string> {
  const url = new URL(target);
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new WebhookError(`webhook url must be http(s), got ${url.protocol}`);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
  const controller = new AbortController();
  const onAbort = () => controller.abort(opts.signal?.reason);
  opts.signal?.addEventListener("abort", onAbort, { once: true });
  const timer = setTimeout(() => controller.abort(new WebhookError(`webhook timed out after ${timeoutMs} ms`)), timeoutMs);
  const headers: Record<string, string> = { "content-type": "application/json", "user-agent": "tidegate-cron", ...opts.headers };
  try {
    const response = await fetch(url, { method: "POST", headers, body, redirect: "manual", signal: controller.signal });
    const text = (await response.text()).slice(0, SNIPPET);
    if (response.status < 200 || response.status > 299) throw new WebhookError(`webhook answered HTTP ${response.status}${text ? `: ${text}` : ""}`);
    return `HTTP ${response.status}${text ? `: ${text}` : ""}`;
  } catch (error) {
    if (error instanceof WebhookError) throw error;
    if (controller.signal.aborted) throw controller.signal.reason instanceof Error ? controller.signal.reason : new WebhookError("webhook aborted");
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new WebhookError(`webhook POST ${url.origin} failed: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener("abort", onAbort);
  }
}

/** The `webhook` payload of a job. */
export async function postWebhook(payload: CronPayloadWebhook, ctx: CronRunContext): Promise<CronRunOutcome> {
  const body = payload.body ?? JSON.stringify({ jobId: ctx.job.id, name: ctx.job.name, runId: ctx.runId, runAtMs: ctx.runAtMs });
  return { summary: await post(payload.url, body, { headers: payload.headers, timeoutMs: payload.timeoutMs, signal: ctx.signal }) };
}

/** `delivery.mode: "webhook"`: POST a run's outcome as JSON. */
export async function postJson(target: string, value: unknown, opts: PostOptions = {}): Promise<void> {
  await post(target, JSON.stringify(value), opts);
}
