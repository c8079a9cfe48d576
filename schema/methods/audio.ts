/** Registry entries of the methods whose params live in `schema/audio.ts`. */

import * as audio from "../audio.js";
import { T0 } from "../example-values.js";
import { method } from "../registry-spec.js";
import * as sys from "../system.js";

export const audioMethods = {
  "tts.status": method({
    params: audio.SpeechParams,
    result: audio.SpeechStatusResult,
    scope: "operator.read",
    description: "The text-to-speech preferences: whether replies are to be spoken, the active provider and its fallbacks, and which API keys are configured.",
    example: {
      params: {},
      result: {
        enabled: false,
        auto: "off",
        provider: "openai",
        fallbackProvider: null,
        fallbackProviders: [],
        prefsPath: "~/.tidegate/settings/tts.json",
        hasOpenAIKey: false,
        hasElevenLabsKey: false,
        edgeEnabled: false,
      },
    },
  }),
  "tts.providers": method({
    params: audio.SpeechParams,
    result: audio.SpeechProvidersResult,
    scope: "operator.read",
    description:
      "Speech providers, their models and voices; `configured` is true only for a provider this gateway can speak with now (OpenAI-compatible or ElevenLabs, with a key; Edge has no engine here).",
    example: { params: {}, result: { providers: [{ id: "openai", name: "OpenAI", configured: true, models: ["gpt-4o-mini-tts"], voices: ["alloy"] }], active: "openai" } },
  }),
  "tts.enable": method({
    params: audio.SpeechParams,
    result: audio.SpeechEnabledResult,
    scope: "operator.write",
    description: "Turn automatic speech on (`auto: always`), kept in the preferences file.",
    example: { params: {}, result: { enabled: true } },
  }),
  "tts.disable": method({
    params: audio.SpeechParams,
    result: audio.SpeechEnabledResult,
    scope: "operator.write",
    description: "Turn automatic speech off, kept in the preferences file.",
    example: { params: {}, result: { enabled: false } },
  }),
  "tts.convert": method({
    params: audio.SpeechConvertParams,
    result: audio.SpeechConvertResult,
    scope: "operator.write",
    description:
      "Turn text into an audio file on the gateway host with the active provider, falling back to the other configured ones (here: an OpenAI-compatible `/audio/speech` endpoint and ElevenLabs). UNAVAILABLE with the reason when no provider can speak.",
    example: { params: { text: "Hello" }, result: { audioPath: "/tmp/tidegate-tts-1/voice-1.mp3", provider: "openai", outputFormat: "mp3", voiceCompatible: false } },
  }),
  "tts.setProvider": method({
    params: audio.SpeechSetProviderParams,
    result: audio.SpeechSetProviderResult,
    scope: "operator.write",
    description: "Choose the speech provider (`openai`, `elevenlabs` or `edge`), kept in the preferences file.",
    example: { params: { provider: "openai" }, result: { provider: "openai" } },
  }),
  "talk.config": method({
    params: audio.TalkConfigParams,
    result: audio.TalkConfigResult,
    scope: "operator.read",
    description:
      "Talk-mode settings from the config (`talk` and `ui.seamColor`; this gateway's main session key is always `main`, so `session` is never set); API keys are `__OPENCLAW_REDACTED__` unless `includeSecrets` is set by an admin.",
    example: { params: {}, result: { config: { talk: { provider: "elevenlabs", voiceId: "v-1" }, session: { mainKey: "main" } } } },
  }),
  "talk.mode": method({
    params: audio.TalkModeParams,
    result: sys.TalkModeEvent,
    scope: "operator.write",
    description: "Switch talk mode; broadcast as the `talk.mode` event to every connection (operators and nodes).",
    example: { params: { enabled: true, phase: "listening" }, result: { enabled: true, phase: "listening", ts: T0 } },
  }),
  "voicewake.get": method({
    params: audio.VoiceWakeGetParams,
    result: audio.VoiceWakeResult,
    scope: "operator.read",
    description: "The voice wake words shared by every app (`<state>/settings/voicewake.json`; `openclaw`, `claude`, `computer` until set).",
    example: { params: {}, result: { triggers: ["openclaw", "claude", "computer"] } },
  }),
  "voicewake.set": method({
    params: audio.VoiceWakeSetParams,
    result: audio.VoiceWakeResult,
    scope: "operator.write",
    description: "Set the voice wake words (trimmed, empty ones dropped, at most 32 of at most 64 characters; none restores the defaults); broadcast as `voicewake.changed`.",
    example: { params: { triggers: ["tidegate"] }, result: { triggers: ["tidegate"] } },
  }),
};
