/** `tts.*`, `talk.*` and `voicewake.*`: speech output, talk mode and wake words. */
import { AnyParams, Bool, Dict, List, Nullable, Obj, Open, Opt, Str, Text } from "./primitives.js";

export const SpeechParams = AnyParams("SpeechParams", "tts.status, tts.providers, tts.enable and tts.disable");

export const SpeechStatusResult = Obj("SpeechStatusResult", "Result of `tts.status`.", {
  enabled: Bool("Whether replies are spoken."),
  auto: Text("Automatic speech mode, such as `off`."),
  provider: Str("Active provider."),
  fallbackProvider: Nullable(Str("First fallback provider.")),
  fallbackProviders: List(Str("A provider."), "Fallback providers in order."),
  prefsPath: Text("Where preferences are stored."),
  hasOpenAIKey: Bool("OpenAI key configured."),
  hasElevenLabsKey: Bool("ElevenLabs key configured."),
  edgeEnabled: Bool("Edge TTS available."),
});

export const SpeechProvider = Obj("SpeechProvider", "A speech provider.", {
  id: Str("Provider id."),
  name: Str("Display name."),
  configured: Bool("Whether it can be used."),
  models: List(Str("A model."), "Models."),
  voices: Opt(List(Str("A voice."), "Voices.")),
});

export const SpeechProvidersResult = Obj("SpeechProvidersResult", "Result of `tts.providers`.", {
  providers: List(SpeechProvider, "Providers."),
  active: Str("Active provider."),
});

export const SpeechEnabledResult = Obj("SpeechEnabledResult", "Result of `tts.enable` and `tts.disable`.", {
  enabled: Bool("The new setting."),
});

export const SpeechConvertParams = Open("SpeechConvertParams", "Parameters of `tts.convert`. Like the v3 reference, other members are ignored.", {
  text: Str("Text to speak."),
  channel: Opt(Text("Channel the audio is for (picks the format).")),
});

export const SpeechConvertResult = Obj("SpeechConvertResult", "Result of `tts.convert`.", {
  audioPath: Text("Path of the audio file."),
  provider: Str("Provider used."),
  outputFormat: Text("Audio format."),
  voiceCompatible: Bool("Whether it can be sent as a voice note."),
});

export const SpeechSetProviderParams = Open("SpeechSetProviderParams", "Parameters of `tts.setProvider`. Like the v3 reference, other members are ignored.", {
  provider: Str("`openai`, `elevenlabs` or `edge`."),
});

export const SpeechSetProviderResult = Obj("SpeechSetProviderResult", "Result of `tts.setProvider`.", {
  provider: Str("The active provider now."),
});

export const TalkConfigParams = Obj("TalkConfigParams", "Parameters of `talk.config`.", {
  includeSecrets: Opt(Bool("Include API keys (needs operator.admin or operator.talk.secrets).")),
});

export const TalkProviderConfig = Open("TalkProviderConfig", "Talk settings of one provider (open, as in v3).", {
  voiceId: Opt(Text("Voice.")),
  voiceAliases: Opt(Dict(Text("Voice id."), "Voice aliases.")),
  modelId: Opt(Text("Model.")),
  outputFormat: Opt(Text("Audio format.")),
  apiKey: Opt(Text("API key: `__OPENCLAW_REDACTED__` unless `includeSecrets` (admins only).")),
});

export const TalkSettings = Obj("TalkSettings", "Talk mode settings.", {
  provider: Opt(Text("Provider.")),
  providers: Opt(Dict(TalkProviderConfig, "Settings per provider.")),
  voiceId: Opt(Text("Voice.")),
  voiceAliases: Opt(Dict(Text("Voice id."), "Voice aliases.")),
  modelId: Opt(Text("Model.")),
  outputFormat: Opt(Text("Audio format.")),
  apiKey: Opt(Text("API key: `__OPENCLAW_REDACTED__` unless `includeSecrets` (admins only).")),
  interruptOnSpeech: Opt(Bool("Stop speaking when the user talks.")),
});

export const TalkConfigSession = Obj("TalkConfigSession", "Session settings relevant to talk mode.", {
  mainKey: Opt(Text("Main session key.")),
});

export const TalkConfigAppearance = Obj("TalkConfigAppearance", "UI settings relevant to talk mode.", {
  seamColor: Opt(Text("Accent colour.")),
});

export const TalkConfigPayload = Obj("TalkConfigPayload", "Talk-related config.", {
  talk: Opt(TalkSettings),
  session: Opt(TalkConfigSession),
  ui: Opt(TalkConfigAppearance),
});

export const TalkConfigResult = Obj("TalkConfigResult", "Result of `talk.config`.", {
  config: TalkConfigPayload,
});

export const TalkModeParams = Obj("TalkModeParams", "Parameters of `talk.mode`: switch talk mode; broadcast as the `talk.mode` event.", {
  enabled: Bool("Turn talk mode on or off."),
  phase: Opt(Text("Talk phase, such as `listening`.")),
});

export const VoiceWakeGetParams = AnyParams("VoiceWakeGetParams", "voicewake.get");

export const VoiceWakeSetParams = Open("VoiceWakeSetParams", "Parameters of `voicewake.set`. Like the v3 reference, other members are ignored.", {
  triggers: List(Text("A wake word."), "New wake words."),
});

export const VoiceWakeResult = Obj("VoiceWakeResult", "Result of `voicewake.get` and `voicewake.set`.", {
  triggers: List(Str("A wake word."), "Current wake words."),
});
