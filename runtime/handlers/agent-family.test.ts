import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { AgentEvent, ChatEvent, GatewayConfig } from "../../generated/ts/types.js";
import { validate } from "../../generated/ts/validators.js";
import { AgentService } from "../agents/service.js";
import { ScriptedBackend } from "../agents/test-support.js";
import type { GatewayInfo } from "../services.js";
import { agentHandlers } from "./agent.js";
import { agentsHandlers } from "./agents.js";
import { chatHandlers } from "./chat.js";
import type { CallContext } from "./context.js";
import { modelsHandlers } from "./models.js";

const ctx = (extra: Partial<CallContext> = {}): CallContext => ({
  caller: { connId: "c1", role: "operator", scopes: ["operator.admin"], isLocal: true, hasScope: () => true },
  signal: new AbortController().signal,
  ...extra,
});

function family(config: GatewayConfig = { models: { providers: { test: { api: "command", command: "/bin/false", models: [{ id: "echo", name: "Echo" }] } } } }) {
  const stateDir = mkdtempSync(join(tmpdir(), "tidegate-family-"));
  const backend = new ScriptedBackend();
  const events: { agent: AgentEvent[]; chat: ChatEvent[] } = { agent: [], chat: [] };
  const agents = new AgentService({
    stateDir,
    config: () => config,
    emit: { agent: (p) => events.agent.push(p), chat: (p) => events.chat.push(p) },
    backends: config.models ? { test: backend } : {},
    settings: { chatDeltaIntervalMs: 0 },
  });
  const info: GatewayInfo = { version: "test", stateDir, configPath: join(stateDir, "tidegate.json"), startedAt: 0, port: 0 };
  const services = { agents, info };
  const h = { ...agentHandlers(services), ...agentsHandlers(services), ...chatHandlers(services), ...modelsHandlers(services) };
  return { h, agents, backend, events, stateDir };
}

const ok = (schema: string, value: unknown) => {
  const checked = validate(schema as never, value);
  if (!checked.ok) throw new Error(`${schema}: ${checked.message}`);
  return value;
};

describe("agent handlers", () => {
  it("answers accepted, then the outcome; agent.wait reports it", async () => {
    const f = family();
    const interim: unknown[] = [];
    const final = await f.h.agent({ message: "hi", idempotencyKey: "run-a" }, ctx({ accept: (p) => void interim.push(p) }));
    expect(interim).toEqual([{ runId: "run-a", status: "accepted", acceptedAt: expect.any(Number) }]);
    ok("AgentRunResult", interim[0]);
    ok("AgentRunResult", final);
    expect(final).toMatchObject({
      runId: "run-a",
      status: "ok",
      summary: "completed",
      result: { payloads: [{ text: "Echo: hi" }], meta: { agentMeta: { sessionKey: "agent:main:main", provider: "test", model: "echo", usage: { total: 15 } } } },
    });
    const waited = await f.h["agent.wait"]({ runId: "run-a" }, ctx());
    ok("AgentWaitResult", waited);
    expect(waited).toMatchObject({ runId: "run-a", status: "ok", startedAt: expect.any(Number), endedAt: expect.any(Number) });
    const again = await f.h.agent({ message: "hi", idempotencyKey: "run-a" }, ctx());
    expect(again.runId).toBe("run-a");
    expect(f.backend.requests).toHaveLength(1);
    for (const e of f.events.agent) ok("AgentEvent", e);
  });

  it("agent.wait answers status timeout while running, and error for an aborted run", async () => {
    const f = family();
    const pending = f.h.agent({ message: "x", model: "test/hold", idempotencyKey: "slow" }, ctx());
    expect(await f.h["agent.wait"]({ runId: "slow", timeoutMs: 20 }, ctx())).toEqual({ runId: "slow", status: "timeout" });
    await expect.poll(() => f.backend.requests.length).toBe(1);
    expect(await f.h["chat.abort"]({ sessionKey: "agent:main:main", runId: "slow" }, ctx())).toEqual({ ok: true, aborted: true, runIds: ["slow"] });
    expect(await pending).toMatchObject({ status: "aborted", summary: "aborted", result: { payloads: [{ text: "Ech" }], meta: { aborted: true } } });
    expect(await f.h["agent.wait"]({ runId: "slow" }, ctx())).toMatchObject({ status: "error", error: "aborted" });
  });

  it("a failed run answers UNAVAILABLE with its outcome as payload; no provider names the config key", async () => {
    const f = family();
    await expect(f.h.agent({ message: "x", model: "test/boom", idempotencyKey: "b" }, ctx())).rejects.toMatchObject({
      code: "UNAVAILABLE",
      details: { code: "MODEL_BACKEND_FAILED", runId: "b" },
      message: "backend exploded",
      // v3's final answer of a failed run: the outcome travels as the frame's payload beside the error.
      payload: { runId: "b", status: "error", summary: "backend exploded" },
    });
    const none = family({});
    await expect(none.h.agent({ message: "x", idempotencyKey: "n" }, ctx())).rejects.toMatchObject({
      code: "UNAVAILABLE",
      details: { code: "MODEL_NOT_CONFIGURED" },
      message: expect.stringMatching(/models\.providers/),
    });
    expect(await none.h["models.list"]({}, ctx())).toEqual({ models: [] });
  });
});

describe("chat handlers", () => {
  it("acks started, streams chat events, keeps history with paging, repeats say in_flight or the outcome", async () => {
    const f = family();
    const ack = f.h["chat.send"]({ sessionKey: "agent:main:main", message: "one", idempotencyKey: "c1" }, ctx());
    expect(ack).toEqual({ runId: "c1", status: "started" });
    ok("ChatSendResult", ack);
    expect(f.h["chat.send"]({ sessionKey: "agent:main:main", message: "one", idempotencyKey: "c1" }, ctx())).toEqual({ runId: "c1", status: "in_flight" });
    await f.agents.runs.wait("c1", 5000);
    expect(f.h["chat.send"]({ sessionKey: "agent:main:main", message: "one", idempotencyKey: "c1" }, ctx())).toEqual({ runId: "c1", status: "ok" });
    const states = f.events.chat.filter((e) => e.runId === "c1").map((e) => e.state);
    expect(states.at(-1)).toBe("final");
    expect(states.slice(0, -1).every((s) => s === "delta")).toBe(true);
    for (const e of f.events.chat) ok("ChatEvent", e);
    for (const k of ["c2", "c3"]) {
      f.h["chat.send"]({ sessionKey: "agent:main:main", message: k, idempotencyKey: k }, ctx());
      await f.agents.runs.wait(k, 5000);
    }
    const last = await f.h["chat.history"]({ sessionKey: "agent:main:main", limit: 4 }, ctx());
    ok("ChatHistoryResult", last);
    expect(last.messages.map((m) => (m.content as { text: string }[])[0].text)).toEqual(["c2", "Echo: c2", "c3", "Echo: c3"]);
    expect(last.nextBefore).toBe(2);
    const older = await f.h["chat.history"]({ sessionKey: "agent:main:main", limit: 4, before: last.nextBefore }, ctx());
    expect(older.messages.map((m) => m.role)).toEqual(["user", "assistant"]);
    expect(older.nextBefore).toBeUndefined();
    expect(await f.h["chat.history"]({ sessionKey: "agent:main:dm:test:nobody" }, ctx())).toEqual({ sessionKey: "agent:main:dm:test:nobody", messages: [] });
    await expect(async () => f.h["chat.history"]({ sessionKey: "agent:main:no thing" }, ctx())).rejects.toMatchObject({
      code: "INVALID_REQUEST",
      details: { code: "INVALID_PARAMS", field: "sessionKey" },
    });
    expect(await f.h["chat.abort"]({ sessionKey: "agent:main:main" }, ctx())).toEqual({ ok: true, aborted: false, runIds: [] });
  });
});

describe("agents and models handlers", () => {
  it("creates, lists, updates, deletes agents and their files", async () => {
    const f = family();
    const ws = join(f.stateDir, "research-ws");
    expect(await f.h["agents.create"]({ name: "Research", workspace: ws, emoji: "🔬" }, ctx())).toEqual({ ok: true, agentId: "research", name: "Research", workspace: ws });
    const list = await f.h["agents.list"]({}, ctx());
    ok("AgentsListResult", list);
    expect(list).toEqual({ defaultId: "main", mainKey: "main", scope: "per-sender", agents: [{ id: "main" }, { id: "research", name: "Research", identity: { name: "Research", emoji: "🔬" } }] });
    expect(await f.h["agents.update"]({ agentId: "research", model: "test/echo" }, ctx())).toEqual({ ok: true, agentId: "research" });
    const set = await f.h["agents.files.set"]({ agentId: "research", name: "AGENTS.md", content: "# probe" }, ctx());
    ok("AgentsFilesSetResult", set);
    expect(set).toMatchObject({ ok: true, workspace: ws, file: { name: "AGENTS.md", missing: false, size: 7, content: "# probe" } });
    expect((await f.h["agents.files.get"]({ agentId: "research", name: "AGENTS.md" }, ctx())).file.content).toBe("# probe");
    expect((await f.h["agents.files.list"]({ agentId: "research" }, ctx())).files).toHaveLength(8);
    expect(await f.h["agent.identity.get"]({ agentId: "research" }, ctx())).toEqual({ agentId: "research", name: "Research", emoji: "🔬", avatar: "🔬" });
    expect(await f.h["agent.identity.get"]({}, ctx())).toEqual({ agentId: "main", name: "Assistant", avatar: "A" });
    expect(await f.h["agents.delete"]({ agentId: "research" }, ctx())).toEqual({ ok: true, agentId: "research", removedBindings: 0 });
    await expect(async () => f.h["agents.files.list"]({ agentId: "research" }, ctx())).rejects.toMatchObject({ details: { code: "NOT_FOUND" } });
  });

  it("lists the configured models", async () => {
    const f = family();
    const models = await f.h["models.list"]({}, ctx());
    ok("ModelsListResult", models);
    expect(models).toEqual({ models: [{ id: "echo", name: "Echo", provider: "test" }] });
  });
});
