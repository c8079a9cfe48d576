import { describe, expect, it } from "vitest";
import type { AgentEvent, ChatEvent } from "../../generated/ts/types.js";
import { runFixture } from "./test-support.js";

const agentEvents = (events: ReturnType<typeof runFixture>["events"], runId: string) =>
  events.filter((e): e is { event: "agent"; payload: AgentEvent } => e.event === "agent" && e.payload.runId === runId).map((e) => e.payload);
const chatEvents = (events: ReturnType<typeof runFixture>["events"], runId: string) =>
  events.filter((e): e is { event: "chat"; payload: ChatEvent } => e.event === "chat" && e.payload.runId === runId).map((e) => e.payload);

describe("agent runs", () => {
  it("streams lifecycle and deltas with a per-run seq, and records the transcript and usage", async () => {
    const f = runFixture();
    const { run, done } = f.runs.start({ message: "hello", idempotencyKey: "k1" });
    expect(run).toMatchObject({ status: "queued", agentId: "main", sessionKey: "agent:main:main", model: "test/echo" });
    const final = await done;
    expect(final).toMatchObject({ status: "ok", text: "Echo: hello", usage: { input: 10, output: 5, total: 15 }, stopReason: "stop" });
    const events = agentEvents(f.events, run.runId);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events[0]).toMatchObject({ stream: "lifecycle", data: { phase: "start" } });
    expect(events.at(-1)).toMatchObject({ stream: "lifecycle", data: { phase: "end", status: "ok" } });
    const deltas = events.filter((e) => e.stream === "assistant").map((e) => e.data.delta);
    expect(deltas.join("")).toBe("Echo: hello");
    expect(chatEvents(f.events, run.runId).at(-1)).toMatchObject({ state: "final", message: { role: "assistant", content: [{ type: "text", text: "Echo: hello" }] } });
    const history = await f.sessions.history("agent:main:main");
    expect(history.messages.map((m) => [m.role, m.content])).toEqual([
      ["user", "hello"],
      ["assistant", "Echo: hello"],
    ]);
    expect(history.messages[1].usage).toEqual({ input: 10, output: 5, total: 15 });
    expect((await f.sessions.get("agent:main:main"))?.totalTokens).toBe(15);
  });

  it("returns the same run for the same idempotency key", async () => {
    const f = runFixture();
    const first = f.runs.start({ message: "once", idempotencyKey: "same" });
    const second = f.runs.start({ message: "once", idempotencyKey: "same" });
    expect(second.existing).toBe(true);
    expect(second.run.runId).toBe(first.run.runId);
    await first.done;
    const third = f.runs.start({ message: "once", idempotencyKey: "same" });
    expect(third.run.runId).toBe(first.run.runId);
    expect(f.backend.requests).toHaveLength(1);
  });

  it("sends the transcript as context on the next turn", async () => {
    const f = runFixture();
    await f.runs.start({ message: "one" }).done;
    await f.runs.start({ message: "two" }).done;
    expect(f.backend.requests[1].messages.map((m) => m.content)).toEqual(["one", "Echo: one", "two"]);
  });

  it("waits with a timeout, and abort stops the backend and records aborted", async () => {
    const f = runFixture({}, {});
    const { run, done } = f.runs.start({ message: "x", model: "test/hold" });
    expect(await f.runs.wait(run.runId, 30)).toBe("timeout");
    await expect.poll(() => f.runs.get(run.runId)?.status).toBe("running");
    expect(f.runs.abort(run.runId)).toBe(true);
    const final = await done;
    expect(final).toMatchObject({ status: "aborted", text: "Ech" });
    expect(f.backend.aborted).toBe(1);
    expect(await f.runs.wait(run.runId, 1000)).toMatchObject({ status: "aborted" });
    expect(chatEvents(f.events, run.runId).at(-1)?.state).toBe("aborted");
    const history = await f.sessions.history("agent:main:main");
    expect(history.messages.at(-1)).toMatchObject({ role: "assistant", content: "Ech", stopReason: "aborted" });
    await expect(f.runs.wait("nope", 10)).rejects.toMatchObject({ details: { code: "NOT_FOUND" } });
  });

  it("runs one at a time per session, queues a bounded number, and refuses beyond", async () => {
    const f = runFixture({ queueMax: 1 });
    const a = f.runs.start({ message: "a", model: "test/hold" });
    const b = f.runs.start({ message: "b" });
    expect(() => f.runs.start({ message: "c" })).toThrow(expect.objectContaining({ code: "UNAVAILABLE", details: expect.objectContaining({ code: "SESSION_QUEUE_FULL" }) }));
    const other = await f.runs.start({ message: "elsewhere", sessionKey: "agent:main:other" }).done;
    expect(other.status).toBe("ok");
    await expect.poll(() => f.runs.get(a.run.runId)?.status).toBe("running");
    expect(f.runs.get(b.run.runId)?.status).toBe("queued");
    f.backend.release();
    expect((await a.done).status).toBe("ok");
    expect((await b.done).status).toBe("ok");
    const starts = f.events
      .filter((e) => e.event === "agent" && e.payload.stream === "lifecycle")
      .map((e) => `${e.payload.runId === a.run.runId ? "a" : e.payload.runId === b.run.runId ? "b" : "o"}:${(e.payload as AgentEvent).data.phase}`);
    expect(starts.filter((s) => !s.startsWith("o"))).toEqual(["a:start", "a:end", "b:start", "b:end"]);
  });

  it("aborting a queued run ends it without calling the backend", async () => {
    const f = runFixture();
    const a = f.runs.start({ message: "a", model: "test/hold" });
    const b = f.runs.start({ message: "b" });
    await expect.poll(() => f.backend.requests.length).toBe(1);
    expect(f.runs.abortSession("agent:main:main").sort()).toEqual([a.run.runId, b.run.runId].sort());
    expect((await b.done).status).toBe("aborted");
    expect((await a.done).status).toBe("aborted");
    expect(f.backend.requests).toHaveLength(1);
  });

  it("times a run out", async () => {
    const f = runFixture();
    const final = await f.runs.start({ message: "x", model: "test/hold", timeoutMs: 50 }).done;
    expect(final.status).toBe("timeout");
    expect(final.error).toMatch(/exceeded 50 ms/);
  });

  it("records a backend failure", async () => {
    const f = runFixture();
    const { run, done } = f.runs.start({ message: "x", model: "test/boom" });
    expect(await done).toMatchObject({ status: "error", error: "backend exploded" });
    expect(agentEvents(f.events, run.runId).at(-1)).toMatchObject({ stream: "lifecycle", data: { phase: "error", error: "backend exploded" } });
    expect(chatEvents(f.events, run.runId).at(-1)).toMatchObject({ state: "error", errorMessage: "backend exploded" });
  });

  it("names the config key when no provider is configured, and refuses unknown agents", () => {
    const f = runFixture({}, { providers: false });
    expect(() => f.runs.start({ message: "x" })).toThrow(expect.objectContaining({ details: { code: "MODEL_NOT_CONFIGURED" }, message: expect.stringMatching(/set models\.providers/) }));
    const g = runFixture();
    expect(() => g.runs.start({ message: "x", agentId: "ghost" })).toThrow(expect.objectContaining({ details: expect.objectContaining({ code: "NOT_FOUND" }) }));
  });

  it("applies an agent's model change to the next run", async () => {
    const f = runFixture();
    f.agents.update("main", { model: "test/other-model" });
    await f.runs.start({ message: "x" }).done;
    expect(f.backend.requests[0].model).toBe("other-model");
  });
});

describe("file sessions adapter", () => {
  it("reads back transcripts and usage from disk in a new instance", async () => {
    const f = runFixture();
    await f.runs.start({ message: "persist me" }).done;
    (f.sessions as import("./session-port.js").FileSessions).flush();
    const { FileSessions } = await import("./session-port.js");
    const again = new FileSessions(f.stateDir);
    expect((await again.history("agent:main:main")).messages.map((m) => m.content)).toEqual(["persist me", "Echo: persist me"]);
    expect((await again.get("agent:main:main"))?.totalTokens).toBe(15);
  });
});

describe("run options", () => {
  it("ephemeral runs keep no transcript; a system prompt goes first", async () => {
    const f = runFixture();
    const final = await f.runs.start({ message: "q", sessionKey: "agent:main:http-1", ephemeral: true, systemPrompt: "be terse" }).done;
    expect(final.status).toBe("ok");
    expect(f.backend.requests[0].messages).toEqual([
      { role: "system", content: "be terse" },
      { role: "user", content: "q" },
    ]);
    expect(await f.sessions.get("agent:main:http-1")).toBeUndefined();
  });

  it("forgets the oldest finished runs beyond retainMax", async () => {
    let now = 1_000_000;
    const f = runFixture({ retainMax: 2 });
    (f.runs as unknown as { now: () => number }).now = () => now;
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      now += 2000;
      const { run, done } = f.runs.start({ message: String(i), sessionKey: `agent:main:s${i}` });
      ids.push(run.runId);
      await done;
    }
    now += 2000;
    f.runs.start({ message: "last", sessionKey: "agent:main:last" });
    expect(ids.map((id) => f.runs.get(id) !== undefined)).toEqual([false, false, true, true]);
  });
});
