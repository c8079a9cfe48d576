/** The audio handler family over temp-dir services: results validate against the registry, events go out, refusals say why. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { GatewayConfig, MethodName } from "../../generated/ts/types.js";
import { validateResult } from "../../generated/ts/validators.js";
import { SpeechService } from "../audio/speech.js";
import { VoiceWakeStore } from "../audio/voice-wake.js";
import type { GatewayServices } from "../services.js";
import { audioHandlers } from "./audio.js";
import type { CallContext } from "./context.js";

function setup(config: GatewayConfig = {}, nodes: { connected: boolean; platform?: string }[] = []) {
  const stateDir = mkdtempSync(join(tmpdir(), "tidegate-audio-"));
  const sent: { event: string; payload: unknown }[] = [];
  const services = {
    clock: { now: () => 5000 },
    config: { current: config },
    events: { broadcast: (event: string, payload: unknown) => sent.push({ event, payload }) },
    nodes: { list: () => nodes },
    speech: new SpeechService({ stateDir, config: () => config, env: {}, now: () => 5000 }),
    voiceWake: new VoiceWakeStore({ stateDir, now: () => 5000 }),
  } as unknown as GatewayServices;
  return { h: audioHandlers(services), sent };
}

const ctx = (scopes: string[] = ["operator.write"], client: object = { id: "cli", mode: "cli" }) =>
  ({ caller: { scopes, client, hasScope: (s: string) => scopes.includes(s) || scopes.includes("operator.admin") }, signal: new AbortController().signal }) as unknown as CallContext;

async function call<T>(method: MethodName, run: () => T | Promise<T>): Promise<T> {
  const result = await run();
  const checked = validateResult(method, result);
  if (!checked.ok) throw new Error(`${method} result does not validate: ${checked.message}`);
  return result;
}

describe("audio handlers", () => {
  it("voicewake.set answers the normalized words and broadcasts voicewake.changed", async () => {
    const { h, sent } = setup();
    expect(await call("voicewake.get", () => h["voicewake.get"]({}, ctx()))).toEqual({ triggers: ["openclaw", "claude", "computer"] });
    expect(await call("voicewake.set", () => h["voicewake.set"]({ triggers: [" tide ", ""] }, ctx()))).toEqual({ triggers: ["tide"] });
    expect(sent).toEqual([{ event: "voicewake.changed", payload: { triggers: ["tide"] } }]);
  });

  it("talk.mode answers and broadcasts the same payload; webchat needs a connected phone", async () => {
    const { h, sent } = setup();
    const payload = await call("talk.mode", () => h["talk.mode"]({ enabled: true, phase: "listening" }, ctx()));
    expect(payload).toEqual({ enabled: true, phase: "listening", ts: 5000 });
    expect(sent).toEqual([{ event: "talk.mode", payload }]);
    expect(() => h["talk.mode"]({ enabled: false }, ctx(["operator.write"], { id: "webchat-ui", mode: "webchat" }))).toThrow("talk disabled: no connected iOS/Android nodes");
    const withPhone = setup({}, [{ connected: true, platform: "iOS 18.1" }]);
    expect(withPhone.h["talk.mode"]({ enabled: false }, ctx(["operator.write"], { id: "webchat-ui", mode: "webchat" }))).toMatchObject({ enabled: false, phase: null });
  });

  it("talk.config redacts keys; includeSecrets needs operator.admin", async () => {
    const { h } = setup({ talk: { voiceId: "v", apiKey: "sk-talk" } });
    const redacted = await call("talk.config", () => h["talk.config"]({}, ctx(["operator.read"])));
    expect(JSON.stringify(redacted)).not.toContain("sk-talk");
    expect(() => h["talk.config"]({ includeSecrets: true }, ctx(["operator.read"]))).toThrow(/missing scope: operator.talk.secrets/);
    const open = await call("talk.config", () => h["talk.config"]({ includeSecrets: true }, ctx(["operator.admin"])));
    expect(open.config.talk?.apiKey).toBe("sk-talk");
  });

  it("tts preferences round-trip; setProvider and convert check their input as v3", async () => {
    const { h } = setup();
    await call("tts.status", () => h["tts.status"]({}, ctx()));
    await call("tts.providers", () => h["tts.providers"]({}, ctx()));
    expect(await call("tts.enable", () => h["tts.enable"]({}, ctx()))).toEqual({ enabled: true });
    expect(await call("tts.setProvider", () => h["tts.setProvider"]({ provider: " openai " }, ctx()))).toEqual({ provider: "openai" });
    expect(await h["tts.status"]({}, ctx())).toMatchObject({ enabled: true, auto: "always", provider: "openai" });
    expect(await call("tts.disable", () => h["tts.disable"]({}, ctx()))).toEqual({ enabled: false });
    await expect(h["tts.setProvider"]({ provider: "polly" }, ctx())).rejects.toThrow("Invalid provider. Use openai, elevenlabs, or edge.");
    expect(() => h["tts.convert"]({ text: "  " }, ctx())).toThrow("tts.convert requires text");
    await expect(h["tts.convert"]({ text: "hi" }, ctx())).rejects.toMatchObject({ code: "UNAVAILABLE", details: { code: "SPEECH_UNAVAILABLE" } });
  });
});
