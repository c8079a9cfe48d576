/**
 * The voice wake words every app shares (`<state>/settings/voicewake.json`,
 * v3's file and shape: `{triggers, updatedAtMs}`). `set` resolves once the
 * new list is on disk, so an acknowledged change survives a kill.
 */
import { join } from "node:path";
import type { Logger } from "../log.js";
import { JsonStore } from "../state/json-store.js";

/** The words used until someone sets others (v3's defaults, which the apps expect). */
export const DEFAULT_WAKE_TRIGGERS: readonly string[] = ["openclaw", "claude", "computer"];
/** At most this many words, each at most this many characters (v3's limits). */
export const MAX_WAKE_TRIGGERS = 32;
export const MAX_WAKE_TRIGGER_LENGTH = 64;

interface VoiceWakeFile {
  triggers: string[];
  updatedAtMs: number;
}

/** Trimmed, empty ones dropped, bounded; none at all means the defaults. */
export function normalizeWakeTriggers(input: readonly unknown[]): string[] {
  const cleaned = input
    .map((w) => (typeof w === "string" ? w.trim() : ""))
    .filter((w) => w.length > 0)
    .slice(0, MAX_WAKE_TRIGGERS)
    .map((w) => w.slice(0, MAX_WAKE_TRIGGER_LENGTH));
  return cleaned.length > 0 ? cleaned : [...DEFAULT_WAKE_TRIGGERS];
}

function accept(value: unknown): VoiceWakeFile {
  if (!value || typeof value !== "object" || !Array.isArray((value as VoiceWakeFile).triggers)) throw new Error("not a voice wake file");
  const v = value as Partial<VoiceWakeFile> & { triggers: unknown[] };
  return { triggers: normalizeWakeTriggers(v.triggers), updatedAtMs: typeof v.updatedAtMs === "number" && v.updatedAtMs > 0 ? v.updatedAtMs : 0 };
}

export class VoiceWakeStore {
  private readonly store: JsonStore<VoiceWakeFile>;
  private readonly now: () => number;

  constructor(options: { stateDir: string; now: () => number; log?: Pick<Logger, "warn" | "error"> }) {
    this.now = options.now;
    this.store = new JsonStore({
      path: join(options.stateDir, "settings", "voicewake.json"),
      empty: () => ({ triggers: [...DEFAULT_WAKE_TRIGGERS], updatedAtMs: 0 }),
      accept,
      log: options.log,
      now: options.now,
    });
  }

  get path(): string {
    return this.store.path;
  }

  /** The current words. */
  triggers(): string[] {
    return [...this.store.current.triggers];
  }

  /** Replace the words (normalized); resolves with them once they are on disk. */
  async set(triggers: readonly unknown[]): Promise<string[]> {
    const next = normalizeWakeTriggers(triggers);
    await this.store.update((file) => {
      file.triggers = next;
      file.updatedAtMs = this.now();
    });
    return [...next];
  }

  /** Resolves when every change is on disk. */
  flush(): Promise<void> {
    return this.store.flush();
  }
}
