/**
 * `talk.config`: the talk settings of the config as v3 answers them. A `talk`
 * section in the older flat shape (`voiceId`, `apiKey`, … at the top) counts
 * as the settings of provider `elevenlabs`; the answer carries `provider`,
 * `providers` and, for older apps, the active provider's fields flat again.
 * API keys are the redaction sentinel unless the caller may read secrets.
 */
import type { GatewayConfig, TalkConfigPayload, TalkProviderConfig, TalkSettings } from "../../generated/ts/types.js";
import { REDACTED } from "../config/redact.js";

/** The provider the flat shape belongs to (v3's default talk provider). */
export const DEFAULT_TALK_PROVIDER = "elevenlabs";

type VoiceFields = Pick<TalkProviderConfig, "voiceId" | "voiceAliases" | "modelId" | "outputFormat" | "apiKey">;

const text = (v: unknown): string | undefined => (typeof v === "string" && v.trim() ? v.trim() : undefined);

function voiceFields(source: Partial<Record<keyof VoiceFields, unknown>> | undefined, redact: boolean): VoiceFields {
  const out: VoiceFields = {};
  if (!source) return out;
  const voiceId = text(source.voiceId);
  if (voiceId) out.voiceId = voiceId;
  if (source.voiceAliases && typeof source.voiceAliases === "object") {
    const aliases = Object.fromEntries(
      Object.entries(source.voiceAliases as Record<string, unknown>)
        .map(([k, v]) => [k.trim(), text(v)] as const)
        .filter((e): e is readonly [string, string] => Boolean(e[0] && e[1])),
    );
    if (Object.keys(aliases).length) out.voiceAliases = aliases;
  }
  const modelId = text(source.modelId);
  if (modelId) out.modelId = modelId;
  const outputFormat = text(source.outputFormat);
  if (outputFormat) out.outputFormat = outputFormat;
  const apiKey = text(source.apiKey);
  if (apiKey) out.apiKey = redact ? REDACTED : apiKey;
  return out;
}

/** The `talk` member of the answer, or undefined when there is nothing to say. */
export function talkSettings(talk: GatewayConfig["talk"], includeSecrets: boolean): TalkSettings | undefined {
  if (!talk) return undefined;
  const redact = !includeSecrets;
  const flat = voiceFields(talk, redact);
  let providers: Record<string, TalkProviderConfig> | undefined;
  let provider = text(talk.provider);
  if (provider || talk.providers) {
    const entries = Object.entries(talk.providers ?? {})
      .map(([id, cfg]) => [id.trim(), voiceFields(cfg, redact)] as const)
      .filter(([id, cfg]) => id && Object.keys(cfg).length > 0);
    if (entries.length) providers = Object.fromEntries(entries);
    if (!provider && providers && Object.keys(providers).length === 1) provider = Object.keys(providers)[0];
  } else if (Object.keys(flat).length) {
    provider = DEFAULT_TALK_PROVIDER;
    providers = { [DEFAULT_TALK_PROVIDER]: flat };
  }
  const out: TalkSettings = {};
  if (typeof talk.interruptOnSpeech === "boolean") out.interruptOnSpeech = talk.interruptOnSpeech;
  if (providers) out.providers = providers;
  if (provider) out.provider = provider;
  const active = provider ? providers?.[provider] : undefined;
  Object.assign(out, active && Object.keys(active).length ? active : flat);
  return Object.keys(out).length ? out : undefined;
}

/** The whole `config` member of `talk.config`'s answer. */
export function talkConfigPayload(config: GatewayConfig, includeSecrets: boolean): TalkConfigPayload {
  const payload: TalkConfigPayload = {};
  const talk = talkSettings(config.talk, includeSecrets);
  if (talk) payload.talk = talk;
  const seamColor = text(config.ui?.seamColor);
  if (seamColor) payload.ui = { seamColor };
  return payload;
}
