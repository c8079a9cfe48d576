import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeOpenAi, startFakeOpenAi } from "../../testing/fake-openai.js";
import { freePort } from "../../testing/gateway-process.js";
import { OpenAiChatBackend } from "./openai-chat.js";
import { type BackendChunk, BackendError } from "./types.js";

let server: FakeOpenAi;
beforeAll(async () => (server = await startFakeOpenAi({ apiKey: "sk-test" })));
afterAll(() => server.close());

const backend = (extra: Partial<ConstructorParameters<typeof OpenAiChatBackend>[0]> = {}) =>
  new OpenAiChatBackend({ provider: "fake", baseUrl: server.baseUrl, apiKey: "sk-test", retryBaseMs: 1, ...extra });

async function collect(model: string, b = backend(), signal = new AbortController().signal) {
  const chunks: BackendChunk[] = [];
  try {
    for await (const c of b.stream({ model, messages: [{ role: "user", content: "hi there" }], signal })) chunks.push(c);
    return { chunks, text: chunks.map((c) => (c.type === "text" ? c.delta : "")).join("") };
  } catch (error) {
    return { chunks, error: error as BackendError, text: "" };
  }
}

describe("OpenAI-compatible chat backend", () => {
  it("streams deltas, usage and the end", async () => {
    const { text, chunks, error } = await collect("echo");
    expect(error).toBeUndefined();
    expect(text).toBe("Echo: hi there");
    expect(chunks.filter((c) => c.type === "text").length).toBeGreaterThan(1);
    expect(chunks).toContainEqual({ type: "usage", usage: { input: 8, output: 7, total: 15 } });
    expect(chunks).toContainEqual({ type: "done", finishReason: "stop" });
    const sent = server.requests.at(-1)!;
    expect(sent).toMatchObject({ model: "echo", stream: true, authorization: "Bearer sk-test" });
  });

  it("reports tool calls", async () => {
    const { chunks } = await collect("tool");
    expect(chunks[0]).toEqual({ type: "tool", id: "call_1", name: "lookup", arguments: '{"q":"x"}' });
  });

  it("retries a 503 and then succeeds", async () => {
    const before = server.requests.length;
    const { text, error } = await collect("flaky");
    expect(error).toBeUndefined();
    expect(text).toBe("Echo: hi there");
    expect(server.requests.length - before).toBe(2);
  });

  it("gives up on 500 after the retries, and does not retry 401/404", async () => {
    let before = server.requests.length;
    const five = await collect("fail-500", backend({ maxRetries: 2 }));
    expect(five.error).toMatchObject({ kind: "server", status: 500 });
    expect(server.requests.length - before).toBe(3);
    before = server.requests.length;
    const auth = await collect("echo", backend({ apiKey: "wrong" }));
    expect(auth.error?.kind).toBe("auth");
    expect(auth.error?.message).toMatch(/Incorrect API key.*models\.providers\.fake\.apiKey/);
    const missing = await collect("fail-404");
    expect(missing.error?.kind).toBe("not_found");
    expect(missing.error?.message).toMatch(/baseUrl/);
    expect(server.requests.length - before).toBe(1); // the 401 is refused before it is recorded
  });

  it("fails on an error mid-stream after the first deltas", async () => {
    const { chunks, error } = await collect("error-mid");
    expect(chunks.filter((c) => c.type === "text").map((c) => (c as { delta: string }).delta)).toEqual(["Hel", "lo"]);
    expect(error).toBeInstanceOf(BackendError);
    expect(error?.kind).toBe("failed");
    expect(error?.message).toMatch(/upstream exploded/);
  });

  it("fails on a payload that is not JSON", async () => {
    const { error } = await collect("garbage");
    expect(error?.kind).toBe("bad_response");
  });

  it("stops the request on abort", async () => {
    const controller = new AbortController();
    const before = server.closedEarly;
    const chunks: BackendChunk[] = [];
    let failure: BackendError | undefined;
    try {
      for await (const c of backend().stream({ model: "slow", messages: [{ role: "user", content: "go" }], signal: controller.signal })) {
        chunks.push(c);
        if (chunks.length === 3) controller.abort();
      }
    } catch (error) {
      failure = error as BackendError;
    }
    expect(failure?.kind).toBe("aborted");
    await expect.poll(() => server.closedEarly).toBe(before + 1);
  });

  it("times out a stalled stream", async () => {
    const { error, chunks } = await collect("stall", backend({ timeoutMs: 200 }));
    expect(chunks).toEqual([{ type: "text", delta: "wait" }]);
    expect(error?.kind).toBe("timeout");
  });

  it("names the address it cannot reach", async () => {
    const port = await freePort();
    const { error } = await collect("echo", new OpenAiChatBackend({ provider: "down", baseUrl: `http://127.0.0.1:${port}/v1`, maxRetries: 0 }));
    expect(error?.kind).toBe("network");
    expect(error?.message).toMatch(/ECONNREFUSED/);
  });
});
