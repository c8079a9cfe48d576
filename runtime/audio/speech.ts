/**
 * Text-to-speech as v3 keeps it: settings in the config (`messages.tts`),
 * operators' choices in a preferences file (`<state>/settings/tts.json`, v3's
 * `{tts: {auto, provider, …}}`, other members kept), and `convert` turning text
 * into an audio file with the first provider that can speak.
 *
 * Two engines are built here, both HTTP: an OpenAI-compatible `/audio/speech`
 * endpoint (OpenAI itself or a local server by base URL) and ElevenLabs. Edge
 * (Microsoft's online voices) is listed as v3 lists it but never `configured`,
 * so nothing claims to speak that cannot.
 */
import { mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import type { GatewayConfig, SpeechAutoMode, SpeechProviderId, SpeechProvidersResult, SpeechStatusResult } from "../../generated/ts/types.js";
import { GatewayError } from "../errors.js";
import { writeFileAtomicAsync } from "../state/atomic-file.js";
import { fileLocks } from "../state/file-lock.js";
import { elevenLabsSpeech, openAiSpeech } from "./speech-http.js";

export const SPEECH_PROVIDERS: readonly SpeechProviderId[] = ["openai", "elevenlabs", "edge"];
export const OPENAI_SPEECH_MODELS = ["gpt-4o-mini-tts", "tts-1", "tts-1-hd"];
export const OPENAI_SPEECH_VOICES = ["alloy", "ash", "ballad", "cedar", "coral", "echo", "fable", "juniper", "marin", "onyx", "nova", "sage", "shimmer", "verse"];
export const ELEVENLABS_MODELS = ["eleven_multilingual_v2", "eleven_turbo_v2_5", "eleven_monolingual_v1"];
export const DEFAULT_OPENAI_SPEECH_URL = "https://api.openai.com/v1";
export const DEFAULT_ELEVENLABS_URL = "https://api.elevenlabs.io";
/** v3's default ElevenLabs voice and model. */
export const DEFAULT_ELEVENLABS_VOICE = "pMsXgVXv3BLzUgSXRplE";
export const DEFAULT_ELEVENLABS_MODEL = "eleven_multilingual_v2";
const DEFAULT_MAX_TEXT_LENGTH = 4096;
const DEFAULT_TIMEOUT_MS = 30_000;
/** Audio files are removed this long after they were made (v3: 5 minutes). */
export const AUDIO_FILE_TTL_MS = 5 * 60_000;
/** Channels whose voice notes want Opus (v3's list). */
const VOICE_NOTE_CHANNELS = new Set(["telegram", "feishu", "whatsapp"]);
const AUTO_MODES = new Set<string>(["off", "always", "inbound", "tagged"]);

interface PrefsFile {
  tts?: { auto?: string; enabled?: boolean; provider?: string; [key: string]: unknown };
  [key: string]: unknown;
}

export interface SpeechServiceOptions {
  stateDir: string;
  /** The config in force (hot: read at each call). */
  config: () => GatewayConfig;
  /** Where API keys and `OPENAI_TTS_BASE_URL` are looked up besides the config (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  now: () => number;
  fetch?: typeof fetch;
  /** Parent of the audio files' directories (default the OS temp dir). */
  audioDir?: string;
}

const isProvider = (p: unknown): p is SpeechProviderId => typeof p === "string" && (SPEECH_PROVIDERS as readonly string[]).includes(p);

export class SpeechService {
  private readonly env: NodeJS.ProcessEnv;
  private readonly cleanups = new Set<{ timer: NodeJS.Timeout; dir: string }>();

  constructor(private readonly options: SpeechServiceOptions) {
    this.env = options.env ?? process.env;
  }

  private get settings() {
    return this.options.config().messages?.tts ?? {};
  }

  /** The preferences file: `messages.tts.prefsPath` (with `~`), else `<state>/settings/tts.json`. */
  prefsPath(): string {
    const configured = this.settings.prefsPath?.trim();
    if (!configured) return join(this.options.stateDir, "settings", "tts.json");
    if (configured === "~") return homedir();
    return configured.startsWith("~/") ? join(homedir(), configured.slice(2)) : configured;
  }

  /** The preferences, `{}` when the file is absent or unreadable (as v3: a broken file is not fatal). */
  private async readPrefs(path = this.prefsPath()): Promise<PrefsFile> {
    return (await this.loadPrefs(path)).prefs;
  }

  private async loadPrefs(path: string): Promise<{ prefs: PrefsFile; broken: boolean }> {
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch {
      return { prefs: {}, broken: false };
    }
    try {
      const value = JSON.parse(text) as unknown;
      if (value && typeof value === "object" && !Array.isArray(value)) return { prefs: value as PrefsFile, broken: false };
    } catch {
      // falls through: broken
    }
    return { prefs: {}, broken: true };
  }

  private async updatePrefs(change: (tts: NonNullable<PrefsFile["tts"]>) => void): Promise<void> {
    const path = this.prefsPath();
    await fileLocks.run(path, async () => {
      const { prefs, broken } = await this.loadPrefs(path);
      // A file that does not parse is kept aside, never overwritten without a copy.
      if (broken) await rename(path, `${path}.corrupt-${this.options.now()}`);
      const tts = { ...(prefs.tts ?? {}) };
      change(tts);
      await writeFileAtomicAsync(path, JSON.stringify({ ...prefs, tts }, null, 2) + "\n");
    });
  }

  /** The API key of `provider` from the config, else the environment (v3's variables). */
  apiKey(provider: SpeechProviderId): string | undefined {
    const s = this.settings;
    if (provider === "openai") return s.openai?.apiKey || this.env.OPENAI_API_KEY || undefined;
    if (provider === "elevenlabs") return s.elevenlabs?.apiKey || this.env.ELEVENLABS_API_KEY || this.env.XI_API_KEY || undefined;
    return undefined;
  }

  /** Whether this gateway can speak with `provider` now: it has the engine and a key (there is no Edge engine here). */
  canSpeak(provider: SpeechProviderId): boolean {
    return provider !== "edge" && Boolean(this.apiKey(provider));
  }

  private autoMode(prefs: PrefsFile): SpeechAutoMode {
    const fromPrefs = prefs.tts?.auto;
    if (typeof fromPrefs === "string" && AUTO_MODES.has(fromPrefs)) return fromPrefs as SpeechAutoMode;
    if (typeof prefs.tts?.enabled === "boolean") return prefs.tts.enabled ? "always" : "off";
    return this.settings.auto ?? (this.settings.enabled ? "always" : "off");
  }

  /** Preferences first, then the config, then the one engine that exists here. */
  private activeProvider(prefs: PrefsFile): SpeechProviderId {
    if (isProvider(prefs.tts?.provider)) return prefs.tts.provider;
    return this.settings.provider ?? "openai";
  }

  /** The active provider, then the others that can speak, in v3's order. */
  private order(active: SpeechProviderId): SpeechProviderId[] {
    return [active, ...SPEECH_PROVIDERS.filter((p) => p !== active)];
  }

  async status(): Promise<SpeechStatusResult> {
    const prefs = await this.readPrefs();
    const provider = this.activeProvider(prefs);
    const fallbackProviders = this.order(provider)
      .slice(1)
      .filter((p) => this.canSpeak(p));
    const auto = this.autoMode(prefs);
    return {
      enabled: auto !== "off",
      auto,
      provider,
      fallbackProvider: fallbackProviders[0] ?? null,
      fallbackProviders,
      prefsPath: this.prefsPath(),
      hasOpenAIKey: Boolean(this.apiKey("openai")),
      hasElevenLabsKey: Boolean(this.apiKey("elevenlabs")),
      edgeEnabled: false,
    };
  }

  async providers(): Promise<SpeechProvidersResult> {
    const prefs = await this.readPrefs();
    return {
      providers: [
        { id: "openai", name: "OpenAI", configured: this.canSpeak("openai"), models: [...OPENAI_SPEECH_MODELS], voices: [...OPENAI_SPEECH_VOICES] },
        { id: "elevenlabs", name: "ElevenLabs", configured: this.canSpeak("elevenlabs"), models: [...ELEVENLABS_MODELS] },
        { id: "edge", name: "Edge TTS", configured: false, models: [] },
      ],
      active: this.activeProvider(prefs),
    };
  }

  /** `tts.enable` / `tts.disable`: `auto` becomes `always` or `off` in the preferences. */
  async setEnabled(enabled: boolean): Promise<void> {
    await this.updatePrefs((tts) => {
      delete tts.enabled;
      tts.auto = enabled ? "always" : "off";
    });
  }

  async setProvider(provider: SpeechProviderId): Promise<void> {
    await this.updatePrefs((tts) => {
      tts.provider = provider;
    });
  }

  /** Why `provider` cannot speak here, in words a user can act on. */
  private whyNot(provider: SpeechProviderId): string {
    if (provider === "openai") return "openai: no API key (set messages.tts.openai.apiKey or OPENAI_API_KEY)";
    if (provider === "elevenlabs") return "elevenlabs: no API key (set messages.tts.elevenlabs.apiKey or ELEVENLABS_API_KEY)";
    return "edge: not supported by this gateway (use messages.tts.openai, an OpenAI-compatible endpoint, or messages.tts.elevenlabs)";
  }

  /** Speak `text` into an audio file; throws `SPEECH_UNAVAILABLE` naming why each provider failed. */
  async convert(text: string, channel: string | undefined, signal?: AbortSignal) {
    const s = this.settings;
    const max = s.maxTextLength ?? DEFAULT_MAX_TEXT_LENGTH;
    if (text.length > max) throw new GatewayError("INVALID_PARAMS", `text too long (${text.length} characters, at most ${max}: messages.tts.maxTextLength)`);
    const voiceNote = channel !== undefined && VOICE_NOTE_CHANNELS.has(channel.trim().toLowerCase());
    const format = voiceNote ? { openai: "opus", elevenlabs: "opus_48000_64", extension: ".opus" } : { openai: "mp3", elevenlabs: "mp3_44100_128", extension: ".mp3" };
    const errors: string[] = [];
    for (const provider of this.order(this.activeProvider(await this.readPrefs()))) {
      if (!this.canSpeak(provider)) {
        errors.push(this.whyNot(provider));
        continue;
      }
      try {
        const common = { text, timeoutMs: s.timeoutMs ?? DEFAULT_TIMEOUT_MS, signal, fetch: this.options.fetch };
        const audio =
          provider === "openai"
            ? await openAiSpeech({
                ...common,
                baseUrl: s.openai?.baseUrl?.trim() || this.env.OPENAI_TTS_BASE_URL?.trim() || DEFAULT_OPENAI_SPEECH_URL,
                apiKey: this.apiKey("openai")!,
                model: s.openai?.model ?? OPENAI_SPEECH_MODELS[0],
                voice: s.openai?.voice ?? OPENAI_SPEECH_VOICES[0],
                responseFormat: format.openai,
              })
            : await elevenLabsSpeech({
                ...common,
                baseUrl: s.elevenlabs?.baseUrl?.trim() || DEFAULT_ELEVENLABS_URL,
                apiKey: this.apiKey("elevenlabs")!,
                voiceId: s.elevenlabs?.voiceId ?? DEFAULT_ELEVENLABS_VOICE,
                modelId: s.elevenlabs?.modelId ?? DEFAULT_ELEVENLABS_MODEL,
                outputFormat: format.elevenlabs,
              });
        const dir = await mkdtemp(join(this.options.audioDir ?? tmpdir(), "tidegate-tts-"));
        const audioPath = join(dir, `voice-${this.options.now()}${format.extension}`);
        await writeFile(audioPath, audio, { mode: 0o600 });
        this.removeLater(dir);
        return { audioPath, provider, outputFormat: provider === "openai" ? format.openai : format.elevenlabs, voiceCompatible: voiceNote };
      } catch (error) {
        errors.push(`${provider}: ${(error as Error).message}`);
      }
    }
    throw new GatewayError("SPEECH_UNAVAILABLE", `text-to-speech failed: ${errors.join("; ")}`, { errors });
  }

  private removeLater(dir: string): void {
    const entry = { dir, timer: setTimeout(() => void this.remove(entry), AUDIO_FILE_TTL_MS) };
    entry.timer.unref();
    this.cleanups.add(entry);
  }

  private async remove(entry: { timer: NodeJS.Timeout; dir: string }): Promise<void> {
    clearTimeout(entry.timer);
    this.cleanups.delete(entry);
    await rm(entry.dir, { recursive: true, force: true });
  }

  /** Remove the audio files still waiting for their time (gateway stop). */
  async close(): Promise<void> {
    await Promise.all([...this.cleanups].map((e) => this.remove(e)));
  }
}
