/** Text-to-speech preferences and conversion against a loopback OpenAI-compatible speech server. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GatewayConfig } from "../../generated/ts/types.js";
import { type FakeSpeech, startFakeSpeech } from "../../testing/fake-speech.js";
import { GatewayError } from "../errors.js";
import { SpeechService } from "./speech.js";

let fake: FakeSpeech;
beforeAll(async () => (fake = await startFakeSpeech({ apiKey: "sk-test" })));
afterAll(() => fake.close());

function service(config: GatewayConfig = {}, env: NodeJS.ProcessEnv = {}) {
  const stateDir = mkdtempSync(join(tmpdir(), "tidegate-speech-"));
  const holder = { config };
  const speech = new SpeechService({ stateDir, config: () => holder.config, env, now: () => 1000, audioDir: stateDir });
  return { speech, stateDir, holder };
}

const failure = async (p: Promise<unknown>) => {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GatewayError);
  return error as GatewayError;
};

describe("speech preferences", () => {
  it("say truthfully that nothing can speak on a fresh install", async () => {
    const { speech, stateDir } = service();
    expect(await speech.status()).toEqual({
      enabled: false,
      auto: "off",
      provider: "openai",
      fallbackProvider: null,
      fallbackProviders: [],
      prefsPath: join(stateDir, "settings/tts.json"),
      hasOpenAIKey: false,
      hasElevenLabsKey: false,
      edgeEnabled: false,
    });
    const { providers, active } = await speech.providers();
    expect(active).toBe("openai");
    expect(providers.map((p) => [p.id, p.configured])).toEqual([
      ["openai", false],
      ["elevenlabs", false],
      ["edge", false],
    ]);
  });

  it("a key (config or environment) makes a provider configured; edge never is", async () => {
    const { speech } = service({ messages: { tts: { provider: "edge", elevenlabs: { apiKey: "el" } } } }, { OPENAI_API_KEY: "sk-env" });
    expect(await speech.status()).toMatchObject({
      provider: "edge",
      hasOpenAIKey: true,
      hasElevenLabsKey: true,
      fallbackProvider: "openai",
      fallbackProviders: ["openai", "elevenlabs"],
      edgeEnabled: false,
    });
    expect((await speech.providers()).providers.map((p) => p.configured)).toEqual([true, true, false]);
    expect((await service({}, { XI_API_KEY: "x" }).speech.status()).hasElevenLabsKey).toBe(true);
  });

  it("enable, disable and setProvider write the preferences file (other members kept), which wins over the config", async () => {
    const { speech, stateDir } = service({ messages: { tts: { auto: "tagged", provider: "openai" } } });
    const path = join(stateDir, "settings/tts.json");
    expect(await speech.status()).toMatchObject({ enabled: true, auto: "tagged" });
    await speech.setEnabled(false);
    expect(await speech.status()).toMatchObject({ enabled: false, auto: "off" });
    writeFileSync(path, JSON.stringify({ tts: { auto: "off", maxLength: 900, enabled: true }, other: 1 }));
    await speech.setEnabled(true);
    await speech.setProvider("edge");
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual({ tts: { auto: "always", maxLength: 900, provider: "edge" }, other: 1 });
    expect(await speech.status()).toMatchObject({ enabled: true, auto: "always", provider: "edge" });
  });

  it("a preferences file that does not parse counts as empty and is moved aside, not overwritten, at the next change", async () => {
    const { speech, stateDir } = service();
    mkdirSync(join(stateDir, "settings"), { recursive: true });
    writeFileSync(join(stateDir, "settings/tts.json"), "{ not json");
    expect((await speech.status()).auto).toBe("off");
    await speech.setEnabled(true);
    expect(readFileSync(join(stateDir, "settings/tts.json.corrupt-1000"), "utf8")).toBe("{ not json");
    expect((await speech.status()).auto).toBe("always");
  });

  it("a custom prefsPath is used (with ~ expanded)", async () => {
    const { speech } = service({ messages: { tts: { prefsPath: "~/x/tts.json" } } });
    expect(speech.prefsPath()).toMatch(/\/x\/tts\.json$/);
    expect(speech.prefsPath().startsWith("~")).toBe(false);
  });
});

describe("tts convert", () => {
  const configured = (extra: NonNullable<NonNullable<GatewayConfig["messages"]>["tts"]> = {}): GatewayConfig => ({
    messages: { tts: { ...extra, openai: { apiKey: "sk-test", baseUrl: fake.baseUrl, ...extra.openai } } },
  });

  it("writes the audio the endpoint sends to a file: mp3 by default, opus for voice-note channels", async () => {
    const { speech } = service(configured({ openai: { voice: "nova", model: "tts-1" } }));
    const mp3 = await speech.convert("Hello there", undefined);
    expect(mp3).toMatchObject({ provider: "openai", outputFormat: "mp3", voiceCompatible: false });
    expect(mp3.audioPath).toMatch(/voice-1000\.mp3$/);
    expect(readFileSync(mp3.audioPath, "utf8")).toBe("FAKE-AUDIO mp3 Hello there");
    expect(fake.requests.at(-1)).toEqual({ engine: "openai", model: "tts-1", voice: "nova", text: "Hello there", format: "mp3", key: "Bearer sk-test" });
    const opus = await speech.convert("Hi", "telegram");
    expect(opus).toMatchObject({ outputFormat: "opus", voiceCompatible: true });
    expect(opus.audioPath).toMatch(/\.opus$/);
    await speech.close();
    expect(existsSync(mp3.audioPath)).toBe(false);
  });

  it("speaks through ElevenLabs with its voice, model and output format (opus for voice notes)", async () => {
    const { speech } = service({ messages: { tts: { provider: "elevenlabs", elevenlabs: { apiKey: "sk-test", baseUrl: fake.origin, voiceId: "Voice12345" } } } });
    const out = await speech.convert("Bonjour", "whatsapp");
    expect(out).toMatchObject({ provider: "elevenlabs", outputFormat: "opus_48000_64", voiceCompatible: true });
    expect(readFileSync(out.audioPath, "utf8")).toBe("FAKE-AUDIO opus_48000_64 Bonjour");
    expect(fake.requests.at(-1)).toEqual({ engine: "elevenlabs", voice: "Voice12345", model: "eleven_multilingual_v2", text: "Bonjour", format: "opus_48000_64", key: "sk-test" });
    const bad = await failure(service({ messages: { tts: { provider: "elevenlabs", elevenlabs: { apiKey: "k", baseUrl: fake.origin, voiceId: "no/such" } } } }).speech.convert("x", undefined));
    expect(bad.message).toContain("elevenlabs: invalid voiceId");
  });

  it("answers SPEECH_UNAVAILABLE naming why each provider failed", async () => {
    const none = await failure(service().speech.convert("hi", undefined));
    expect(none.code).toBe("UNAVAILABLE");
    expect(none.details.code).toBe("SPEECH_UNAVAILABLE");
    expect(none.message).toContain("openai: no API key (set messages.tts.openai.apiKey or OPENAI_API_KEY)");
    expect(none.message).toContain("elevenlabs: no API key (set messages.tts.elevenlabs.apiKey or ELEVENLABS_API_KEY)");
    expect(none.message).toContain("edge: not supported by this gateway");
    const badKey = await failure(service({ messages: { tts: { openai: { apiKey: "wrong", baseUrl: fake.baseUrl } } } }).speech.convert("hi", undefined));
    expect(badKey.message).toContain("answered HTTP 401 (check the API key)");
    expect(badKey.message).not.toContain("wrong");
    const down = await failure(service(configured({ openai: { voice: "fail-503" } })).speech.convert("hi", undefined));
    expect(down.message).toContain("HTTP 503");
    const slow = await failure(service(configured({ timeoutMs: 200, openai: { voice: "stall" } })).speech.convert("hi", undefined));
    expect(slow.message).toContain("within 200 ms");
  });

  it("refuses text longer than messages.tts.maxTextLength", async () => {
    const error = await failure(service(configured({ maxTextLength: 5 })).speech.convert("too long", undefined));
    expect(error.details.code).toBe("INVALID_PARAMS");
    expect(error.message).toContain("at most 5");
  });
});
