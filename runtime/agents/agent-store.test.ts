import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { getFile, listFiles, setFile } from "./agent-files.js";
import { AgentStore, agentIdFrom } from "./agent-store.js";

const temp = () => mkdtempSync(join(tmpdir(), "tidegate-agentstore-"));

describe("agent store", () => {
  it("has the default agent, config agents and created ones; persists across instances", () => {
    const dir = temp();
    const config = { list: [{ id: "ops", name: "Ops", model: "local/llama" }] };
    const store = new AgentStore(dir, () => config);
    expect(store.list().map((a) => [a.id, a.source])).toEqual([
      ["main", "default"],
      ["ops", "config"],
    ]);
    const created = store.create({ name: "Research Bot", workspace: join(dir, "research"), model: "local/qwen", emoji: "🔬" });
    expect(created).toMatchObject({ id: "research-bot", name: "Research Bot", source: "state", model: "local/qwen" });
    expect(() => store.create({ name: "research bot", workspace: "/x" })).toThrow(expect.objectContaining({ details: expect.objectContaining({ code: "CONFLICT" }) }));
    const again = new AgentStore(dir, () => config);
    expect(again.get("research-bot")?.emoji).toBe("🔬");
    again.update("ops", { model: "local/other" });
    expect(new AgentStore(dir, () => config).get("ops")).toMatchObject({ model: "local/other", source: "config", name: "Ops" });
  });

  it("refuses to delete the default or a config agent, deletes created ones", () => {
    const store = new AgentStore(temp(), () => ({ list: [{ id: "ops" }] }));
    store.create({ name: "tmp", workspace: "/tmp/x" });
    expect(() => store.delete("main")).toThrow(/default agent/);
    expect(() => store.delete("ops")).toThrow(/config file/);
    expect(() => store.delete("ghost")).toThrow(/unknown agent 'ghost'/);
    store.delete("tmp");
    expect(store.get("tmp")).toBeUndefined();
  });

  it("derives ids from names", () => {
    expect(agentIdFrom("My Research Bot!")).toBe("my-research-bot");
    expect(agentIdFrom("!!!")).toBe("agent");
  });
});

describe("agent files", () => {
  it("lists known files, reads and writes by plain name only", () => {
    const ws = join(temp(), "ws");
    expect(listFiles(ws).find((f) => f.name === "AGENTS.md")).toMatchObject({ missing: true });
    setFile(ws, "AGENTS.md", "# Agent\nBe nice");
    expect(getFile(ws, "AGENTS.md")).toMatchObject({ missing: false, content: "# Agent\nBe nice", size: 15 });
    expect(listFiles(ws).map((f) => f.name)).toEqual(["AGENTS.md", "SOUL.md", "TOOLS.md", "IDENTITY.md", "USER.md", "HEARTBEAT.md", "BOOTSTRAP.md", "MEMORY.md"]);
    for (const bad of ["../AGENTS.md", "a/b", ".hidden", "NOTES.md"]) expect(() => getFile(ws, bad)).toThrow(/unsupported file/);
  });

  it("refuses symbolic links", () => {
    const dir = temp();
    const ws = join(dir, "ws");
    mkdirSync(ws);
    writeFileSync(join(dir, "secret"), "s");
    symlinkSync(join(dir, "secret"), join(ws, "SOUL.md"));
    expect(() => getFile(ws, "SOUL.md")).toThrow(/not a regular file/);
    expect(() => setFile(ws, "SOUL.md", "x")).toThrow(/not a regular file/);
  });
});
