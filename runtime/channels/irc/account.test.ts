/**
 * The IRC account against a real IRC server (ngircd on loopback, started by
 * the test): inbound envelopes, outbound lines, splitting and the line-injection
 * guard, reconnecting across a server restart, and a start with no server.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type RecordingContext, recordingContext } from "../../../testing/channel-context.js";
import { freePort } from "../../../testing/gateway-process.js";
import { TestIrcClient } from "../../../testing/irc-client.js";
import { type IrcServer, startIrcServer } from "../../../testing/irc-server.js";
import { createIrcAccount, type IrcAccountOptions, ircPlugin } from "./index.js";

/** Short waits so a restart test takes seconds; pacing still bursts 4 lines and then spaces them. */
const FAST: IrcAccountOptions = { reconnect: { initialMs: 100, maxMs: 1000 }, pacing: { burst: 4, intervalMs: 40 }, quitTimeoutMs: 3000 };

let server: IrcServer;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  server = await startIrcServer();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(async () => {
  await server?.dispose();
});

async function startBot(nick: string, extra: Record<string, unknown> = {}, options: IrcAccountOptions = FAST, port = server.port) {
  const context = recordingContext({ server: "127.0.0.1", port, tls: false, nick, join: ["#ops"], ...extra });
  const account = createIrcAccount(context, options);
  cleanups.push(() => account.stop());
  await account.start();
  return { context, account };
}

const connectedIn = (context: RecordingContext, channel = "#ops") =>
  context.waitForState((s) => s.connected === true && Array.isArray(s.channels) && s.channels.includes(channel), `connected and in ${channel}`);

async function user(nick: string, channel?: string): Promise<TestIrcClient> {
  const client = await TestIrcClient.connect({ port: server.port, nick });
  cleanups.push(() => client.close());
  if (channel) await client.join(channel);
  return client;
}

describe("the IRC plugin", () => {
  it("describes itself and checks its config in sentences", () => {
    expect(ircPlugin).toMatchObject({ id: "irc", label: "IRC", limits: { maxMessageChars: 350 } });
    expect(ircPlugin.validate({})).toEqual(["server is required (the IRC server's host name, such as irc.libera.chat).", "nick is required (the bot's IRC nickname)."]);
    expect(ircPlugin.validate({ server: "irc.example.org", nick: "bot", join: ["ops"] })).toEqual(['join: "ops" is not a channel name (it starts with # or &, and has no spaces or commas).']);
    expect(() => ircPlugin.create(recordingContext({ nick: "bot" }))).toThrow(/server is required/);
  });
});

describe("an IRC account on a real server", () => {
  it("hands DMs and channel lines to the pipeline: mentions detected, the address taken off, own lines, notices and CTCP left out", async () => {
    const { context } = await startBot("tidebot1");
    await connectedIn(context);
    const alice = await user("alice1", "#ops");

    alice.say("tidebot1", "hello there");
    alice.say("#ops", "TideBot1: what's up?");
    alice.say("#ops", "nothing for the bot here, tidebot10");
    alice.say("#ops", "thanks tidebot1!");
    alice.client.notice("tidebot1", "a notice is not a message");
    alice.raw("PRIVMSG tidebot1 :\x01PING 12345\x01");
    alice.client.action("#ops", "waves at tidebot1");
    alice.say("tidebot1", "\x02bold\x02 and \x0304red\x03 text");
    alice.say("tidebot1", "last");
    await context.waitForInbound((m) => m.text === "last", "the last DM");

    const sender = { id: "alice1!~alice1@127.0.0.1", name: "alice1" };
    expect(context.inbound.map(({ receivedAt, ...m }) => m)).toEqual([
      { text: "hello there", sender, chatType: "dm", mentioned: false, mentions: [], attachments: [] },
      { text: "what's up?", sender, chatType: "group", groupId: "#ops", mentioned: true, mentions: ["TideBot1"], attachments: [] },
      { text: "nothing for the bot here, tidebot10", sender, chatType: "group", groupId: "#ops", mentioned: false, mentions: [], attachments: [] },
      { text: "thanks tidebot1!", sender, chatType: "group", groupId: "#ops", mentioned: true, mentions: ["tidebot1"], attachments: [] },
      { text: "/me waves at tidebot1", sender, chatType: "group", groupId: "#ops", mentioned: true, mentions: ["tidebot1"], attachments: [] },
      { text: "bold and red text", sender, chatType: "dm", mentioned: false, mentions: [], attachments: [] },
      { text: "last", sender, chatType: "dm", mentioned: false, mentions: [], attachments: [] },
    ]);
    expect(context.state).toMatchObject({ configured: true, running: true, connected: true, nick: "tidebot1", server: "127.0.0.1", port: server.port, tls: false });
    expect(context.state.lastInboundAt).toBeTypeOf("number");
  });

  it("sends to a nick (or the mask an inbound message carries) and to a channel", async () => {
    const { context, account } = await startBot("tidebot2");
    await connectedIn(context);
    const bob = await user("bob2", "#ops");

    await account.send({ to: "bob2", chatType: "dm" }, "hi bob");
    await account.send({ to: "bob2!~bob2@127.0.0.1", chatType: "dm" }, "hi again");
    await account.send({ to: "#ops", chatType: "group" }, "hi channel");
    const lines = await bob.waitForLines((all) => (all.length >= 3 ? all : undefined), "three lines");
    expect(lines).toEqual([
      { kind: "privmsg", from: "tidebot2", target: "bob2", text: "hi bob" },
      { kind: "privmsg", from: "tidebot2", target: "bob2", text: "hi again" },
      { kind: "privmsg", from: "tidebot2", target: "#ops", text: "hi channel" },
    ]);
    expect(context.state.lastOutboundAt).toBeTypeOf("number");
  });

  it("splits long and multi-line replies to IRC's 512-byte lines; they arrive complete and in order", async () => {
    const { context, account } = await startBot("tidebot3");
    await connectedIn(context);
    const carol = await user("carol3");
    const relayed: string[] = [];
    carol.client.on("raw", (event) => event.from_server && event.line.includes(" PRIVMSG carol3 ") && relayed.push(event.line));

    const words = Array.from({ length: 300 }, (_, i) => `word${i}`);
    const emoji = "👋🏽".repeat(150); // 8 bytes a grapheme: a line of them must not be cut inside one
    const text = `first line\n\n${words.join(" ")}\r\nthird line\r${emoji}\nlast line`;
    await account.send({ to: "carol3", chatType: "dm" }, text);
    const got = await carol.waitForLines((all) => (all.some((l) => l.text === "last line") ? all.map((l) => l.text) : undefined), "the last line");

    expect(got[0]).toBe("first line");
    const wordLines = got.slice(1, got.indexOf("third line"));
    expect(wordLines.length).toBeGreaterThan(3);
    expect(wordLines.join(" ").split(" ")).toEqual(words);
    const emojiLines = got.slice(got.indexOf("third line") + 1, -1);
    expect(emojiLines.length).toBeGreaterThan(1);
    expect(emojiLines.join("")).toBe(emoji);
    expect(got.at(-1)).toBe("last line");
    for (const line of relayed) expect(Buffer.byteLength(line) + 2).toBeLessThanOrEqual(512);
  });

  it("never lets CR, LF or NUL inside a text or a target start a second IRC command", async () => {
    const { context, account } = await startBot("tidebot4");
    await connectedIn(context);
    const dave = await user("dave4", "#ops");

    await account.send({ to: "dave4", chatType: "dm" }, "hello\r\nPRIVMSG #ops :injected\rQUIT :gone\n\0NICK evil\x01VERSION\x01");
    await expect(account.send({ to: "dave4\r\nPRIVMSG #ops :injected", chatType: "dm" }, "x")).rejects.toMatchObject({ details: { code: "INVALID_PARAMS" } });
    await expect(account.send({ to: "dave4,#ops", chatType: "dm" }, "x")).rejects.toMatchObject({ details: { code: "INVALID_PARAMS" } });
    await expect(account.send({ to: "dave4 #ops", chatType: "dm" }, "x")).rejects.toMatchObject({ details: { code: "INVALID_PARAMS" } });
    await account.send({ to: "#ops", chatType: "group" }, "still here");

    const lines = await dave.waitForLines((all) => (all.some((l) => l.text === "still here") ? all : undefined), "the last line");
    expect(lines).toEqual([
      { kind: "privmsg", from: "tidebot4", target: "dave4", text: "hello" },
      { kind: "privmsg", from: "tidebot4", target: "dave4", text: "PRIVMSG #ops :injected" },
      { kind: "privmsg", from: "tidebot4", target: "dave4", text: "QUIT :gone" },
      { kind: "privmsg", from: "tidebot4", target: "dave4", text: "NICK evilVERSION" },
      { kind: "privmsg", from: "tidebot4", target: "#ops", text: "still here" },
    ]);
    expect(context.state).toMatchObject({ connected: true, nick: "tidebot4" });
  });

  it("takes nick_ when its nick is in use, and answers to the nick it has", async () => {
    const first = await startBot("tidebot5");
    await connectedIn(first.context);
    const second = await startBot("tidebot5");
    await connectedIn(second.context);
    expect(second.context.state.nick).toBe("tidebot5_");
    const erin = await user("erin5", "#ops");
    erin.say("#ops", "tidebot5_: are you the second one?");
    const message = await second.context.waitForInbound((m) => m.mentioned, "the mention of tidebot5_");
    expect(message).toMatchObject({ text: "are you the second one?", mentions: ["tidebot5_"] });
  });

  it("probes with a PING round trip, stores nothing to log out of, and QUITs on stop without reconnecting", async () => {
    const { context, account } = await startBot("tidebot6");
    await connectedIn(context);
    const frank = await user("frank6", "#ops");
    await expect(account.probe!(10_000)).resolves.toMatchObject({ ok: true, connected: true, nick: "tidebot6", rttMs: expect.any(Number) });
    await expect(account.logout!()).resolves.toEqual({ cleared: false });

    const quit = frank.waitForEvent("quit", (event: { nick: string; message: string }) => event.nick === "tidebot6");
    await account.stop();
    await expect(quit).resolves.toMatchObject({ message: expect.stringContaining("tidegate stopping") });
    expect(context.state).toMatchObject({ running: false, connected: false, lastStopAt: expect.any(Number) });
    await expect(account.probe!(1000)).resolves.toMatchObject({ ok: false, connected: false });
    await expect(account.send({ to: "frank6", chatType: "dm" }, "x")).rejects.toMatchObject({ details: { code: "CHANNEL_NOT_RUNNING" } });
    await account.stop(); // idempotent
  });
});

describe("an IRC account and its server going away", () => {
  it("reports the disconnect when the server restarts, reconnects, rejoins and reports connected again", async () => {
    const { context } = await startBot("tidebot7");
    const firstConnect = await connectedIn(context);

    await server.stop();
    const down = await context.waitForState((s) => s.connected === false && typeof s.lastError === "string", "the disconnect");
    expect(down).toMatchObject({ running: true, connected: false, reconnectAttempts: expect.any(Number), channels: [] });
    await context.waitForState((s) => (s.reconnectAttempts as number) >= 2, "a failed reconnect while the server is down");
    expect(context.state.lastError).toMatch(/ECONNREFUSED/);

    const restartedAt = Date.now();
    await server.start();
    const up = await connectedIn(context);
    const reconnectMs = Date.now() - restartedAt;
    context.log.info("reconnected after the server restart", { reconnectMs });
    expect(up).toMatchObject({ connected: true, reconnectAttempts: 0, nick: "tidebot7" });
    expect(up.lastError).toBeUndefined();
    expect(up.lastConnectedAt as number).toBeGreaterThan(firstConnect.lastConnectedAt as number);

    const gina = await user("gina7", "#ops");
    gina.say("#ops", "tidebot7, back?");
    await expect(context.waitForInbound((m) => m.text === "back?", "a mention after the restart")).resolves.toMatchObject({ mentioned: true, groupId: "#ops" });
    console.info(`IRC reconnect after the server restart took ${reconnectMs} ms`);
  });

  it("takes a server crash (no ERROR line, just a dropped socket) the same way", async () => {
    const { context } = await startBot("tidebot12");
    await connectedIn(context);
    await server.stop("SIGKILL");
    const down = await context.waitForState((s) => s.connected === false, "the disconnect");
    expect(down.lastError).toMatch(/the server closed the connection|ECONNRESET/);
    await server.start();
    await expect(connectedIn(context)).resolves.toMatchObject({ connected: true, reconnectAttempts: 0 });
  });

  it("starts without a server listening: reports the error, keeps retrying, never throws", async () => {
    const port = await freePort();
    const { context, account } = await startBot("tidebot8", {}, FAST, port);
    const state = await context.waitForState((s) => (s.reconnectAttempts as number) >= 3, "three failed attempts");
    expect(state).toMatchObject({ running: true, connected: false, lastError: expect.stringMatching(/cannot reach 127\.0\.0\.1:\d+: .*ECONNREFUSED/) });
    await account.stop();
    expect(context.state).toMatchObject({ running: false, connected: false });
  });

  it("verifies the server's TLS certificate: one it cannot trust is reported, never accepted", async () => {
    const secure = await startIrcServer({ tls: true });
    cleanups.push(() => secure.dispose());
    const { context } = await startBot("tidebot11", { tls: true }, FAST, secure.tls!.port);
    const state = await context.waitForState((s) => (s.reconnectAttempts as number) >= 2, "two refused TLS handshakes");
    expect(state).toMatchObject({ connected: false, tls: true, lastError: expect.stringMatching(/self-signed certificate/) });
  });

  it("reports a refused server password and keeps trying; connects with the right one", async () => {
    const guarded = await startIrcServer({ password: "sesame" });
    cleanups.push(() => guarded.dispose());
    const wrong = await startBot("tidebot9", { password: "wrong" }, FAST, guarded.port);
    const refused = await wrong.context.waitForState((s) => (s.reconnectAttempts as number) >= 2, "two refused registrations");
    expect(refused.lastError).toMatch(/password|denied/i);
    expect(wrong.context.logLines.join("\n")).not.toContain("wrong");

    const right = await startBot("tidebot10", { password: "sesame" }, FAST, guarded.port);
    await connectedIn(right.context);
  });
});
