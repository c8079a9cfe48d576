/** `talk.config`'s answer from the config, as v3 shapes it. */
import { describe, expect, it } from "vitest";
import { planReload } from "../config/reload-plan.js";
import { talkConfigPayload } from "./talk-config.js";

describe("talk config", () => {
  it("is empty without talk settings (v3's answer on a fresh install)", () => {
    expect(talkConfigPayload({}, false)).toEqual({});
  });

  it("reads the flat shape as the elevenlabs provider and keeps the flat fields; keys are redacted unless asked", () => {
    const config = { talk: { voiceId: "v-1", apiKey: "sk-secret", interruptOnSpeech: true }, ui: { seamColor: "#112233" } };
    expect(talkConfigPayload(config, false)).toEqual({
      talk: {
        interruptOnSpeech: true,
        provider: "elevenlabs",
        providers: { elevenlabs: { voiceId: "v-1", apiKey: "__OPENCLAW_REDACTED__" } },
        voiceId: "v-1",
        apiKey: "__OPENCLAW_REDACTED__",
      },
      ui: { seamColor: "#112233" },
    });
    expect(talkConfigPayload(config, true).talk?.apiKey).toBe("sk-secret");
  });

  it("answers the active provider's fields flat too; a single provider is the active one", () => {
    const one = talkConfigPayload({ talk: { providers: { openai: { voiceId: "alloy", modelId: "tts-1", voiceAliases: { calm: "sage" } } } } }, false);
    expect(one.talk).toEqual({
      provider: "openai",
      providers: { openai: { voiceId: "alloy", modelId: "tts-1", voiceAliases: { calm: "sage" } } },
      voiceId: "alloy",
      modelId: "tts-1",
      voiceAliases: { calm: "sage" },
    });
    const two = talkConfigPayload({ talk: { provider: "b", providers: { a: { voiceId: "x" }, b: { voiceId: "y", apiKey: "k" } } } }, false);
    expect(two.talk).toMatchObject({ provider: "b", voiceId: "y", apiKey: "__OPENCLAW_REDACTED__" });
  });

  it("talk, speech, appearance and browser-node settings apply without a restart (read at each call)", () => {
    const plan = planReload({}, { talk: { voiceId: "v" }, messages: { tts: { openai: { apiKey: "k" } } }, ui: { seamColor: "#fff" }, gateway: { nodes: { browser: { node: "mac" } } } });
    expect(plan.restartPaths).toEqual([]);
    expect(plan.nonePaths).toHaveLength(4);
  });
});
