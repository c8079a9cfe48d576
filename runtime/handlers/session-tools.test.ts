/** `sessions.resolve`, `chat.inject` and `doctor.memory.status` over temp-dir services; results validate against the registry. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ChatEvent, MethodName } from "../../generated/ts/types.js";
import { validateResult } from "../../generated/ts/validators.js";
import { AgentService } from "../agents/service.js";
import { StoreSessions } from "../agents/store-sessions.js";
import type { EventBus } from "../core/events.js";
import { SessionService } from "../sessions/service.js";
import { chatInjectHandlers } from "./chat-inject.js";
import type { CallContext } from "./context.js";
import { doctorHandlers } from "./doctor.js";
import { sessionsResolveHandlers } from "./sessions-resolve.js";

const ctx = { caller: {}, signal: new AbortController().signal } as unknown as CallContext;
const NOW = 1_796_000_000_000;

async function call<T>(method: MethodName, run: () => T | Promise<T>): Promise<T> {
  const result = await run();
  const checked = validateResult(method, result);
  if (!checked.ok) throw new Error(`${method} result does not validate: ${checked.message}`);
  return result;
}

async function fixture() {
  const stateDir = mkdtempSync(join(tmpdir(), "tidegate-session-tools-"));
  const sessions = new SessionService({ stateDir, now: () => NOW });
  await sessions.patch("main", { label: "Main" });
  await sessions.patch("agent:ops:dm:irc:bob", { label: "Bob" });
  await sessions.patch("agent:main:dm:irc:ann", {});
  const chat: ChatEvent[] = [];
  const events = { broadcast: (name: string, payload: ChatEvent) => name === "chat" && chat.push(payload) } as unknown as EventBus;
  return { stateDir, sessions, chat, events };
}

describe("sessions.resolve", () => {
  it("finds the canonical key from a key, a transcript id or a label", async () => {
    const f = await fixture();
    const h = sessionsResolveHandlers(f);
    expect(await call("sessions.resolve", () => h["sessions.resolve"]({ key: "main" }, ctx))).toEqual({ ok: true, key: "agent:main:main" });
    const id = f.sessions.get("agent:ops:dm:irc:bob")!.sessionId;
    expect(await call("sessions.resolve", () => h["sessions.resolve"]({ sessionId: id }, ctx))).toEqual({ ok: true, key: "agent:ops:dm:irc:bob" });
    expect(await call("sessions.resolve", () => h["sessions.resolve"]({ label: "Bob", agentId: "ops" }, ctx))).toEqual({ ok: true, key: "agent:ops:dm:irc:bob" });
  });

  it("says what is wrong: nothing found, several ways given, none given", async () => {
    const f = await fixture();
    const h = sessionsResolveHandlers(f);
    expect(() => h["sessions.resolve"]({ key: "agent:main:dm:irc:zed" }, ctx)).toThrow("no session found: agent:main:dm:irc:zed");
    expect(() => h["sessions.resolve"]({ label: "Nobody" }, ctx)).toThrow("no session found with label Nobody");
    expect(() => h["sessions.resolve"]({ key: "main", label: "Main" }, ctx)).toThrow(/either key, sessionId or label/);
    expect(() => h["sessions.resolve"]({}, ctx)).toThrow(/required/);
  });
});

describe("chat.inject", () => {
  it("appends an assistant message (with its label) to the transcript and sends a final chat event", async () => {
    const f = await fixture();
    const h = chatInjectHandlers({ sessions: f.sessions, events: f.events, clock: { now: () => NOW } });
    const result = await call("chat.inject", () => h["chat.inject"]({ sessionKey: "main", message: "Stand-up at 10.", label: "Reminder" }, ctx));
    expect(result.ok).toBe(true);
    expect(f.chat).toEqual([
      {
        runId: `inject-${result.messageId}`,
        sessionKey: "main",
        seq: 0,
        state: "final",
        message: { role: "assistant", content: [{ type: "text", text: "[Reminder]\n\nStand-up at 10." }], timestamp: NOW },
      },
    ]);
    const history = await new StoreSessions(f.sessions).history("main");
    expect(history.messages.map((m) => [m.role, m.content])).toEqual([["assistant", "[Reminder]\n\nStand-up at 10."]]);
    await expect(h["chat.inject"]({ sessionKey: "agent:main:dm:irc:nobody", message: "hi" }, ctx)).rejects.toThrow(/session not found/);
  });
});

describe("doctor.memory.status", () => {
  it("answers in v3's shape that there is no memory search", async () => {
    const f = await fixture();
    const agents = new AgentService({ stateDir: f.stateDir, config: () => ({}), emit: { agent: () => {}, chat: () => {} } });
    const h = doctorHandlers({ agents });
    expect(await call("doctor.memory.status", () => h["doctor.memory.status"]({}, ctx))).toEqual({
      agentId: "main",
      provider: "none",
      embedding: { ok: false, error: "memory search is not supported by this gateway, so no embedding provider is used" },
    });
  });
});
