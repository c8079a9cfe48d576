/** `talk`, `messages.tts` and `ui` in the config file: talk mode, text-to-speech and the apps' appearance. */
import { Bool, Dict, Enum, Int, Obj, Opt, Str } from "./primitives.js";

const TalkVoiceFields = {
  voiceId: Opt(Str("Voice id.")),
  voiceAliases: Opt(Dict(Str("Voice id."), "Names a user may say for a voice, mapped to voice ids.")),
  modelId: Opt(Str("Model id.")),
  outputFormat: Opt(Str("Audio format, such as `mp3_44100_128`.")),
  apiKey: Opt(Str("API key of the provider (shown to operators as `__OPENCLAW_REDACTED__` unless they are admins).", { maxLength: 4096 })),
};

export const TalkVoiceSettings = Obj("TalkVoiceSettings", "Talk-mode voice settings of one speech provider.", TalkVoiceFields);

export const TalkModeSettings = Obj(
  "TalkModeSettings",
  "Talk mode as the mobile and desktop apps use it (v3 `talk`). The gateway keeps and serves these settings (`talk.config`); the apps do the listening and speaking.",
  {
    provider: Opt(Str("Active provider id, such as `elevenlabs`.")),
    providers: Opt(Dict(TalkVoiceSettings, "Settings per provider id.")),
    ...TalkVoiceFields,
    interruptOnSpeech: Opt(Bool("Stop speaking when the user starts talking.")),
  },
);

export const OpenAiSpeechSettings = Obj("OpenAiSpeechSettings", "An OpenAI-compatible `POST <baseUrl>/audio/speech` endpoint.", {
  apiKey: Opt(Str("API key; the `OPENAI_API_KEY` environment variable when absent.", { maxLength: 4096 })),
  baseUrl: Opt(Str("Base URL, such as `http://127.0.0.1:8880/v1` for a local server (default: the `OPENAI_TTS_BASE_URL` environment variable, else `https://api.openai.com/v1`).")),
  model: Opt(Str("Model (default `gpt-4o-mini-tts`).")),
  voice: Opt(Str("Voice (default `alloy`).")),
});

export const ElevenLabsSpeechSettings = Obj("ElevenLabsSpeechSettings", "ElevenLabs text-to-speech (`POST <baseUrl>/v1/text-to-speech/<voiceId>`).", {
  apiKey: Opt(Str("API key; the `ELEVENLABS_API_KEY` (or `XI_API_KEY`) environment variable when absent.", { maxLength: 4096 })),
  baseUrl: Opt(Str("Base URL (default `https://api.elevenlabs.io`).")),
  voiceId: Opt(Str("Voice id, 10 to 40 letters and digits (default `pMsXgVXv3BLzUgSXRplE`).")),
  modelId: Opt(Str("Model id (default `eleven_multilingual_v2`).")),
});

export const EdgeSpeechSettings = Obj("EdgeSpeechSettings", "Microsoft Edge online speech (not built into this gateway: kept so a v3 config loads).", {
  enabled: Opt(Bool("Ignored: this gateway has no Edge speech engine.")),
});

export const SpeechSettings = Obj("SpeechSettings", "Text-to-speech (v3 `messages.tts`). Operators' choices (`tts.enable`, `tts.setProvider`) are kept in the preferences file and win over these.", {
  auto: Opt(Enum("SpeechAutoMode", "When replies are spoken: `off` (default), `always`, `inbound` (after a voice message) or `tagged`.", ["off", "always", "inbound", "tagged"])),
  enabled: Opt(Bool("Older switch: true means `auto: always` when `auto` is absent.")),
  provider: Opt(Enum("SpeechProviderId", "Provider to use first (default `openai`); the others that have a key are tried after it. `edge` has no engine here.", ["openai", "elevenlabs", "edge"])),
  openai: Opt(OpenAiSpeechSettings),
  elevenlabs: Opt(ElevenLabsSpeechSettings),
  edge: Opt(EdgeSpeechSettings),
  prefsPath: Opt(Str("Preferences file (default `<state>/settings/tts.json`).")),
  maxTextLength: Opt(Int("Longest text `tts.convert` accepts, in characters (default 4096).", { minimum: 1, maximum: 100000 })),
  timeoutMs: Opt(Int("Give up on the speech provider after this long (default 30000).", { minimum: 100, maximum: 600000 })),
});

export const MessagesSettings = Obj("MessagesSettings", "How replies are delivered.", {
  tts: Opt(SpeechSettings),
});

export const AppearanceSettings = Obj("AppearanceSettings", "Hints for the apps' user interface.", {
  seamColor: Opt(Str("Accent colour, such as `#4f46e5`.")),
});
