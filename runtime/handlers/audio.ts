/**
 * `tts.*`, `talk.*` and `voicewake.*`: speech preferences and conversion,
 * talk-mode settings and switch, and the shared wake words. The gateway keeps
 * the state and tells every app; the apps listen and speak.
 */
import type { SpeechProviderId } from "../../generated/ts/types.js";
import { talkConfigPayload } from "../audio/talk-config.js";
import { GatewayError } from "../errors.js";
import type { GatewayServices } from "../services.js";
import type { Handlers } from "./context.js";

type AudioMethods = "tts.status" | "tts.providers" | "tts.enable" | "tts.disable" | "tts.convert" | "tts.setProvider" | "talk.config" | "talk.mode" | "voicewake.get" | "voicewake.set";

/** iOS, iPadOS or Android: the apps that run talk mode (v3's test). */
export const isMobilePlatform = (platform: string | undefined) => /^(ios|ipados|android)/.test(platform?.trim().toLowerCase() ?? "");

export function audioHandlers({ speech, voiceWake, events, config, nodes, clock }: Pick<GatewayServices, "speech" | "voiceWake" | "events" | "config" | "nodes" | "clock">): Handlers<AudioMethods> {
  return {
    "tts.status": () => speech.status(),
    "tts.providers": () => speech.providers(),
    "tts.enable": async () => {
      await speech.setEnabled(true);
      return { enabled: true };
    },
    "tts.disable": async () => {
      await speech.setEnabled(false);
      return { enabled: false };
    },
    "tts.setProvider": async (params) => {
      const provider = params.provider.trim();
      if (provider !== "openai" && provider !== "elevenlabs" && provider !== "edge") throw new GatewayError("INVALID_PARAMS", "Invalid provider. Use openai, elevenlabs, or edge.");
      await speech.setProvider(provider satisfies SpeechProviderId);
      return { provider };
    },
    "tts.convert": (params, { signal }) => {
      const text = params.text.trim();
      if (!text) throw new GatewayError("INVALID_PARAMS", "tts.convert requires text");
      return speech.convert(text, params.channel?.trim() || undefined, signal);
    },
    "talk.config": (params, { caller }) => {
      const includeSecrets = params.includeSecrets === true;
      if (includeSecrets && !caller.hasScope("operator.admin")) {
        throw new GatewayError("MISSING_SCOPE", "missing scope: operator.talk.secrets (API keys are shown to operator.admin only)", { scope: "operator.admin" });
      }
      return { config: talkConfigPayload(config.current, includeSecrets) };
    },
    "talk.mode": (params, { caller }) => {
      const webchat = caller.client?.mode === "webchat" || caller.client?.id === "webchat-ui";
      if (webchat && !nodes.list().some((n) => n.connected && isMobilePlatform(n.platform))) {
        throw new GatewayError("NODE_NOT_CONNECTED", "talk disabled: no connected iOS/Android nodes");
      }
      const payload = { enabled: params.enabled, phase: params.phase ?? null, ts: clock.now() };
      events.broadcast("talk.mode", payload);
      return payload;
    },
    "voicewake.get": () => ({ triggers: voiceWake.triggers() }),
    "voicewake.set": async (params) => {
      const triggers = await voiceWake.set(params.triggers);
      events.broadcast("voicewake.changed", { triggers });
      return { triggers };
    },
  };
}
