/** Registry entries of the methods whose params live in `schema/audio.ts`. */

import * as audio from "../audio.js";
import { T0 } from "../example-values.js";
import { method } from "../registry-spec.js";
import * as sys from "../system.js";

export const audioMethods = {
  "tts.status": method({
    unavailable: "Text-to-speech is not supported by this gateway.",
    params: audio.SpeechParams,
    result: audio.SpeechStatusResult,
    scope: "operator.read",
    description: "Whether replies are spoken, and with which provider.",
    example: {
      params: {},
      result: {
        enabled: false,
        auto: "off",
        provider: "edge",
        fallbackProvider: null,
        fallbackProviders: [],
        prefsPath: "~/.tidegate/settings/tts.json",
        hasOpenAIKey: false,
        hasElevenLabsKey: false,
        edgeEnabled: true,
      },
    },
  }),
  "tts.providers": method({
    unavailable: "Text-to-speech is not supported by this gateway.",
    params: audio.SpeechParams,
    result: audio.SpeechProvidersResult,
    scope: "operator.read",
    description: "Speech providers, their models and voices.",
    example: { params: {}, result: { providers: [{ id: "edge", name: "Edge TTS", configured: true, models: [] }], active: "edge" } },
  }),
  "tts.enable": method({
    unavailable: "Text-to-speech is not supported by this gateway.",
    params: audio.SpeechParams,
    result: audio.SpeechEnabledResult,
    scope: "operator.write",
    description: "Speak replies.",
    example: { params: {}, result: { enabled: true } },
  }),
  "tts.disable": method({
    unavailable: "Text-to-speech is not supported by this gateway.",
    params: audio.SpeechParams,
    result: audio.SpeechEnabledResult,
    scope: "operator.write",
    description: "Stop speaking replies.",
    example: { params: {}, result: { enabled: false } },
  }),
  "tts.convert": method({
    unavailable: "Text-to-speech is not supported by this gateway.",
    params: audio.SpeechConvertParams,
    result: audio.SpeechConvertResult,
    scope: "operator.write",
    description: "Turn text into an audio file.",
    example: { params: { text: "Hello" }, result: { audioPath: "/tmp/tts-1.mp3", provider: "edge", outputFormat: "mp3", voiceCompatible: false } },
  }),
  "tts.setProvider": method({
    unavailable: "Text-to-speech is not supported by this gateway.",
    params: audio.SpeechSetProviderParams,
    result: audio.SpeechSetProviderResult,
    scope: "operator.write",
    description: "Choose the speech provider.",
    example: { params: { provider: "openai" }, result: { provider: "openai" } },
  }),
  "talk.config": method({
    unavailable: "Talk mode is not supported by this gateway (it needs text-to-speech).",
    params: audio.TalkConfigParams,
    result: audio.TalkConfigResult,
    scope: "operator.read",
    description: "Talk-mode settings (API keys only for admins or `operator.talk.secrets`).",
    example: { params: {}, result: { config: { talk: { provider: "elevenlabs", voiceId: "v-1" }, session: { mainKey: "main" } } } },
  }),
  "talk.mode": method({
    unavailable: "Talk mode is not supported by this gateway (it needs text-to-speech).",
    params: audio.TalkModeParams,
    result: sys.TalkModeEvent,
    scope: "operator.write",
    description: "Switch talk mode; broadcast as the `talk.mode` event.",
    example: { params: { enabled: true, phase: "listening" }, result: { enabled: true, phase: "listening", ts: T0 } },
  }),
  "voicewake.get": method({
    unavailable: "Voice wake words are not supported by this gateway.",
    params: audio.VoiceWakeGetParams,
    result: audio.VoiceWakeResult,
    scope: "operator.read",
    description: "The voice wake words.",
    example: { params: {}, result: { triggers: ["tidegate", "computer"] } },
  }),
  "voicewake.set": method({
    unavailable: "Voice wake words are not supported by this gateway.",
    params: audio.VoiceWakeSetParams,
    result: audio.VoiceWakeResult,
    scope: "operator.write",
    description: "Set the voice wake words; broadcast as `voicewake.changed`.",
    example: { params: { triggers: ["tidegate"] }, result: { triggers: ["tidegate"] } },
  }),
};
