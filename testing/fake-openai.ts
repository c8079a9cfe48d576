/**
 * Test support: a loopback server speaking the streaming Chat Completions
 * wire format, with behaviours chosen by the model id:
 *   `echo` (any other id too)  "Echo: <last user message>" in small deltas, usage, [DONE]
 *   `error-mid`                two deltas, then an error event
 *   `slow`                     a delta every 20 ms until the client goes away
 *   `fail-<status>`            answers <status> with a JSON error
 *   `flaky`                    503 on the first try of each request body, then like `echo`
 *   `stall`                    one delta, then silence (timeouts)
 *   `garbage`                  a stream event that is not JSON
 *   `tool`                     a tool call, then text
 *   `instant`                  `deltas` deltas of `x` in one write (benchmarks)
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { GatewayConfig, ModelDefinition } from "../generated/ts/types.js";

export interface FakeOpenAi {
  baseUrl: string;
  port: number;
  /** Request bodies received, oldest first. */
  requests: { model: string; messages: { role: string; content: string }[]; stream?: boolean; authorization?: string }[];
  /** Streams the client closed before they ended (aborts). */
  closedEarly: number;
  /** The gateway config's `models` section naming this server as provider `fake` (default model `echo`), its key read from `FAKE_KEY`. */
  models(list?: ModelDefinition[]): NonNullable<GatewayConfig["models"]>;
  /** The gateway environment that holds that key. */
  env: Record<string, string>;
  close(): Promise<void>;
}

const chunk = (model: string, delta: object, finish: string | null = null) =>
  `data: ${JSON.stringify({ id: "chatcmpl-fake", object: "chat.completion.chunk", created: 0, model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;

export function splitDeltas(text: string, size = 4): string[] {
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += size) parts.push(text.slice(i, i + size));
  return parts;
}

export async function startFakeOpenAi(options: { apiKey?: string; deltas?: number } = {}): Promise<FakeOpenAi> {
  const seenFlaky = new Set<string>();
  const state: FakeOpenAi = {
    baseUrl: "",
    port: 0,
    requests: [],
    closedEarly: 0,
    models: (list = [{ id: "echo" }]) => ({ providers: { fake: { baseUrl: state.baseUrl, apiKeyEnv: "FAKE_KEY", models: list } } }),
    env: { FAKE_KEY: options.apiKey ?? "unused" },
    close: async () => {},
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (d: string) => (raw += d));
    req.on("end", () => {
      if (req.url === "/v1/models") {
        res.writeHead(200, { "content-type": "application/json" });
        return res.end(JSON.stringify({ object: "list", data: [{ id: "echo", object: "model" }] }));
      }
      if (req.method !== "POST" || req.url !== "/v1/chat/completions") return fail(res, 404, "no such route");
      if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`) return fail(res, 401, "Incorrect API key provided");
      let body: FakeOpenAi["requests"][number];
      try {
        body = JSON.parse(raw);
      } catch {
        return fail(res, 400, "invalid JSON");
      }
      state.requests.push({ ...body, authorization: req.headers.authorization });
      const model = body.model;
      const last = [...body.messages].reverse().find((m) => m.role === "user")?.content ?? "";
      const status = /^fail-(\d{3})$/.exec(model);
      if (status) return fail(res, Number(status[1]), `fake failure ${status[1]}`);
      if (model === "flaky" && !seenFlaky.has(raw)) {
        seenFlaky.add(raw);
        return fail(res, 503, "try again");
      }
      if (body.stream === false || body.stream === undefined) {
        const text = `Echo: ${last}`;
        res.writeHead(200, { "content-type": "application/json" });
        return res.end(
          JSON.stringify({
            id: "chatcmpl-fake",
            object: "chat.completion",
            created: 0,
            model,
            choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" }],
            usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
          }),
        );
      }
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      let ended = false;
      res.on("close", () => {
        if (!ended) state.closedEarly++;
      });
      const finish = () => {
        ended = true;
        res.end(
          chunk(model, {}, "stop") +
            `data: ${JSON.stringify({ id: "chatcmpl-fake", object: "chat.completion.chunk", created: 0, model, choices: [], usage: { prompt_tokens: last.length, completion_tokens: 7, total_tokens: last.length + 7 } })}\n\ndata: [DONE]\n\n`,
        );
      };
      if (model === "slow") {
        res.write(chunk(model, { role: "assistant", content: "" }));
        const timer = setInterval(() => res.write(chunk(model, { content: "." })), 20);
        res.on("close", () => clearInterval(timer));
        return;
      }
      if (model === "stall") return void res.write(chunk(model, { content: "wait" }));
      if (model === "garbage") {
        ended = true;
        return res.end(chunk(model, { content: "ok" }) + "data: {not json\n\n");
      }
      if (model === "error-mid") {
        ended = true;
        return res.end(chunk(model, { content: "Hel" }) + chunk(model, { content: "lo" }) + `data: ${JSON.stringify({ error: { message: "upstream exploded", type: "server_error" } })}\n\n`);
      }
      if (model === "instant") {
        const n = options.deltas ?? 100;
        let out = "";
        for (let i = 0; i < n; i++) out += chunk(model, { content: "x" });
        res.write(out);
        return finish();
      }
      if (model === "tool") res.write(chunk(model, { tool_calls: [{ index: 0, id: "call_1", type: "function", function: { name: "lookup", arguments: '{"q":"x"}' } }] }));
      // Split across writes (and inside one event) to exercise the parser.
      const parts = splitDeltas(`Echo: ${last}`);
      res.write(chunk(model, { role: "assistant", content: "" }));
      let i = 0;
      const next = () => {
        if (res.destroyed) return;
        if (i >= parts.length) return finish();
        const text = chunk(model, { content: parts[i++] });
        const cut = Math.floor(text.length / 2);
        res.write(text.slice(0, cut));
        res.write(text.slice(cut));
        setImmediate(next);
      };
      next();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.port = (server.address() as { port: number }).port;
  state.baseUrl = `http://127.0.0.1:${state.port}/v1`;
  state.close = () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve())));
  return state;
}

function fail(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ error: { message, type: "fake_error", code: status } }));
}
