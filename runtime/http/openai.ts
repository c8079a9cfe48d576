/**
 * The OpenAI-compatible HTTP API on the gateway's port (off by default):
 *   POST /v1/chat/completions   streaming (SSE, `data: [DONE]`) and not
 *   GET  /v1/models             the agents, as `tidegate:<agentId>`
 * `Authorization: Bearer <gateway token or password>` is checked first (in
 * constant time, failures counted by the brute-force limiter), before the body
 * is read; bodies over the cap get 413. `model` names the agent:
 * `tidegate:<agentId>`, `tidegate` (the default agent) or a bare agent id.
 * A request's `user` keeps a session (and transcript) per user; otherwise each
 * request is a run of its own with no transcript (the request carries the
 * conversation). A client that goes away aborts its run.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AgentRuns, RunSnapshot } from "../agents/runs.js";
import { type AuthRateLimiter, addressKey } from "../auth/rate-limiter.js";
import { secretsEqual } from "../auth/secret.js";
import type { BackendMessage } from "../backends/types.js";
import { GatewayError } from "../errors.js";
import { type HttpRoute, readBody } from "./route.js";

export const MODEL_PREFIX = "tidegate:";
export const DEFAULT_MAX_BODY = 1024 * 1024;

export interface OpenAiRouteDeps {
  /** The gateway's shared secrets; `mode: none` lets every loopback caller in. */
  auth: () => { mode: "token" | "password" | "none"; token?: string; password?: string };
  limiter: AuthRateLimiter;
  runs: Pick<AgentRuns, "start" | "follow" | "abort">;
  agents: { list(): { id: string; name?: string }[]; get(id: string): { id: string } | undefined; defaultId(): string };
  maxBodyBytes?: number;
  now?: () => number;
}

type ErrorType = "invalid_request_error" | "authentication_error" | "rate_limit_error" | "api_error" | "not_found_error";

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return void res.end();
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": String(Buffer.byteLength(text)), "cache-control": "no-store", ...headers });
  res.end(text);
}

function fail(res: ServerResponse, status: number, type: ErrorType, message: string, code?: string, headers: Record<string, string> = {}): void {
  send(res, status, { error: { message, type, param: null, code: code ?? null } }, headers);
}

/** Text of an OpenAI message content: a string or a list of parts. */
function textOf(content: unknown): string | undefined {
  if (typeof content === "string") return content;
  if (content === null) return "";
  if (!Array.isArray(content)) return undefined;
  const parts: string[] = [];
  for (const part of content) {
    if (part && typeof part === "object" && (part as { type?: unknown }).type === "text" && typeof (part as { text?: unknown }).text === "string") parts.push((part as { text: string }).text);
    else return undefined;
  }
  return parts.join("\n");
}

interface ParsedRequest {
  agentId: string;
  model: string;
  stream: boolean;
  includeUsage: boolean;
  messages: BackendMessage[];
  message: string;
  user?: string;
}

function parseRequest(raw: unknown, deps: OpenAiRouteDeps): ParsedRequest | { status: number; type: ErrorType; message: string; code?: string } {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return { status: 400, type: "invalid_request_error", message: "the body must be a JSON object" };
  const body = raw as Record<string, unknown>;
  if (typeof body.model !== "string" || !body.model) return { status: 400, type: "invalid_request_error", message: "`model` is required: `tidegate:<agentId>` or an agent id", code: "missing_model" };
  const name = body.model.startsWith(MODEL_PREFIX) ? body.model.slice(MODEL_PREFIX.length) : body.model === "tidegate" ? deps.agents.defaultId() : body.model;
  if (!deps.agents.get(name)) {
    const known = deps.agents
      .list()
      .map((a) => MODEL_PREFIX + a.id)
      .join(", ");
    return { status: 404, type: "not_found_error", message: `unknown agent '${body.model}'; this gateway serves: ${known}`, code: "model_not_found" };
  }
  if (!Array.isArray(body.messages) || body.messages.length === 0) return { status: 400, type: "invalid_request_error", message: "`messages` must be a non-empty array", code: "invalid_messages" };
  const messages: BackendMessage[] = [];
  for (const [i, m] of body.messages.entries()) {
    const role = (m as { role?: unknown })?.role;
    const text = textOf((m as { content?: unknown })?.content);
    if (role !== "system" && role !== "user" && role !== "assistant" && role !== "developer" && role !== "tool")
      return { status: 400, type: "invalid_request_error", message: `messages[${i}].role must be system, developer, user, assistant or tool`, code: "invalid_messages" };
    if (text === undefined) return { status: 400, type: "invalid_request_error", message: `messages[${i}].content must be a string or a list of text parts`, code: "invalid_messages" };
    messages.push({ role: role === "developer" ? "system" : role, content: text });
  }
  const last = [...messages].reverse().find((m) => m.role === "user");
  if (!last) return { status: 400, type: "invalid_request_error", message: "`messages` has no user message", code: "invalid_messages" };
  const options = body.stream_options as { include_usage?: unknown } | undefined;
  return {
    agentId: name,
    model: body.model,
    stream: body.stream === true,
    includeUsage: options?.include_usage === true,
    messages,
    message: last.content,
    user: typeof body.user === "string" && body.user ? body.user.slice(0, 128) : undefined,
  };
}

function usageOf(run: RunSnapshot) {
  const u = run.usage ?? { input: 0, output: 0, total: 0 };
  return { prompt_tokens: u.input, completion_tokens: u.output, total_tokens: u.total };
}

const finishReason = (run: RunSnapshot) => (run.stopReason === "length" ? "length" : run.stopReason === "tool_calls" ? "tool_calls" : "stop");

export function openAiRoute(deps: OpenAiRouteDeps): HttpRoute {
  const maxBody = deps.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const now = deps.now ?? Date.now;

  /** True when the caller presented the gateway's secret; answers 401/429 itself otherwise. */
  function authorize(req: IncomingMessage, res: ServerResponse): boolean {
    const address = req.socket.remoteAddress ?? "unknown";
    const wait = deps.limiter.retryAfter(address);
    if (wait > 0) {
      fail(res, 429, "rate_limit_error", "too many failed authentication attempts; try again later", "auth_rate_limited", { "retry-after": String(Math.ceil(wait / 1000)) });
      return false;
    }
    const auth = deps.auth();
    if (auth.mode === "none") return true;
    const header = req.headers.authorization ?? "";
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match) {
      fail(res, 401, "authentication_error", "missing `Authorization: Bearer <gateway token or password>`", "missing_api_key", { "www-authenticate": "Bearer" });
      return false;
    }
    const presented = match[1].trim();
    // Either configured secret is accepted; both comparisons always run (constant time).
    const byToken = auth.token !== undefined && secretsEqual(presented, auth.token);
    const byPassword = auth.password !== undefined && secretsEqual(presented, auth.password);
    const ok = byToken || byPassword;
    if (!ok) {
      deps.limiter.fail(addressKey(address), "shared");
      fail(res, 401, "authentication_error", "invalid gateway token or password", "invalid_api_key", { "www-authenticate": "Bearer" });
      return false;
    }
    return true;
  }

  function models(res: ServerResponse): void {
    const created = Math.floor(now() / 1000);
    send(res, 200, { object: "list", data: deps.agents.list().map((a) => ({ id: MODEL_PREFIX + a.id, object: "model", created, owned_by: "tidegate" })) });
  }

  async function completions(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req, res, maxBody, () =>
      fail(res, 413, "invalid_request_error", `request body larger than ${maxBody} bytes (gateway.http.openai.maxBodyBytes)`, "request_too_large", { connection: "close" }),
    );
    if (!raw) return;
    let json: unknown;
    try {
      json = JSON.parse(raw.toString("utf8"));
    } catch {
      return fail(res, 400, "invalid_request_error", "the body is not valid JSON", "invalid_json");
    }
    const parsed = parseRequest(json, deps);
    if ("status" in parsed) return fail(res, parsed.status, parsed.type, parsed.message, parsed.code);
    // A DM session on the `openai` channel: one per API `user`, else one per request.
    const peer = parsed.user ? parsed.user.replace(/[\s:\u0000-\u001f\u007f]/g, "_").slice(0, 200) : randomUUID();
    const sessionKey = `agent:${parsed.agentId}:dm:openai:${peer}`;
    let started;
    try {
      started = deps.runs.start({ message: parsed.message, agentId: parsed.agentId, sessionKey, context: parsed.messages, ephemeral: !parsed.user });
    } catch (error) {
      const failure = GatewayError.from(error);
      const code = failure.details.code;
      if (code === "SESSION_QUEUE_FULL") return fail(res, 429, "rate_limit_error", failure.message, "session_busy");
      if (code === "MODEL_NOT_CONFIGURED") return fail(res, 503, "api_error", failure.message, "model_not_configured");
      if (code === "NOT_FOUND") return fail(res, 404, "not_found_error", failure.message, "model_not_found");
      return fail(res, 500, "api_error", failure.message);
    }
    const { runId } = started.run;
    const id = `chatcmpl-${runId}`;
    const created = Math.floor(now() / 1000);
    let finished = false;
    res.on("close", () => {
      if (!finished) deps.runs.abort(runId);
    });

    if (!parsed.stream) {
      const run = await started.done;
      finished = true;
      if (run.status !== "ok") return fail(res, run.status === "timeout" ? 504 : 502, "api_error", run.error ?? `run ${run.status}`, run.status);
      return send(res, 200, {
        id,
        object: "chat.completion",
        created,
        model: parsed.model,
        choices: [{ index: 0, message: { role: "assistant", content: run.text }, finish_reason: finishReason(run) }],
        usage: usageOf(run),
      });
    }

    res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", connection: "keep-alive", "x-accel-buffering": "no" });
    const chunk = (delta: object, finish: string | null = null) =>
      `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: parsed.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    res.write(chunk({ role: "assistant", content: "" }));
    deps.runs.follow(runId, (event) => {
      if (res.destroyed) return;
      if (event.type === "delta") return void res.write(chunk({ content: event.delta }));
      finished = true;
      const run = event.run;
      let tail = "";
      if (run.status === "ok") tail += chunk({}, finishReason(run));
      else tail += `data: ${JSON.stringify({ error: { message: run.error ?? `run ${run.status}`, type: "api_error", code: run.status } })}\n\n`;
      if (parsed.includeUsage && run.status === "ok") tail += `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: parsed.model, choices: [], usage: usageOf(run) })}\n\n`;
      res.end(tail + "data: [DONE]\n\n");
    });
  }

  return (req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path !== "/v1/chat/completions" && path !== "/v1/models" && !path.startsWith("/v1/models/")) return false;
    if (!authorize(req, res)) {
      req.resume();
      return true;
    }
    if (path === "/v1/chat/completions") {
      if (req.method !== "POST") fail(res, 405, "invalid_request_error", "use POST", "method_not_allowed", { allow: "POST" });
      else void completions(req, res).catch((error) => fail(res, 500, "api_error", GatewayError.from(error).message));
      return true;
    }
    if (req.method !== "GET") {
      fail(res, 405, "invalid_request_error", "use GET", "method_not_allowed", { allow: "GET" });
      return true;
    }
    if (path === "/v1/models") models(res);
    else {
      const name = decodeURIComponent(path.slice("/v1/models/".length));
      const agent = deps.agents.get(name.startsWith(MODEL_PREFIX) ? name.slice(MODEL_PREFIX.length) : name);
      if (!agent) fail(res, 404, "not_found_error", `unknown model '${name}'`, "model_not_found");
      else send(res, 200, { id: MODEL_PREFIX + agent.id, object: "model", created: Math.floor(now() / 1000), owned_by: "tidegate" });
    }
    return true;
  };
}
