/**
 * Agent and cron output delivered over IRC, end to end: the real gateway
 * process with an IRC account on a real ngircd (loopback, plain text) and the
 * loopback OpenAI-compatible test backend; a second IRC user receives what
 * `agent {deliver: true}` and a cron job's `announce` send, and a heartbeat
 * reply goes to the peer that last wrote to the agent (`target: last`).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GatewayClient } from "../../clients/ts/index.js";
import type { HeartbeatEvent } from "../../generated/ts/types.js";
import { type FakeOpenAi, startFakeOpenAi } from "../../testing/fake-openai.js";
import { type GatewayProcess, startGateway } from "../../testing/gateway-process.js";
import { TestIrcClient } from "../../testing/irc-client.js";
import { type IrcServer, startIrcServer } from "../../testing/irc-server.js";

const BOT = "deliverbot";
let backend: FakeOpenAi;
let irc: IrcServer;
let gw: GatewayProcess;
let client: GatewayClient;
let carol: TestIrcClient;

/** Poll `read` until it returns something: a safety net of 60 s, never a timing assertion. */
async function until<T>(what: string, read: () => Promise<T | undefined> | T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${gw.output().slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  backend = await startFakeOpenAi({ apiKey: "sk-fake" });
  irc = await startIrcServer();
  gw = await startGateway({
    config: {
      models: backend.models(),
      agents: { heartbeat: { every: "0", prompt: "Check the disk", target: "last" } },
      channels: { irc: { server: "127.0.0.1", port: irc.port, tls: false, nick: BOT, join: ["#reports"], dmPolicy: "open", allowFrom: ["*"] } },
    },
    env: backend.env,
  });
  client = new GatewayClient({ url: gw.url, token: gw.token, reconnect: false });
  await client.start();
  carol = await TestIrcClient.connect({ port: irc.port, nick: "carol" });
  await carol.join("#reports");
  await until("the IRC account connected and in #reports", async () => {
    const status = await client.call("channels.status", {});
    const account = (status.channelAccounts.irc as Record<string, unknown>[] | undefined)?.[0];
    return account?.connected === true && (account.channels as string[] | undefined)?.includes("#reports") ? account : undefined;
  });
}, 120_000);

afterAll(async () => {
  await carol?.close().catch(() => {});
  await client?.close();
  await gw?.dispose();
  await irc?.dispose();
  await backend?.close();
});

describe("output delivered over IRC", () => {
  it("agent {deliver: true, channel: irc, to: <nick>}: the reply arrives as a DM", async () => {
    const result = await client.call("agent", { message: "build is green", idempotencyKey: "deliver-e2e-1", deliver: true, channel: "irc", to: "carol", bestEffortDeliver: false });
    expect(result).toMatchObject({ runId: "deliver-e2e-1", status: "ok", summary: "completed" });
    const line = await carol.waitFor((l) => l.from === BOT && l.target === "carol" && l.text.includes("build is green"), "the agent's reply");
    expect(line.text).toMatch(/^Echo: .*build is green/);
  }, 60_000);

  it("agent deliver to a channel that does not exist fails before the run", async () => {
    await expect(client.call("agent", { message: "x", idempotencyKey: "deliver-e2e-2", deliver: true, channel: "telegram", to: "carol" })).rejects.toMatchObject({
      code: "INVALID_REQUEST",
      details: { code: "CHANNEL_UNKNOWN" },
    });
  });

  it("a cron job with announce delivery to an IRC channel: the summary arrives and the run log says delivered", async () => {
    const job = await client.call("cron.add", {
      name: "nightly report",
      schedule: { kind: "every", everyMs: 86_400_000 },
      sessionTarget: "isolated",
      wakeMode: "now",
      payload: { kind: "agentTurn", message: "nightly numbers" },
      delivery: { mode: "announce", channel: "irc", to: "#reports" },
    });
    await client.call("cron.run", { id: job.id, mode: "force" });
    const line = await carol.waitFor((l) => l.from === BOT && l.target === "#reports" && l.text.includes("nightly numbers"), "the announced summary");
    expect(line.text).toMatch(/^Echo: /);
    const entry = await until("the finished run in the log", async () => (await client.call("cron.runs", { id: job.id })).entries[0]);
    expect(entry).toMatchObject({ status: "ok", delivered: true, deliveryStatus: "delivered" });
  }, 60_000);

  it("a heartbeat with target last: the reply goes to the peer that last DMed the agent", async () => {
    carol.say(BOT, "hi there");
    await carol.waitFor((l) => l.from === BOT && l.target === "carol" && l.text.includes("hi there"), "the answer to the DM");
    const main = await until("the main session's last route", async () => {
      const { sessions } = await client.call("sessions.list", {});
      const entry = sessions.find((s) => s.key === "agent:main:main");
      return entry?.lastChannel === "irc" ? entry : undefined;
    });
    expect(main).toMatchObject({ lastChannel: "irc", lastTo: expect.stringMatching(/^carol!/), deliveryContext: { channel: "irc", accountId: "default" } });
    const event = new Promise<HeartbeatEvent>((resolve) => {
      const stop = client.on("heartbeat", (e) => {
        stop();
        resolve(e);
      });
    });
    expect(await client.call("wake", { mode: "now", text: "disk at 91%" })).toEqual({ ok: true });
    expect(await event).toMatchObject({ status: "sent", channel: "irc", to: expect.stringMatching(/^carol/) });
    await carol.waitFor((l) => l.from === BOT && l.target === "carol" && l.text.includes("Check the disk"), "the heartbeat reply");
    expect(await client.call("last-heartbeat", {})).toMatchObject({ status: "sent", channel: "irc" });
  }, 60_000);
});
