/** The wake-word store: v3's normalization and defaults, kept across instances, a broken file moved aside. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_WAKE_TRIGGERS, normalizeWakeTriggers, VoiceWakeStore } from "./voice-wake.js";

const dir = () => mkdtempSync(join(tmpdir(), "tidegate-wake-"));

describe("voice wake words", () => {
  it("start as v3's defaults, and a set is on disk when it resolves", async () => {
    const stateDir = dir();
    const store = new VoiceWakeStore({ stateDir, now: () => 42 });
    expect(store.triggers()).toEqual(["openclaw", "claude", "computer"]);
    expect(await store.set([" hey tide ", "", "computer"])).toEqual(["hey tide", "computer"]);
    expect(JSON.parse(readFileSync(join(stateDir, "settings/voicewake.json"), "utf8"))).toEqual({ triggers: ["hey tide", "computer"], updatedAtMs: 42 });
    expect(new VoiceWakeStore({ stateDir, now: () => 0 }).triggers()).toEqual(["hey tide", "computer"]);
  });

  it("bound the list (32 words of 64 characters) and fall back to the defaults when nothing is left", () => {
    const many = Array.from({ length: 40 }, (_, i) => `w${i}`.padEnd(80, "x"));
    const out = normalizeWakeTriggers(many);
    expect(out).toHaveLength(32);
    expect(out.every((w) => w.length === 64)).toBe(true);
    expect(normalizeWakeTriggers(["  ", ""])).toEqual([...DEFAULT_WAKE_TRIGGERS]);
  });

  it("move a file that does not parse aside instead of failing or overwriting it", () => {
    const stateDir = dir();
    mkdirSync(join(stateDir, "settings"));
    writeFileSync(join(stateDir, "settings/voicewake.json"), '{"triggers": [');
    const warned: string[] = [];
    const store = new VoiceWakeStore({ stateDir, now: () => 7, log: { warn: (m) => warned.push(m), error: () => {} } });
    expect(store.triggers()).toEqual([...DEFAULT_WAKE_TRIGGERS]);
    expect(warned.join()).toContain("moved it aside");
    expect(readdirSync(join(stateDir, "settings")).some((f) => f.startsWith("voicewake.json.corrupt-"))).toBe(true);
    expect(existsSync(join(stateDir, "settings/voicewake.json"))).toBe(false);
  });
});
