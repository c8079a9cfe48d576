import { createServer, request, type Server } from "node:http";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runFixture } from "../agents/test-support.js";
import { AuthRateLimiter } from "../auth/rate-limiter.js";
import { openAiRoute } from "./openai.js";

const TOKEN = "gw-secret";
let server: Server;
let base: string;
const fixture = runFixture({ queueMax: 0 });
const limiter = new AuthRateLimiter({ maxFailures: 3, windowMs: 60_000, lockoutMs: 60_000, maxTrackedAddresses: 100 });

beforeAll(async () => {
  fixture.agents.create({ name: "Research", workspace: "/tmp/tidegate-research" });
  const route = openAiRoute({ auth: () => ({ mode: "token", token: TOKEN }), limiter, runs: fixture.runs, agents: fixture.agents, maxBodyBytes: 4096 });
  server = createServer((req, res) => {
    if (!route(req, res)) res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((resolve) => (server.close(() => resolve()), server.closeAllConnections())));

function raw(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<{ status: number; body: any; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(base + path, { method, headers: { "content-type": "application/json", ...headers } }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : undefined, headers: res.headers }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const auth = { authorization: `Bearer ${TOKEN}` };

describe("OpenAI-compatible HTTP API", () => {
  it("answers the official client, not streaming", async () => {
    const client = new OpenAI({ apiKey: TOKEN, baseURL: `${base}/v1`, maxRetries: 0 });
    const completion = await client.chat.completions.create({
      model: "tidegate:main",
      messages: [
        { role: "system", content: "be brief" },
        { role: "user", content: "hello" },
      ],
    });
    expect(completion.object).toBe("chat.completion");
    expect(completion.choices[0].message.content).toBe("Echo: hello");
    expect(completion.choices[0].finish_reason).toBe("stop");
    expect(completion.usage).toEqual({ prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 });
    expect(fixture.backend.requests.at(-1)!.messages).toEqual([
      { role: "system", content: "be brief" },
      { role: "user", content: "hello" },
    ]);
  });

  it("streams to the official client", async () => {
    const client = new OpenAI({ apiKey: TOKEN, baseURL: `${base}/v1`, maxRetries: 0 });
    const stream = await client.chat.completions.create({ model: "research", messages: [{ role: "user", content: "stream please" }], stream: true, stream_options: { include_usage: true } });
    const deltas: string[] = [];
    let finish: string | null = null;
    let usage;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      if (choice?.delta.content) deltas.push(choice.delta.content);
      if (choice?.finish_reason) finish = choice.finish_reason;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join("")).toBe("Echo: stream please");
    expect(finish).toBe("stop");
    expect(usage).toEqual({ prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 });
  });

  it("lists agents as models", async () => {
    const client = new OpenAI({ apiKey: TOKEN, baseURL: `${base}/v1`, maxRetries: 0 });
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toEqual(["tidegate:main", "tidegate:research"]);
  });

  it("refuses missing and wrong credentials before reading the body, then locks the address out", async () => {
    const none = await raw("POST", "/v1/chat/completions", "{}");
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe("missing_api_key");
    for (let i = 0; i < 3; i++) expect((await raw("GET", "/v1/models", undefined, { authorization: "Bearer nope" })).status).toBe(401);
    const locked = await raw("GET", "/v1/models", undefined, { authorization: "Bearer nope" });
    expect(locked.status).toBe(401); // the failure that triggers the lockout
    const after = await raw("GET", "/v1/models", undefined, auth);
    expect(after.status).toBe(429);
    expect(after.headers["retry-after"]).toBeDefined();
  });
});

describe("OpenAI-compatible HTTP API errors", () => {
  let errBase: string;
  let errServer: Server;
  beforeAll(async () => {
    const route = openAiRoute({ auth: () => ({ mode: "token", token: TOKEN }), limiter: new AuthRateLimiter(), runs: fixture.runs, agents: fixture.agents, maxBodyBytes: 4096 });
    errServer = createServer((req, res) => void (route(req, res) || res.writeHead(404).end()));
    await new Promise<void>((resolve) => errServer.listen(0, "127.0.0.1", resolve));
    errBase = `http://127.0.0.1:${(errServer.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => (errServer.close(() => resolve()), errServer.closeAllConnections())));
  const call = (body: string, headers = auth) => {
    base = errBase;
    return raw("POST", "/v1/chat/completions", body, headers);
  };

  it("answers 400 for bad JSON and bad messages, 404 for an unknown agent, 413 for a large body", async () => {
    expect(await call("{not json")).toMatchObject({ status: 400, body: { error: { code: "invalid_json" } } });
    expect(await call(JSON.stringify({ model: "tidegate:main", messages: [] }))).toMatchObject({ status: 400, body: { error: { code: "invalid_messages" } } });
    expect(await call(JSON.stringify({ model: "tidegate:main", messages: [{ role: "wizard", content: "x" }] }))).toMatchObject({ status: 400 });
    const unknown = await call(JSON.stringify({ model: "tidegate:ghost", messages: [{ role: "user", content: "x" }] }));
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: "model_not_found" } } });
    expect(unknown.body.error.message).toMatch(/tidegate:main, tidegate:research/);
    expect((await call(JSON.stringify({ model: "main", messages: [{ role: "user", content: "x".repeat(5000) }] }))).status).toBe(413);
    expect((await raw("GET", "/v1/chat/completions", undefined, auth)).status).toBe(405);
  });

  it("reports a failed run as a 502 and a busy session as 429", async () => {
    const failed = await call(JSON.stringify({ model: "main", messages: [{ role: "user", content: "x" }], user: "u1" }));
    expect(failed.status).toBe(200);
    fixture.agents.update("main", { model: "test/boom" });
    const boom = await call(JSON.stringify({ model: "main", messages: [{ role: "user", content: "x" }] }));
    expect(boom).toMatchObject({ status: 502, body: { error: { message: "backend exploded" } } });
    fixture.agents.update("main", { model: "test/hold" });
    const held = call(JSON.stringify({ model: "main", messages: [{ role: "user", content: "x" }], user: "same" }));
    await expect.poll(() => fixture.runs.active().length).toBe(1);
    const busy = await call(JSON.stringify({ model: "main", messages: [{ role: "user", content: "y" }], user: "same" }));
    expect(busy).toMatchObject({ status: 429, body: { error: { code: "session_busy" } } });
    fixture.backend.release();
    expect((await held).status).toBe(200);
    fixture.agents.update("main", { model: "test/echo" });
  });

  it("aborts the run when the client goes away", async () => {
    fixture.agents.update("main", { model: "test/hold" });
    const before = fixture.backend.aborted;
    const controller = new AbortController();
    const client = new OpenAI({ apiKey: TOKEN, baseURL: `${errBase}/v1`, maxRetries: 0 });
    const stream = await client.chat.completions.create({ model: "main", messages: [{ role: "user", content: "long" }], stream: true }, { signal: controller.signal });
    const seen: string[] = [];
    try {
      for await (const chunk of stream) {
        if (chunk.choices[0]?.delta.content) seen.push(chunk.choices[0].delta.content);
        if (seen.length === 1) controller.abort();
      }
    } catch {
      // the client reports its own abort (or just stops)
    }
    expect(seen).toEqual(["Ech"]);
    await expect.poll(() => fixture.backend.aborted).toBe(before + 1);
    fixture.agents.update("main", { model: "test/echo" });
  });
});
