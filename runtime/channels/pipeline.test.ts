import { describe, expect, it } from "vitest";
import type { GatewayConfig } from "../../generated/ts/types.js";
import { GatewayError } from "../errors.js";
import { channelFixture, MemoryChannel } from "./test-support.js";

const cfg = (memory: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ channels: { memory }, ...extra }) as unknown as GatewayConfig;

/** Wait until the log has a drop with `reason` (drops happen after async pairing writes). */
async function dropped(f: ReturnType<typeof channelFixture>, reason: string): Promise<void> {
  for (let i = 0; i < 200 && !f.drops().includes(reason); i++) await new Promise((r) => setTimeout(r, 5));
  expect(f.drops()).toContain(reason);
}

describe("channel pipeline", () => {
  it("an allowed DM reaches the agent and the reply goes back to the sender", async () => {
    const f = channelFixture(cfg({ dmPolicy: "allowlist", allowFrom: ["alice"] }));
    await f.service.start();
    f.channel.receive("default", { from: "alice", text: "hello" });
    await f.channel.untilSent(1);
    expect(f.channel.sent[0]).toMatchObject({ target: { to: "alice", chatType: "dm" }, text: "Echo: hello" });
    await new Promise((r) => setTimeout(r, 5));
    const state = f.service.states.get("memory", "default")!;
    expect(state.lastInboundAt).toBeDefined();
    expect(state.lastOutboundAt).toBeDefined();
    await f.service.stop();
  });

  it("allowlist drops strangers, disabled drops everyone, each with its reason in the log", async () => {
    const f = channelFixture(cfg({ dmPolicy: "allowlist", allowFrom: ["alice"] }));
    await f.service.start();
    f.channel.receive("default", { from: "mallory", text: "let me in" });
    await dropped(f, "dm-not-allowed");
    const line = f.log.lines.find((l) => l.fields?.reason === "dm-not-allowed")!;
    expect(line.fields).toMatchObject({ channel: "memory", accountId: "default", sender: "mallory" });
    await f.setConfig(cfg({ dmPolicy: "disabled", allowFrom: ["alice"] }));
    f.channel.receive("default", { from: "alice", text: "hi" });
    await dropped(f, "dm-disabled");
    expect(f.channel.sent).toEqual([]);
    await f.service.stop();
  });

  it("open lets any sender in", async () => {
    const f = channelFixture(cfg({ dmPolicy: "open", allowFrom: ["*"] }));
    await f.service.start();
    f.channel.receive("default", { from: "anyone", text: "hi" });
    await f.channel.untilSent(1);
    expect(f.channel.sent[0].text).toBe("Echo: hi");
    await f.service.stop();
  });

  it("pairing: the stranger gets a code, is ignored until approved, then answered", async () => {
    const f = channelFixture(cfg({}));
    await f.service.start();
    f.channel.receive("default", { from: "bob", text: "first" });
    await f.channel.untilSent(1);
    const [{ code }] = f.service.list("memory");
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);
    expect(f.channel.sent[0]).toMatchObject({ target: { to: "bob", chatType: "dm" } });
    expect(f.channel.sent[0].text).toContain(code);
    expect(f.channel.sent[0].text).toContain(`tidegate pairing approve memory ${code}`);
    expect(f.pairingEvents).toHaveLength(1);
    f.channel.receive("default", { from: "bob", text: "again" });
    await dropped(f, "pairing-pending");
    expect(f.service.list()).toHaveLength(1);
    expect(f.backend.requests).toHaveLength(0);

    await expect(f.service.approve("memory", "ZZZZZZZZ")).rejects.toMatchObject({ details: { code: "PAIRING_CODE_UNKNOWN" } });
    await expect(f.service.approve("nope", code)).rejects.toMatchObject({ details: { code: "CHANNEL_UNKNOWN" } });
    const approved = await f.service.approve("memory", code.toLowerCase());
    expect(approved).toMatchObject({ senderId: "bob", accountId: "default" });
    expect(f.service.list()).toEqual([]);
    await f.channel.untilSent(2);
    expect(f.channel.sent[1]).toMatchObject({ target: { to: "bob", chatType: "dm" }, text: "You're approved: you can message me now." });
    expect((await f.service.status()).channelAccounts.memory[0].allowFrom).toEqual(["bob"]);
    f.channel.receive("default", { from: "bob", text: "now?" });
    await f.channel.untilSent(3);
    expect(f.channel.sent[2]).toMatchObject({ target: { to: "bob" }, text: "Echo: now?" });
    await f.service.stop();
  });

  it("an expired code says so", async () => {
    const f = channelFixture(cfg({}));
    await f.service.start();
    f.channel.receive("default", { from: "carol", text: "hi" });
    await f.channel.untilSent(1);
    const [{ code }] = f.service.list();
    f.advance(61 * 60_000);
    expect(f.service.list()).toEqual([]);
    await expect(f.service.approve("memory", code)).rejects.toMatchObject({ details: { code: "PAIRING_CODE_EXPIRED" } });
    await f.service.stop();
  });

  it("groups: open answers mentions in the group, allowlist and disabled drop, mention gating is configurable", async () => {
    const f = channelFixture(cfg({}));
    await f.service.start();
    f.channel.receive("default", { from: "eve", text: "bot: status?", chatType: "group", groupId: "#ops", mentioned: true });
    await f.channel.untilSent(1);
    expect(f.channel.sent[0]).toMatchObject({ target: { to: "#ops", chatType: "group" }, text: "Echo: [eve] bot: status?" });
    f.channel.receive("default", { from: "eve", text: "chatter", chatType: "group", groupId: "#ops" });
    await dropped(f, "not-mentioned");

    await f.setConfig(cfg({ groupPolicy: "allowlist", groups: { "#ops": { requireMention: false } } }));
    f.channel.receive("default", { from: "eve", text: "x", chatType: "group", groupId: "#random", mentioned: true });
    await dropped(f, "group-not-allowed");
    f.channel.receive("default", { from: "eve", text: "no mention needed", chatType: "group", groupId: "#ops" });
    await f.channel.untilSent(2);
    expect(f.channel.sent[1].text).toBe("Echo: [eve] no mention needed");

    await f.setConfig(cfg({ groupPolicy: "disabled" }));
    f.channel.receive("default", { from: "eve", text: "bot?", chatType: "group", groupId: "#ops", mentioned: true });
    await dropped(f, "group-disabled");
    expect(f.channel.sent).toHaveLength(2);
    await f.service.stop();
  });

  it("groups and threads get their own sessions; DMs follow session.dmScope", async () => {
    const f = channelFixture(cfg({ dmPolicy: "open", allowFrom: ["*"] }, { session: { dmScope: "per-channel-peer" } }));
    await f.service.start();
    f.channel.receive("default", { from: "amy", text: "a" });
    f.channel.receive("default", { from: "amy", text: "b", chatType: "thread", groupId: "#dev", threadId: "t1", mentioned: true });
    await f.channel.untilSent(2);
    const keys = f.events.filter((e) => e.event === "chat").map((e) => (e.payload as { sessionKey: string }).sessionKey);
    expect(new Set(keys)).toEqual(new Set(["agent:main:dm:memory:amy", "agent:main:thread:memory:#dev:t1"]));
    await f.service.stop();
  });

  it("oversized messages are truncated with a note; replies are chunked to the channel's limit", async () => {
    const f = channelFixture(cfg({ dmPolicy: "open", allowFrom: ["*"], maxInboundChars: 40, textChunkLimit: 20 }));
    await f.service.start();
    f.channel.receive("default", { from: "amy", text: "word ".repeat(30) });
    await f.channel.untilSent(2);
    await new Promise((r) => setTimeout(r, 20));
    const prompt = f.backend.requests[0].messages.at(-1)!.content;
    expect(prompt).toMatch(/^(word ){8}\n\[message truncated: 110 of 150 characters were cut\]$/);
    for (const m of f.channel.sent) expect(m.text.length).toBeLessThanOrEqual(20);
    expect(f.channel.sent.map((m) => m.text).join(" ")).toBe(`Echo: ${prompt}`.replace(/\s+/g, " "));
    expect(f.log.lines.some((l) => l.message === "channel message truncated")).toBe(true);
    await f.service.stop();
  });

  it("a flood from one sender is rate limited; other senders still get through", async () => {
    const f = channelFixture(cfg({ dmPolicy: "open", allowFrom: ["*"], rateLimit: { messages: 2, perSeconds: 60 } }));
    await f.service.start();
    for (let i = 0; i < 5; i++) f.channel.receive("default", { from: "spam", text: `m${i}` });
    f.channel.receive("default", { from: "calm", text: "hello" });
    await f.channel.untilSent(3);
    expect(f.drops().filter((r) => r === "rate-limited")).toHaveLength(3);
    // One warning per flood; the further drops are logged at debug level.
    expect(f.log.lines.filter((l) => l.fields?.reason === "rate-limited").map((l) => l.level)).toEqual(["warn", "debug", "debug"]);
    f.advance(61_000);
    f.channel.receive("default", { from: "spam", text: "later" });
    await f.channel.untilSent(4);
    expect(f.channel.sent.map((m) => m.text)).toContain("Echo: later");
    await f.service.stop();
  });

  it("policy changes apply to the next message without restarting the account", async () => {
    const f = channelFixture(cfg({ dmPolicy: "allowlist", allowFrom: [] }));
    await f.service.start();
    f.channel.receive("default", { from: "dan", text: "hi" });
    await dropped(f, "dm-not-allowed");
    await f.setConfig(cfg({ dmPolicy: "allowlist", allowFrom: ["dan"] }));
    f.channel.receive("default", { from: "dan", text: "hi again" });
    await f.channel.untilSent(1);
    expect(f.channel.accounts.get("default")!.starts).toBe(1);
    await f.service.stop();
  });

  it("webchat: operators pass; a device over its flood limit gets RATE_LIMITED", () => {
    const f = channelFixture({ channels: { webchat: { rateLimit: { messages: 1, perSeconds: 60 }, maxInboundChars: 16 } } } as GatewayConfig);
    expect(f.service.pipeline.webchat({ sender: "dev-1", text: "a fairly long operator message" }, (t) => t)).toMatch(/^a fairly long op\n\[message truncated/);
    expect(() => f.service.pipeline.webchat({ sender: "dev-1", text: "again" }, (t) => t)).toThrow(GatewayError);
    expect(f.service.pipeline.webchat({ sender: "dev-2", text: "other" }, (t) => t)).toBe("other");
  });
});

describe("send", () => {
  it("delivers through the account, chunked, and the same idempotency key returns the first result", async () => {
    const f = channelFixture(cfg({}));
    await f.service.start();
    const first = await f.service.send({ to: "#ops", message: "one two three four five six seven", channel: "memory", idempotencyKey: "k1" });
    expect(first).toMatchObject({ runId: "k1", channel: "memory" });
    expect(f.channel.sent.map((m) => m.target)).toEqual([{ to: "#ops", chatType: "group" }]);
    const again = await f.service.send({ to: "#ops", message: "one two three four five six seven", channel: "memory", idempotencyKey: "k1" });
    expect(again).toEqual(first);
    expect(f.channel.sent).toHaveLength(1);
    await f.service.send({ to: "bob", message: "x".repeat(250), idempotencyKey: "k2" });
    expect(f.channel.sent.slice(1).map((m) => m.text.length)).toEqual([100, 100, 50]);
    // Mirrored into the target's session, as the agent's own words.
    const group = await f.sessions.history("agent:main:group:memory:#ops");
    expect(group.messages.map((m) => [m.role, m.content])).toEqual([["assistant", "one two three four five six seven"]]);
    await f.service.stop();
  });

  it("errors: unknown channel, an empty message, an unconfigured channel", async () => {
    const f = channelFixture({} as GatewayConfig);
    await f.service.start();
    await expect(f.service.send({ to: "x", message: "hi", channel: "telegram", idempotencyKey: "a" })).rejects.toMatchObject({ details: { code: "CHANNEL_UNKNOWN" } });
    await expect(f.service.send({ to: "x", message: "hi", channel: "memory", idempotencyKey: "b" })).rejects.toMatchObject({ details: { code: "CHANNEL_NOT_RUNNING" } });
    await expect(f.service.send({ to: "x", message: "  ", channel: "memory", idempotencyKey: "c" })).rejects.toMatchObject({ details: { code: "INVALID_PARAMS" } });
    await expect(f.service.send({ to: "x", message: "hi", channel: "memory", sessionKey: "nope", idempotencyKey: "d" })).rejects.toMatchObject({ details: { code: "INVALID_PARAMS" } });
    await f.service.stop();
  });
});

describe("channel manager", () => {
  it("a failing account is retried with backoff and never stops the others", async () => {
    const a = new MemoryChannel("alpha");
    const b = new MemoryChannel("beta");
    a.failing.add("default");
    const f = channelFixture({ channels: { alpha: {}, beta: {} } } as unknown as GatewayConfig, [a, b]);
    await f.service.start();
    await b.untilSent(0);
    for (let i = 0; i < 200 && (a.accounts.get("default")?.starts ?? 0) < 3; i++) await new Promise((r) => setTimeout(r, 5));
    expect(a.accounts.get("default")!.starts).toBeGreaterThanOrEqual(3);
    expect(f.service.states.get("alpha", "default")).toMatchObject({ running: false, connected: false, lastError: "start failed: cannot reach default" });
    expect(f.service.states.get("beta", "default")).toMatchObject({ running: true, connected: true });
    a.failing.clear();
    for (let i = 0; i < 200 && !f.service.states.get("alpha", "default")?.connected; i++) await new Promise((r) => setTimeout(r, 5));
    expect(f.service.states.get("alpha", "default")).toMatchObject({ running: true, connected: true });
    const status = await f.service.status(true, 1000);
    expect(status.channelOrder).toEqual(["alpha", "beta"]);
    expect(status.channelAccounts.beta[0]).toMatchObject({ accountId: "default", connected: true, probe: { ok: true } });
    await f.service.stop();
    expect(b.accounts.get("default")!.stopped).toBe(true);
  });

  it("accounts override the channel's settings; a connection change restarts only that account; removal stops it", async () => {
    const f = channelFixture(cfg({ dmPolicy: "open", allowFrom: ["*"], accounts: { one: { server: "a" }, two: { server: "b" } } }));
    await f.service.start();
    expect([...f.channel.accounts.keys()].sort()).toEqual(["one", "two"]);
    await f.setConfig(cfg({ dmPolicy: "open", allowFrom: ["*"], accounts: { one: { server: "a" }, two: { server: "c" } } }));
    expect(f.channel.accounts.get("one")!.starts).toBe(1);
    expect(f.channel.accounts.get("two")!.starts).toBe(2);
    await f.setConfig(cfg({ dmPolicy: "open", allowFrom: ["*"], accounts: { one: { server: "a" } } }));
    expect(f.channel.accounts.get("two")!.stopped).toBe(true);
    expect(f.service.states.get("memory", "two")).toBeUndefined();
    await f.setConfig(cfg({ dmPolicy: "open", allowFrom: ["*"], accounts: { one: { server: "a", enabled: false } } }));
    expect(f.channel.accounts.get("one")!.stopped).toBe(true);
    expect(f.service.states.get("memory", "one")).toMatchObject({ enabled: false, running: false });
    await f.service.stop();
  });

  it("an account whose config the plugin refuses is shown as not configured and not started", async () => {
    const f = channelFixture(cfg({ broken: true }));
    await f.service.start();
    expect(f.channel.accounts.size).toBe(0);
    const status = await f.service.status();
    expect(status.channelAccounts.memory[0]).toMatchObject({ configured: false, running: false, lastError: "not configured: broken is set" });
    expect(f.service.summary()[0]).toContain("not configured");
    await f.service.stop();
  });

  it("logout asks the account to forget its credentials", async () => {
    const f = channelFixture(cfg({}));
    await f.service.start();
    expect(await f.service.logout("memory")).toEqual({ channel: "memory", accountId: "default", cleared: true });
    await expect(f.service.logout("memory", "nope")).rejects.toMatchObject({ details: { code: "NOT_FOUND" } });
    await f.service.stop();
  });
});

describe("session keys", () => {
  it("ids with ':' or spaces (IRC masks with IPv6 hosts) still make valid keys", async () => {
    const f = channelFixture(cfg({ dmPolicy: "open", allowFrom: ["*"] }, { session: { dmScope: "per-channel-peer" } }));
    await f.service.start();
    f.channel.receive("default", { from: "amy!~amy@2001:db8::1", text: "hi" });
    await f.channel.untilSent(1);
    const key = f.events.find((e) => e.event === "chat")!.payload as { sessionKey: string };
    expect(key.sessionKey).toBe("agent:main:dm:memory:amy!~amy@2001_db8__1");
    expect(f.channel.sent[0].target.to).toBe("amy!~amy@2001:db8::1");
    await f.service.stop();
  });
});
