/**
 * Agents end to end against the real gateway process with the loopback SSE
 * test backend: two-phase `agent` with streamed events, transcript and
 * history, chat.send/abort, the CLI, and the OpenAI-compatible HTTP API on the
 * same port (with the official `openai` client).
 */
import { spawn } from "node:child_process";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GatewayClient } from "../../clients/ts/index.js";
import type { AgentEvent, ChatEvent } from "../../generated/ts/types.js";
import { tidegate } from "../../testing/cli.js";
import { type FakeOpenAi, startFakeOpenAi } from "../../testing/fake-openai.js";
import { type GatewayProcess, startGateway, TIDEGATE_BIN } from "../../testing/gateway-process.js";
import { RawClient } from "../../testing/raw-client.js";

let backend: FakeOpenAi;
let gw: GatewayProcess;
let client: GatewayClient;

beforeAll(async () => {
  backend = await startFakeOpenAi({ apiKey: "sk-fake" });
  gw = await startGateway({
    config: {
      gateway: { http: { openai: { enabled: true, maxBodyBytes: 8192 } } },
      models: backend.models([{ id: "echo", name: "Echo" }, { id: "slow" }]),
    },
    env: backend.env,
  });
  client = new GatewayClient({ url: gw.url, token: gw.token, reconnect: false });
  await client.start();
});
afterAll(async () => {
  await client?.close();
  await gw?.dispose();
  await backend?.close();
});

const env = () => ({ TIDEGATE_STATE_DIR: gw.stateDir, TIDEGATE_URL: gw.url, TIDEGATE_GATEWAY_TOKEN: gw.token });

describe("agent over the WebSocket", () => {
  it("accepts, streams agent events with a per-run seq, answers the outcome, and keeps the transcript", async () => {
    const events: AgentEvent[] = [];
    const stop = client.on("agent", (e) => e.runId === "e2e-run-1" && events.push(e));
    const result = await client.call("agent", { message: "hello gateway", idempotencyKey: "e2e-run-1" });
    stop();
    expect(result).toMatchObject({
      runId: "e2e-run-1",
      status: "ok",
      summary: "completed",
      result: { payloads: [{ text: "Echo: hello gateway" }], meta: { agentMeta: { provider: "fake", model: "echo", sessionKey: "agent:main:main" } } },
    });
    expect(result.result?.meta.agentMeta?.usage?.total).toBeGreaterThan(0);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events[0].data.phase).toBe("start");
    expect(events.at(-1)?.data.phase).toBe("end");
    expect(
      events
        .filter((e) => e.stream === "assistant")
        .map((e) => e.data.delta)
        .join(""),
    ).toBe("Echo: hello gateway");
    expect(await client.call("agent.wait", { runId: "e2e-run-1" })).toMatchObject({ status: "ok" });
    const history = await client.call("chat.history", { sessionKey: "agent:main:main" });
    expect(history.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
    // The same key is the same run: no second backend request.
    const before = backend.requests.length;
    expect((await client.call("agent", { message: "hello gateway", idempotencyKey: "e2e-run-1" })).runId).toBe("e2e-run-1");
    expect(backend.requests.length).toBe(before);
  });

  it("sends the first answer `accepted` on the same request id", async () => {
    const raw = await RawClient.open(gw.url);
    try {
      expect((await raw.connect({ token: gw.token })).ok).toBe(true);
      const id = "two-phase-request";
      raw.sendRaw(JSON.stringify({ type: "req", id, method: "agent", params: { message: "twice", idempotencyKey: "e2e-two-phase", sessionKey: "agent:main:dm:test:two" } }));
      await raw.next((f) => f.type === "res" && f.id === id && f.payload?.status === "ok");
      const answers = raw.frames.filter((f) => f.type === "res" && f.id === id).map((f) => f.payload);
      expect(answers).toEqual([{ runId: "e2e-two-phase", status: "accepted", acceptedAt: expect.any(Number) }, expect.objectContaining({ runId: "e2e-two-phase", status: "ok" })]);
    } finally {
      raw.ws.close();
    }
  });

  it("a failed run's final answer carries its outcome beside the error (v3): runId, status error, summary", async () => {
    const raw = await RawClient.open(gw.url);
    try {
      expect((await raw.connect({ token: gw.token })).ok).toBe(true);
      const id = "two-phase-failure";
      raw.sendRaw(JSON.stringify({ type: "req", id, method: "agent", params: { message: "boom", model: "fake/fail-400", idempotencyKey: "e2e-fails", sessionKey: "agent:main:dm:test:fails" } }));
      const final = await raw.next((f) => f.type === "res" && f.id === id && f.ok === false);
      expect(raw.frames.filter((f) => f.type === "res" && f.id === id).map((f) => f.payload?.status)).toEqual(["accepted", "error"]);
      expect(final.payload).toEqual({ runId: "e2e-fails", status: "error", summary: expect.stringContaining("fake failure 400") });
      expect(final.error).toMatchObject({ code: "UNAVAILABLE", message: final.payload.summary, details: { code: "MODEL_BACKEND_FAILED", runId: "e2e-fails" } });
      // The typed client hands the outcome over with the error.
      await expect(client.call("agent", { message: "boom", model: "fake/fail-400", idempotencyKey: "e2e-fails" })).rejects.toMatchObject({
        detailCode: "MODEL_BACKEND_FAILED",
        payload: { runId: "e2e-fails", status: "error", summary: final.payload.summary },
      });
    } finally {
      raw.ws.close();
    }
  });

  it("chat.send acks started, then streams chat events to the final reply", async () => {
    const chats: ChatEvent[] = [];
    const stop = client.on("chat", (e) => chats.push(e));
    expect(await client.call("chat.send", { sessionKey: "agent:main:dm:webchat:e2e", message: "hi there", idempotencyKey: "chat-1" })).toEqual({ runId: "chat-1", status: "started" });
    await expect.poll(() => chats.find((c) => c.runId === "chat-1" && c.state === "final")).toBeTruthy();
    expect(chats.find((c) => c.runId === "chat-1" && c.state === "final")?.message).toMatchObject({ role: "assistant", content: [{ type: "text", text: "Echo: hi there" }] });
    stop();
  });
});

describe("CLI", () => {
  it("tidegate agent streams the reply; --json prints the outcome", async () => {
    const human = await tidegate(["agent", "--message", "from the cli", "--session", "agent:main:dm:cli:e2e"], env());
    expect(human.stderr).toBe("");
    expect(human.code).toBe(0);
    expect(human.stdout).toBe("Echo: from the cli\n");
    const json = await tidegate(["agent", "-m", "json please", "--session", "agent:main:dm:cli:e2e", "--json"], env());
    expect(JSON.parse(json.stdout)).toMatchObject({ status: "ok", result: { payloads: [{ text: "Echo: json please" }] } });
  });

  it("tidegate agents add, list, rm; a slow agent is aborted by chat.abort", async () => {
    expect((await tidegate(["agents", "add", "Slowpoke", "--model", "fake/slow"], env())).stdout).toMatch(/^created agent slowpoke/);
    const list = await tidegate(["agents", "list"], env());
    expect(list.stdout).toMatch(/^main\s.*\(default\)$/m);
    expect(list.stdout).toMatch(/^slowpoke\s+Slowpoke/m);
    const closed = backend.closedEarly;
    const chats: ChatEvent[] = [];
    const stop = client.on("chat", (e) => e.runId === "slow-1" && chats.push(e));
    await client.call("chat.send", { sessionKey: "agent:slowpoke:main", message: "take your time", idempotencyKey: "slow-1" });
    await expect.poll(() => chats.some((c) => c.state === "delta")).toBe(true);
    expect(await client.call("chat.abort", { sessionKey: "agent:slowpoke:main" })).toEqual({ ok: true, aborted: true, runIds: ["slow-1"] });
    await expect.poll(() => chats.at(-1)?.state).toBe("aborted");
    await expect.poll(() => backend.closedEarly).toBe(closed + 1);
    stop();
    expect(await client.call("agent.wait", { runId: "slow-1" })).toMatchObject({ status: "error", error: "aborted" });
    expect((await tidegate(["agents", "rm", "slowpoke"], env())).stdout).toBe("deleted agent slowpoke\n");
  });

  it("tidegate chat answers each line of its input", async () => {
    const child = spawn(process.execPath, [TIDEGATE_BIN, "chat", "--session", "agent:main:dm:cli:chat"], { env: { ...process.env, ...env() }, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.stdin.end("first line\nsecond line\n/exit\n");
    const code = await new Promise((resolve) => child.on("close", resolve));
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toBe("Echo: first line\nEcho: second line\n");
  });

  it("models.list shows the configured models", async () => {
    expect(await client.call("models.list")).toEqual({
      models: [
        { id: "echo", name: "Echo", provider: "fake" },
        { id: "slow", name: "slow", provider: "fake" },
      ],
    });
  });
});

describe("OpenAI-compatible HTTP on the gateway port", () => {
  it("serves the official client, streaming and not", async () => {
    const openai = new OpenAI({ apiKey: gw.token, baseURL: `http://127.0.0.1:${gw.port}/v1`, maxRetries: 0 });
    const done = await openai.chat.completions.create({ model: "tidegate:main", messages: [{ role: "user", content: "over http" }] });
    expect(done.choices[0].message.content).toBe("Echo: over http");
    let text = "";
    for await (const chunk of await openai.chat.completions.create({ model: "main", messages: [{ role: "user", content: "streamed" }], stream: true })) text += chunk.choices[0]?.delta.content ?? "";
    expect(text).toBe("Echo: streamed");
    expect((await openai.models.list()).data.map((m) => m.id)).toContain("tidegate:main");
  });

  it("refuses a missing token, bad JSON, an unknown agent and a large body", async () => {
    const post = (body: string, headers: Record<string, string> = { authorization: `Bearer ${gw.token}` }) =>
      fetch(`http://127.0.0.1:${gw.port}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
    expect((await post("{}", {})).status).toBe(401);
    expect((await post("{oops")).status).toBe(400);
    const unknown = await post(JSON.stringify({ model: "tidegate:ghost", messages: [{ role: "user", content: "x" }] }));
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe("model_not_found");
    expect((await post(JSON.stringify({ model: "main", messages: [{ role: "user", content: "x".repeat(10_000) }] }))).status).toBe(413);
  });
});

describe("without a provider", () => {
  it("agent answers an error naming the config key; the HTTP API stays off by default", async () => {
    const bare = await startGateway({});
    try {
      const res = await tidegate(["agent", "--message", "hi", "--json"], { TIDEGATE_STATE_DIR: bare.stateDir, TIDEGATE_URL: bare.url, TIDEGATE_GATEWAY_TOKEN: bare.token });
      expect(res.code).toBe(1);
      const error = JSON.parse(res.stdout).error;
      expect(error).toMatchObject({ code: "UNAVAILABLE", details: { code: "MODEL_NOT_CONFIGURED" } });
      expect(error.message).toMatch(/models\.providers/);
      expect((await fetch(`http://127.0.0.1:${bare.port}/v1/models`)).status).toBe(404);
    } finally {
      await bare.dispose();
    }
  });
});
