/**
 * The IRC channel end to end: the real gateway process connects over TLS to a
 * real IRC server (ngircd on loopback, its self-signed certificate trusted
 * through NODE_EXTRA_CA_CERTS), a second IRC user talks to the bot, and the
 * agent (the loopback OpenAI-compatible test backend) answers on IRC. Pairing,
 * the DM allowlist and the group policies are each exercised, the drops are in
 * the gateway log with their reasons, and an IRC server restart shows in
 * `channels.status` as disconnected and then connected again.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GatewayClient } from "../../clients/ts/index.js";
import { tidegate } from "../../testing/cli.js";
import { type FakeOpenAi, startFakeOpenAi } from "../../testing/fake-openai.js";
import { type GatewayProcess, startGateway } from "../../testing/gateway-process.js";
import { TestIrcClient } from "../../testing/irc-client.js";
import { type IrcServer, startIrcServer } from "../../testing/irc-server.js";

const BOT = "tidebot";
let backend: FakeOpenAi;
let irc: IrcServer;
let gw: GatewayProcess;
let client: GatewayClient;
const users: TestIrcClient[] = [];

/** Poll `read` until it returns something (a state to reach, a log line to appear): a safety net of 60 s, never a timing assertion. */
async function until<T>(what: string, read: () => Promise<T | undefined> | T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${gw.output().slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const logged = (pattern: RegExp, from = 0) => until(`log line ${pattern}`, () => pattern.exec(gw.output().slice(from))?.[0]);

async function ircAccount() {
  const status = await client.call("channels.status", {});
  return (status.channelAccounts.irc as Record<string, unknown>[] | undefined)?.[0];
}

async function user(nick: string, channels: string[] = []): Promise<TestIrcClient> {
  const u = await TestIrcClient.connect({ port: irc.port, nick });
  users.push(u);
  for (const channel of channels) await u.join(channel);
  return u;
}

async function patchConfig(channels: unknown) {
  const { hash } = await client.call("config.get");
  const result = await client.call("config.patch", { raw: JSON.stringify({ channels }), baseHash: hash });
  expect(result.restart).toMatchObject({ mode: "hot" });
}

const env = () => ({ TIDEGATE_STATE_DIR: gw.stateDir, TIDEGATE_URL: gw.url, TIDEGATE_GATEWAY_TOKEN: gw.token });
const fromBot = (target: string, text: (t: string) => boolean) => (l: { from: string; target: string; text: string }) => l.from === BOT && l.target === target && text(l.text);

beforeAll(async () => {
  backend = await startFakeOpenAi({ apiKey: "sk-fake" });
  irc = await startIrcServer({ tls: true });
  gw = await startGateway({
    config: {
      gateway: { reload: { debounceMs: 50 } },
      models: backend.models(),
      channels: {
        irc: {
          server: "127.0.0.1",
          port: irc.tls!.port,
          tls: true,
          nick: BOT,
          join: ["#ops", "#lobby"],
          dmPolicy: "pairing",
          groupPolicy: "allowlist",
          groups: { "#ops": {} },
        },
      },
    },
    args: ["--log-level", "debug"],
    env: { ...backend.env, NODE_EXTRA_CA_CERTS: irc.tls!.certPath },
  });
  client = new GatewayClient({ url: gw.url, token: gw.token, reconnect: false });
  await client.start();
  await until("the IRC account connected and in its channels", async () => {
    const account = await ircAccount();
    return account?.connected === true && (account.channels as string[] | undefined)?.length === 2 ? account : undefined;
  });
}, 120_000);

afterAll(async () => {
  for (const u of users) await u.close().catch(() => {});
  await client?.close();
  await gw?.dispose();
  await irc?.dispose();
  await backend?.close();
});

describe("IRC through the gateway", () => {
  it("shows the account in channels.status, connected over TLS with its nick and channels", async () => {
    const status = await client.call("channels.status", { probe: true, timeoutMs: 5000 });
    expect(status.channelOrder).toEqual(["irc"]);
    expect(status.channelLabels).toEqual({ irc: "IRC" });
    expect(status.channelAccounts.irc).toEqual([
      expect.objectContaining({ accountId: "default", configured: true, running: true, connected: true, tls: true, nick: BOT, channels: ["#ops", "#lobby"] }),
    ]);
    expect(status.channelAccounts.irc[0].probe).toMatchObject({ ok: true, rttMs: expect.any(Number) });
    // Nothing is stored for IRC: its settings live in the config file.
    expect(await client.call("channels.logout", { channel: "irc" })).toMatchObject({ channel: "irc", cleared: false });
  });

  it("pairing: an unknown DM gets a code, the operator approves it with the CLI, the next DM is answered", async () => {
    const alice = await user("alice");
    alice.say(BOT, "hello gateway");
    const codeLine = await alice.waitFor(
      fromBot("alice", (t) => t.includes("pairing code")),
      "a pairing code",
    );
    const code = /pairing code is ([A-Z0-9]{8})/.exec(codeLine.text)![1];
    await logged(/channel message dropped \(pairing-pending\): new sender.*sender=alice!~alice@127\.0\.0\.1/);
    expect(alice.received.filter((l) => l.text.startsWith("Echo:"))).toEqual([]);

    const approved = await tidegate(["pairing", "approve", "irc", code], env());
    expect(approved.code).toBe(0);
    expect(approved.stdout).toContain("alice!~alice@127.0.0.1");
    await alice.waitFor(
      fromBot("alice", (t) => t.includes("approved")),
      "the approval notice (sent to the nick of the approved mask)",
    );

    alice.say(BOT, "hello again");
    await alice.waitFor(
      fromBot("alice", (t) => t === "Echo: hello again"),
      "the agent's answer",
    );
  });

  it("groups: a mention in an allowed channel is answered there; an unmentioned line and a channel outside `groups` are not", async () => {
    const bob = await user("bob", ["#ops", "#lobby"]);
    const mark = gw.output().length;
    bob.say("#ops", "just chatting, no bot here");
    bob.say("#lobby", `${BOT}: are you in the lobby?`);
    bob.say("#ops", `${BOT}: status please`);
    await bob.waitFor(
      fromBot("#ops", (t) => t === "Echo: [bob] status please"),
      "the answer in #ops",
    );
    await logged(/channel message dropped \(not-mentioned\).*groupId=#ops/, mark);
    await logged(/channel message dropped \(group-not-allowed\): group #lobby is not under groups.*sender=bob!~bob@127\.0\.0\.1/, mark);
    expect(bob.received.filter((l) => l.from === BOT)).toHaveLength(1);

    await patchConfig({ irc: { groupPolicy: "disabled" } });
    const mark2 = gw.output().length;
    bob.say("#ops", `${BOT}: and now?`);
    await logged(/channel message dropped \(group-disabled\).*groupId=#ops/, mark2);
    await patchConfig({ irc: { groupPolicy: "allowlist" } });
    bob.say("#ops", `${BOT}: back on?`);
    await bob.waitFor(
      fromBot("#ops", (t) => t === "Echo: [bob] back on?"),
      "the answer after groups are enabled again",
    );
    expect(bob.received.filter((l) => l.from === BOT).map((l) => l.text)).toEqual(["Echo: [bob] status please", "Echo: [bob] back on?"]);
  });

  it("allowlist: a listed sender is answered, anyone else is dropped with the reason in the log", async () => {
    // A mask with wildcards: carol from any host.
    await patchConfig({ irc: { dmPolicy: "allowlist", allowFrom: ["carol!*@*"] } });
    const carol = await user("carol");
    const dave = await user("dave");
    const mark = gw.output().length;
    dave.say(BOT, "let me in");
    carol.say(BOT, "am I allowed?");
    await carol.waitFor(
      fromBot("carol", (t) => t === "Echo: am I allowed?"),
      "the answer to the listed sender",
    );
    await logged(/channel message dropped \(dm-not-allowed\): sender is not in allowFrom.*sender=dave!~dave@127\.0\.0\.1/, mark);
    expect(dave.received.filter((l) => l.from === BOT)).toEqual([]);
  });

  it("send and `tidegate message send` deliver to a channel and to a nick", async () => {
    const erin = await user("erin", ["#ops"]);
    await client.call("send", { channel: "irc", to: "#ops", message: "deploy finished\nall green", idempotencyKey: "irc-send-1" });
    const cli = await tidegate(["message", "send", "--channel", "irc", "--to", "erin", "just for you"], env());
    expect(cli.code).toBe(0);
    await erin.waitFor(
      fromBot("erin", (t) => t === "just for you"),
      "the DM from the CLI",
    );
    expect(erin.received.filter((l) => l.from === BOT && l.target === "#ops").map((l) => l.text)).toEqual(["deploy finished", "all green"]);
  });
});

describe("the IRC server restarting", () => {
  it("shows the account disconnected while the server is down, then reconnected (rejoined, answering again)", async () => {
    await irc.stop();
    const down = await until("channels.status to show the account disconnected", async () => {
      const account = await ircAccount();
      return account?.connected === false ? account : undefined;
    });
    expect(down).toMatchObject({ running: true, connected: false, lastError: expect.any(String) });
    await logged(/irc disconnected, reconnecting/);
    // Presence shows the channel account as a row of its own, following its connection.
    const channelRow = async () => ((await client.call("system-presence", {})) as { mode?: string; instanceId?: string; reason?: string; text?: string }[]).find((r) => r.mode === "channel");
    expect(await channelRow()).toMatchObject({ instanceId: "channel:irc:default", reason: "disconnect", text: expect.stringContaining("Channel: IRC default") });

    const restartedAt = Date.now();
    await irc.start();
    const up = await until("channels.status to show the account connected again", async () => {
      const account = await ircAccount();
      return account?.connected === true && (account.channels as string[]).length === 2 ? account : undefined;
    });
    const reconnectMs = Date.now() - restartedAt;
    expect(up).toMatchObject({ connected: true, reconnectAttempts: 0, channels: ["#ops", "#lobby"] });
    expect(up.lastConnectedAt as number).toBeGreaterThanOrEqual(restartedAt);
    expect(await channelRow()).toMatchObject({ reason: "connect", text: expect.stringContaining("connected") });
    console.info(`gateway's IRC account reconnected ${reconnectMs} ms after the IRC server came back`);

    const alice = await user("alice", ["#ops"]);
    alice.say("#ops", `${BOT}, still there?`);
    await alice.waitFor(
      fromBot("#ops", (t) => t === "Echo: [alice] still there?"),
      "an answer after the restart",
    );
  });
});
