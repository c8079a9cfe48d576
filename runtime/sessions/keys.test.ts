import { describe, expect, it } from "vitest";
import { agentIdOfKey, deriveSessionKey, type MessageContext, normalizeSessionKey, parseSessionKey, SessionKeyError } from "./keys.js";

describe("session keys", () => {
  it.each([
    ["main", "agent:main:main", "main"],
    [" MAIN ", "agent:main:main", "main"],
    ["agent:main:main", "agent:main:main", "main"],
    ["agent:Ops:main", "agent:ops:main", "ops"],
    ["agent:ops:group:Telegram:-1001234", "agent:ops:group:telegram:-1001234", "ops"],
    ["agent:ops:group:whatsapp:12036@g.us", "agent:ops:group:whatsapp:12036@g.us", "ops"],
    ["agent:ops:thread:slack:C0ABC:1712.55", "agent:ops:thread:slack:C0ABC:1712.55", "ops"],
    ["agent:main:subagent:run-42", "agent:main:subagent:run-42", "main"],
    ["agent:main:dm:signal:+4915112345", "agent:main:dm:signal:+4915112345", "main"],
    ["AGENT:a_b-1:GROUP:discord:123", "agent:a_b-1:group:discord:123", "a_b-1"],
  ])("%s → %s (agent %s)", (raw, canonical, agent) => {
    expect(normalizeSessionKey(raw)).toBe(canonical);
    expect(agentIdOfKey(raw)).toBe(agent);
    expect(normalizeSessionKey(canonical)).toBe(canonical);
  });

  it("main follows the default agent", () => {
    expect(normalizeSessionKey("main", "work")).toBe("agent:work:main");
  });

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["global", "must be 'main' or start with 'agent:'"],
    ["agent:", "too few segments"],
    ["agent:main", "too few segments"],
    ["agent::main", "bad agent id"],
    ["agent:-x:main", "bad agent id"],
    ["agent:has space:main", "bad agent id"],
    ["agent:main:main:extra", "'main' keys have 3 segments"],
    ["agent:main:group:telegram", "'group' keys have 5 segments"],
    ["agent:main:group:telegram:1:2", "'group' keys have 5 segments"],
    ["agent:main:group::1", "bad channel"],
    ["agent:main:group:tele gram:1", "bad channel"],
    ["agent:main:group:telegram:a b", "bad group id"],
    ["agent:main:thread:slack:C1", "'thread' keys have 6 segments"],
    ["agent:main:thread:slack:C1:", "bad thread id"],
    ["agent:main:subagent:", "bad run id"],
    ["agent:main:subagent:a\u0000b", "bad run id"],
    ["agent:main:__proto__", "reserved segment"],
    ["agent:main:old:constructor", "reserved segment"],
    ["agent:main:old: x", "bad segment"],
    ["agent:main:old:", "bad segment"],
    ["agent:main:group:telegram:" + "x".repeat(600), "longer than 512"],
  ])("rejects %j (%s)", (raw, reason) => {
    expect(() => parseSessionKey(raw)).toThrow(SessionKeyError);
    expect(() => parseSessionKey(raw)).toThrow(reason);
  });

  const ctx = (extra: Partial<MessageContext>): MessageContext => ({ channel: "Telegram", senderId: "u1", ...extra });
  it.each([
    [ctx({}), "agent:main:main"],
    [ctx({ agentId: "Ops" }), "agent:ops:main"],
    [ctx({ dmScope: "per-peer" }), "agent:main:dm:any:u1"],
    [ctx({ dmScope: "per-channel-peer" }), "agent:main:dm:telegram:u1"],
    [ctx({ groupId: "-100" }), "agent:main:group:telegram:-100"],
    [ctx({ groupId: "-100", threadId: "7", dmScope: "per-peer" }), "agent:main:thread:telegram:-100:7"],
    [ctx({ subagentRunId: "r1", groupId: "g" }), "agent:main:subagent:r1"],
  ])("derives %j → %s", (context, key) => {
    expect(deriveSessionKey(context)).toBe(key);
  });

  it("derivation refuses what it cannot encode", () => {
    expect(() => deriveSessionKey(ctx({ groupId: "a:b" }))).toThrow(SessionKeyError);
    expect(() => deriveSessionKey(ctx({ agentId: "bad agent" }))).toThrow(SessionKeyError);
  });
});
