/**
 * End to end against the real process: wake words reach other operators and
 * nodes and survive a restart and a kill -9; talk mode is broadcast; speech
 * preferences persist; tts.convert speaks through a loopback speech server.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startFakeSpeech } from "../../testing/fake-speech.js";
import { type GatewayProcess, startGateway } from "../../testing/gateway-process.js";
import { DeviceKey, RawClient } from "../../testing/raw-client.js";

const used: GatewayProcess[] = [];
afterAll(async () => {
  for (const gw of used) await gw.dispose();
});

async function operator(gw: GatewayProcess, scopes = ["operator.admin"]): Promise<RawClient> {
  const client = await RawClient.open(gw.url);
  expect((await client.connect({ token: gw.token, scopes })).ok).toBe(true);
  return client;
}

async function node(gw: GatewayProcess): Promise<RawClient> {
  const client = await RawClient.open(gw.url);
  expect((await client.connect({ token: gw.token, role: "node", device: new DeviceKey(), client: { platform: "iOS 18.1", displayName: "phone" } })).ok).toBe(true);
  return client;
}

describe("voice wake words over the wire", () => {
  it("a node gets them after hello-ok; a set reaches other operators and nodes and survives a restart", async () => {
    const gw = await startGateway();
    used.push(gw);
    const phone = await node(gw);
    const first = phone.frames.filter((f) => f.type === "res" || f.type === "event").map((f) => f.event ?? "res");
    expect(first.slice(0, 2)).toEqual(["connect.challenge", "res"]);
    expect((await phone.next((f) => f.event === "voicewake.changed")).payload).toEqual({ triggers: ["openclaw", "claude", "computer"] });
    const writer = await operator(gw, ["operator.write"]);
    const reader = await operator(gw, ["operator.read"]);
    const set = await writer.request("voicewake.set", { triggers: ["hey tide", " ", "computer"] });
    expect(set.payload).toEqual({ triggers: ["hey tide", "computer"] });
    expect((await reader.next((f) => f.event === "voicewake.changed")).payload).toEqual({ triggers: ["hey tide", "computer"] });
    expect((await phone.next((f) => f.event === "voicewake.changed" && f.payload.triggers[0] === "hey tide")).payload).toEqual({ triggers: ["hey tide", "computer"] });
    expect((await reader.request("voicewake.set", { triggers: ["x"] })).error).toMatchObject({ code: "INVALID_REQUEST", details: { code: "MISSING_SCOPE" } });
    for (const c of [phone, writer, reader]) c.close();
    await gw.stop();
    const again = await startGateway({ stateDir: gw.stateDir, port: gw.port, token: gw.token });
    used.push(again);
    const op = await operator(again);
    expect((await op.request("voicewake.get")).payload).toEqual({ triggers: ["hey tide", "computer"] });
    op.close();
  });

  it("SIGKILL while wake words and speech preferences are being set: both files parse and hold the last acknowledged values (5 rounds)", async () => {
    const first = await startGateway();
    used.push(first);
    const { stateDir, port, token } = first;
    let acked = -1;
    let ackedProvider: string | undefined;
    let inFlight: string | undefined;
    let gw = first;
    for (let round = 0; round < 5; round++) {
      if (round > 0) {
        gw = await startGateway({ stateDir, port, token });
        used.push(gw);
      }
      const c = await operator(gw);
      if (acked >= 0) {
        // Every acknowledged list is there; a write in flight at the kill may be there too.
        const held = Number((await c.request("voicewake.get")).payload.triggers[0].slice(1));
        expect(held).toBeGreaterThanOrEqual(acked);
        acked = held;
      }
      if (ackedProvider) {
        const held = (await c.request("tts.status")).payload.provider;
        expect([ackedProvider, inFlight]).toContain(held);
        ackedProvider = held;
      }
      const closed = c.waitClose(60_000).then(
        () => undefined,
        () => undefined,
      );
      const exited = new Promise((r) => gw.child.once("exit", r));
      const victim = gw;
      // Kill at a moment that moves from round to round, with several writes in flight.
      setTimeout(() => victim.child.kill("SIGKILL"), 50 + round * 37);
      // Speech preferences at the same time, one write at a time: after the kill the file holds the
      // last acknowledged provider or the one in flight.
      const PROVIDERS = ["openai", "elevenlabs", "edge"];
      const prefs = (async () => {
        for (let k = 0; ; k++) {
          const provider = PROVIDERS[k % 3];
          inFlight = provider;
          const answer = await Promise.race([c.request("tts.setProvider", { provider }, 30_000), closed]);
          if (!answer) return;
          if (answer.ok) ackedProvider = provider;
        }
      })();
      let next = acked + 1;
      for (;;) {
        const batch = [0, 1, 2, 3].map((j) => next + j);
        next += batch.length;
        const answers = await Promise.race([Promise.all(batch.map((i) => c.request("voicewake.set", { triggers: [`w${i}`, "computer"] }, 30_000))), closed]);
        if (!answers) break;
        answers.forEach((a, j) => a.ok && (acked = Math.max(acked, batch[j])));
      }
      await prefs;
      await exited;
      c.close();
      const path = join(stateDir, "settings/voicewake.json");
      if (acked >= 0 || existsSync(path)) expect(Number(JSON.parse(readFileSync(path, "utf8")).triggers[0].slice(1))).toBeGreaterThanOrEqual(acked);
      const prefsPath = join(stateDir, "settings/tts.json");
      if (ackedProvider || existsSync(prefsPath)) expect([ackedProvider, inFlight]).toContain(JSON.parse(readFileSync(prefsPath, "utf8")).tts.provider);
    }
    expect(acked).toBeGreaterThan(5);
    expect(ackedProvider).toBeDefined();
  }, 120_000);
});

describe("talk mode and speech over the wire", () => {
  it("talk.mode is broadcast to operators and nodes; tts preferences persist; tts.convert writes the audio", async () => {
    const speech = await startFakeSpeech({ apiKey: "sk-e2e" });
    const config = { messages: { tts: { openai: { apiKey: "sk-e2e", baseUrl: speech.baseUrl } } }, talk: { voiceId: "v-1", apiKey: "sk-talk" } };
    const gw = await startGateway({ config });
    used.push(gw);
    const op = await operator(gw);
    const reader = await operator(gw, ["operator.read"]);
    const phone = await node(gw);
    const mode = await op.request("talk.mode", { enabled: true, phase: "listening" });
    expect(mode.payload).toMatchObject({ enabled: true, phase: "listening" });
    expect((await reader.next((f) => f.event === "talk.mode")).payload).toEqual(mode.payload);
    expect((await phone.next((f) => f.event === "talk.mode")).payload).toEqual(mode.payload);
    const talk = await reader.request("talk.config", {});
    expect(talk.payload.config.talk).toMatchObject({ provider: "elevenlabs", voiceId: "v-1", apiKey: "__OPENCLAW_REDACTED__" });
    expect((await reader.request("talk.config", { includeSecrets: true })).error?.message).toContain("missing scope");

    expect((await op.request("tts.status")).payload).toMatchObject({ enabled: false, provider: "openai", hasOpenAIKey: true });
    expect((await op.request("tts.enable")).payload).toEqual({ enabled: true });
    expect((await op.request("tts.setProvider", { provider: "edge" })).payload).toEqual({ provider: "edge" });
    const converted = await op.request("tts.convert", { text: "Hello from tidegate", channel: "whatsapp" });
    // edge is chosen but has no engine here: the configured OpenAI-compatible endpoint takes over.
    expect(converted.payload).toMatchObject({ provider: "openai", outputFormat: "opus", voiceCompatible: true });
    expect(readFileSync(converted.payload.audioPath, "utf8")).toBe("FAKE-AUDIO opus Hello from tidegate");
    for (const c of [op, reader, phone]) c.close();
    await gw.stop();
    expect(existsSync(converted.payload.audioPath)).toBe(false);

    const again = await startGateway({ stateDir: gw.stateDir, port: gw.port, token: gw.token });
    used.push(again);
    const op2 = await operator(again);
    expect((await op2.request("tts.status")).payload).toMatchObject({
      enabled: true,
      auto: "always",
      provider: "edge",
      fallbackProvider: "openai",
      prefsPath: join(gw.stateDir, "settings/tts.json"),
    });
    op2.close();
    await speech.close();
  }, 60_000);
});
