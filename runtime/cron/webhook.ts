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

export async function postWebhook(payload: CronPayloadWebhook, ctx: CronRunContext): Promise<CronRunOutcome> {
  const url = new URL(payload.url);
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new WebhookError(`webhook url must be http(s), got ${url.protocol}`);
  const timeoutMs = payload.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
  const controller = new AbortController();
  const onAbort = () => controller.abort(ctx.signal.reason);
  ctx.signal.addEventListener("abort", onAbort, { once: true });
  const timer = setTimeout(() => controller.abort(new WebhookError(`webhook timed out after ${timeoutMs} ms`)), timeoutMs);
  const headers: Record<string, string> = { "content-type": "application/json", "user-agent": "tidegate-cron", ...payload.headers };
  const body = payload.body ?? JSON.stringify({ jobId: ctx.job.id, name: ctx.job.name, runId: ctx.runId, runAtMs: ctx.runAtMs });
  try {
    const response = await fetch(url, { method: "POST", headers, body, redirect: "manual", signal: controller.signal });
    const text = (await response.text()).slice(0, SNIPPET);
    if (response.status < 200 || response.status > 299) throw new WebhookError(`webhook answered HTTP ${response.status}${text ? `: ${text}` : ""}`);
    return { summary: `HTTP ${response.status}${text ? `: ${text}` : ""}` };
  } catch (error) {
    if (error instanceof WebhookError) throw error;
    if (controller.signal.aborted) throw controller.signal.reason instanceof Error ? controller.signal.reason : new WebhookError("webhook aborted");
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new WebhookError(`webhook POST ${url.origin} failed: ${cause?.code ?? cause?.message ?? (error as Error).message}`);
  } finally {
    clearTimeout(timer);
    ctx.signal.removeEventListener("abort", onAbort);
  }
}
