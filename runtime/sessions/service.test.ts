import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SessionPatchError } from "./entry.js";
import { SessionKeyError } from "./keys.js";
import { type SessionChange, SessionRuleError, SessionService } from "./service.js";
import { readMessages } from "./transcript.js";

function setup() {
  const stateDir = mkdtempSync(join(tmpdir(), "tidegate-sessions-"));
  let now = 1_700_000_000_000;
  const changes: SessionChange[] = [];
  const warnings: string[] = [];
  const make = () => new SessionService({ stateDir, now: () => now, onChange: (c) => changes.push(c), log: { warn: (m) => warnings.push(m), error: (m) => warnings.push(m), info: () => {} } });
  return { stateDir, service: make(), make, changes, warnings, tick: (ms = 1000) => (now += ms), now: () => now };
}

describe("SessionService", () => {
  it("patch creates, validates, and null clears; the store file is per agent", async () => {
    const { service, stateDir, changes, make } = setup();
    const a = await service.patch("main", { label: "Main", thinkingLevel: "High", model: "anthropic/claude-x", sendPolicy: "deny", verboseLevel: "full" });
    expect(a.key).toBe("agent:main:main");
    expect(a.entry).toMatchObject({ label: "Main", thinkingLevel: "high", providerOverride: "anthropic", modelOverride: "claude-x", sendPolicy: "deny", verboseLevel: "full", chatType: "dm" });
    const b = await service.patch("agent:main:main", { label: null, model: null, thinkingLevel: null });
    expect(b.entry.label).toBeUndefined();
    expect(b.entry.modelOverride).toBeUndefined();
    expect(b.entry.providerOverride).toBeUndefined();
    expect(b.entry.sessionId).toBe(a.entry.sessionId);
    expect(changes.map((c) => c.kind)).toEqual(["created", "patched"]);
    const file = join(stateDir, "agents/main/sessions/sessions.json");
    expect(JSON.parse(readFileSync(file, "utf8"))["agent:main:main"].sendPolicy).toBe("deny");
    expect(make().get("main")?.sendPolicy).toBe("deny");
    await service.patch("agent:ops:group:telegram:-100", { label: "Ops room" });
    expect(existsSync(join(stateDir, "agents/ops/sessions/sessions.json"))).toBe(true);
  });

  it.each([
    [{ thinkingLevel: "extreme" }, "thinkingLevel: must be one of off, minimal, low, medium, high, xhigh"],
    [{ verboseLevel: "loud" }, "verboseLevel: must be one of off, on, full"],
    [{ sendPolicy: "maybe" }, "sendPolicy: must be one of allow, deny, prompt"],
    [{ label: "x".repeat(65) }, "label: at most 64"],
    [{ label: "  " }, "label: must not be empty"],
    [{ model: "../../etc" }, "model: must be"],
  ])("patch refuses %j", async (patch, message) => {
    const { service } = setup();
    await expect(service.patch("main", patch)).rejects.toThrow(SessionPatchError);
    await expect(service.patch("main", patch)).rejects.toThrow(message);
    expect(service.get("main")).toBeUndefined();
  });

  it("labels are unique; malformed keys are refused", async () => {
    const { service } = setup();
    await service.patch("main", { label: "A" });
    await expect(service.patch("agent:main:subagent:r1", { label: "A" })).rejects.toThrow("already used");
    await expect(service.patch("agent:main:bo gus", { label: "B" })).rejects.toThrow(SessionKeyError);
  });

  it("list sorts by recency, filters by activity, search and agent, derives title and last message", async () => {
    const { service, tick } = setup();
    await service.append("agent:main:group:slack:C1", [
      { role: "user", content: "Plan the   offsite\nplease" },
      { role: "assistant", content: [{ type: "text", text: "Sure, here is a plan" }] },
    ]);
    tick(60 * 60_000);
    await service.patch("agent:ops:main", { label: "Ops" });
    tick(1000);
    await service.patch("main", { label: "Home" });
    const all = service.list({ derivedTitles: true, lastMessage: true });
    expect(service.list().rows[2].derivedTitle).toBeUndefined();
    expect(all.rows.map((r) => r.key)).toEqual(["agent:main:main", "agent:ops:main", "agent:main:group:slack:C1"]);
    const slack = all.rows[2];
    expect(slack.derivedTitle).toBe("Plan the offsite please");
    expect(all.rows[0].derivedTitle).toBe("Home");
    expect(slack.lastMessagePreview).toBe("Sure, here is a plan");
    expect(service.list({ limit: 1 }).rows).toHaveLength(1);
    expect(service.list({ limit: 1 }).total).toBe(3);
    expect(service.list({ activeMinutes: 5 }).rows.map((r) => r.key)).toEqual(["agent:main:main", "agent:ops:main"]);
    expect(service.list({ search: "OPS" }).rows.map((r) => r.key)).toEqual(["agent:ops:main"]);
    expect(service.list({ search: "slack" }).rows).toHaveLength(1);
    expect(service.list({ agentId: "ops" }).rows.map((r) => r.key)).toEqual(["agent:ops:main"]);
  });

  it("preview returns the last messages, shortened, with a status per key", async () => {
    const { service } = setup();
    await service.append("main", [
      { role: "user", content: "one" },
      { role: "assistant", content: "two " + "x".repeat(100) },
      { role: "user", content: "three" },
    ]);
    await service.patch("agent:main:subagent:r9", { label: "empty" });
    const [ok, missing, empty, bad] = service.preview(["main", "agent:main:group:x:1", "agent:main:subagent:r9", "nope"], 2, 20);
    expect(ok).toEqual({
      key: "main",
      status: "ok",
      items: [
        { role: "assistant", text: "two xxxxxxxxxxxxxxx…" },
        { role: "user", text: "three" },
      ],
    });
    expect(missing.status).toBe("missing");
    expect(empty.status).toBe("empty");
    expect(bad.status).toBe("error");
  });

  it("reset gives a new sessionId, keeps settings, archives the old transcript", async () => {
    const { service, stateDir } = setup();
    const before = await service.append("main", [{ role: "user", content: "hi" }], { inputTokens: 5, outputTokens: 7 });
    await service.patch("main", { label: "Keep" });
    const { entry, archived } = await service.reset("main");
    expect(entry.sessionId).not.toBe(before.sessionId);
    expect(entry.label).toBe("Keep");
    expect(entry.totalTokens).toBeUndefined();
    expect(archived).toMatch(new RegExp(`${before.sessionId}\\.jsonl\\.reset\\.\\d+$`));
    expect(readMessages(archived!)).toHaveLength(1);
    expect(readdirSync(join(stateDir, "agents/main/sessions")).some((f) => f.startsWith(entry.sessionId))).toBe(false);
  });

  it("delete archives the transcript; the main session cannot be deleted", async () => {
    const { service } = setup();
    await expect(service.delete("main")).rejects.toThrow(SessionRuleError);
    await expect(service.delete("agent:ops:main")).rejects.toThrow("cannot be deleted");
    const e = await service.append("agent:main:group:tg:1", [{ role: "user", content: "bye" }]);
    const result = await service.delete("agent:main:group:TG:1");
    expect(result).toMatchObject({ key: "agent:main:group:tg:1", deleted: true });
    expect(result.archived[0]).toContain(`${e.sessionId}.jsonl.deleted.`);
    expect(service.get("agent:main:group:tg:1")).toBeUndefined();
    expect((await service.delete("agent:main:group:tg:1")).deleted).toBe(false);
  });

  it("compact keeps the last N lines and archives the full transcript", async () => {
    const { service } = setup();
    await service.append(
      "main",
      Array.from({ length: 10 }, (_, i) => ({ role: "user", content: `m${i}` })),
    );
    expect(await service.compact("main", 20)).toMatchObject({ compacted: false, kept: 10 });
    const r = await service.compact("main", 3);
    expect(r).toMatchObject({ compacted: true, kept: 3 });
    expect(readMessages(service.transcriptPath("main")!).map((m) => m.content)).toEqual(["m7", "m8", "m9"]);
    expect(readMessages(r.archived!)).toHaveLength(10);
    expect((await service.compact("agent:main:group:a:b")).compacted).toBe(false);
  });

  it("a torn last transcript line is skipped and the next append stays whole", async () => {
    const { service } = setup();
    await service.append("main", [{ role: "user", content: "ok" }]);
    const path = service.transcriptPath("main")!;
    appendFileSync(path, '{"role":"assistant","content":"tor');
    expect(readMessages(path).map((m) => m.content)).toEqual(["ok"]);
    await service.append("main", [{ role: "user", content: "after" }]);
    expect(readMessages(path).map((m) => m.content)).toEqual(["ok", "after"]);
  });

  it("concurrent patches of many sessions all land; a corrupt store is moved aside at start", async () => {
    const { service, make, stateDir, warnings } = setup();
    await Promise.all(Array.from({ length: 50 }, (_, i) => service.patch(`agent:main:subagent:r${i}`, { label: `L${i}` })));
    expect(make().list().total).toBe(50);
    const dir = join(stateDir, "agents/broken/sessions");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "sessions.json"), "");
    const again = make();
    expect(again.list({ agentId: "broken" }).total).toBe(0);
    expect(warnings.some((w) => w.includes("moved it aside"))).toBe(true);
    expect(readdirSync(dir).some((f) => f.startsWith("sessions.json.corrupt-"))).toBe(true);
  });
});
