/** End to end against the real process: skills.status/update/bins, tools.catalog and the onboarding wizard start → next → done. */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSON5 from "json5";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GatewayProcess, startGateway } from "../../testing/gateway-process.js";
import { DeviceKey, type Frame, RawClient } from "../../testing/raw-client.js";

let gw: GatewayProcess;
let admin: RawClient;
let binDir: string;

beforeAll(async () => {
  const stateDir = mkdtempSync(join(tmpdir(), "tidegate-e2e-skills-"));
  binDir = mkdtempSync(join(tmpdir(), "tidegate-e2e-bin-"));
  const skillDir = join(stateDir, "workspace", "skills", "hello");
  mkdirSync(skillDir, { recursive: true });
  writeFileSync(
    join(skillDir, "SKILL.md"),
    `---\nname: hello\ndescription: Says hello with the hello-e2e tool.\nmetadata: { "openclaw": { "emoji": "👋", "primaryEnv": "HELLO_KEY", "requires": { "bins": ["hello-e2e"], "env": ["HELLO_KEY"] } } }\n---\n`,
  );
  writeFileSync(join(stateDir, "tidegate.json"), "{}");
  gw = await startGateway({ stateDir, env: { PATH: `${binDir}:${process.env.PATH}` } });
  admin = await RawClient.open(gw.url);
  await admin.connect({ token: gw.token, scopes: ["operator.admin"] });
});
afterAll(async () => {
  admin?.close();
  await gw?.dispose();
  rmSync(gw.stateDir, { recursive: true, force: true });
  rmSync(binDir, { recursive: true, force: true });
});

describe("skills (real process)", () => {
  it("status lists the workspace skill and what it lacks; update writes skills.entries and the status follows", async () => {
    const first = (await admin.request("skills.status", {})).payload;
    expect(first.workspaceDir).toBe(join(gw.stateDir, "workspace"));
    expect(first.managedSkillsDir).toBe(join(gw.stateDir, "skills"));
    expect(first.skills).toMatchObject([{ name: "hello", source: "openclaw-workspace", emoji: "👋", eligible: false, missing: { bins: ["hello-e2e"], env: ["HELLO_KEY"] } }]);

    // A binary appears on the gateway's PATH: the next status sees it.
    writeFileSync(join(binDir, "hello-e2e"), "#!/bin/sh\necho hello\n");
    chmodSync(join(binDir, "hello-e2e"), 0o755);
    const updated = await admin.request("skills.update", { skillKey: "hello", apiKey: "hello-secret-key" });
    expect(updated.payload).toEqual({ ok: true, skillKey: "hello", config: { apiKey: "__OPENCLAW_REDACTED__" } });
    expect(JSON5.parse(readFileSync(join(gw.stateDir, "tidegate.json"), "utf8"))).toEqual({ skills: { entries: { hello: { apiKey: "hello-secret-key" } } } });
    expect((await admin.request("skills.status", {})).payload.skills[0]).toMatchObject({ eligible: true, missing: { bins: [], env: [] } });
    expect(gw.output()).not.toContain("hello-secret-key");

    const unknownAgent = await admin.request("skills.status", { agentId: "nobody" });
    expect(unknownAgent.error).toMatchObject({ code: "INVALID_REQUEST", details: { code: "NOT_FOUND" } });
    const badInstall = await admin.request("skills.install", { name: "hello", installId: "brew" });
    expect(badInstall.error).toMatchObject({ code: "INVALID_REQUEST", details: { code: "NOT_FOUND" } });
  });

  it("a skills.load.extraDirs edited into the config file applies without a restart", async () => {
    const extra = join(binDir, "extra-skills");
    mkdirSync(join(extra, "extra-one"), { recursive: true });
    writeFileSync(join(extra, "extra-one", "SKILL.md"), "---\ndescription: From an extra folder.\n---\n");
    const path = join(gw.stateDir, "tidegate.json");
    const config = JSON5.parse(readFileSync(path, "utf8"));
    writeFileSync(path, JSON.stringify({ ...config, skills: { ...config.skills, load: { extraDirs: [extra] } } }));
    const until = Date.now() + 15_000;
    let names: string[] = [];
    while (Date.now() < until) {
      names = (await admin.request("skills.status", {})).payload.skills.map((s: { name: string }) => s.name);
      if (names.includes("extra-one")) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(names).toEqual(["extra-one", "hello"]);
    const restored = JSON5.parse(readFileSync(path, "utf8"));
    delete restored.skills.load;
    writeFileSync(path, JSON.stringify(restored));
  });

  it("skills.bins is for nodes: an operator gets v3's role refusal, a node the sorted bins", async () => {
    const refused = await admin.request("skills.bins", {});
    expect(refused.error).toMatchObject({ code: "INVALID_REQUEST", details: { code: "ROLE_NOT_ALLOWED" } });
    const node = await RawClient.open(gw.url);
    const hello = await node.connect({ token: gw.token, role: "node", device: new DeviceKey(), commands: ["system.which"], caps: ["system"], client: { displayName: "bins-node" } });
    expect(hello.ok).toBe(true);
    expect((await node.request("skills.bins", {})).payload).toEqual({ bins: ["hello-e2e"] });
    node.close();
  });

  it("tools.catalog answers v3's profiles for the default agent", async () => {
    const catalog = (await admin.request("tools.catalog", { includePlugins: true })).payload;
    expect(catalog).toEqual({
      agentId: "main",
      profiles: [
        { id: "minimal", label: "Minimal" },
        { id: "coding", label: "Coding" },
        { id: "messaging", label: "Messaging" },
        { id: "full", label: "Full" },
      ],
      groups: [],
    });
  });
});

describe("wizard (real process)", () => {
  it("start → next … → done writes the provider and default model; a second start is refused while it runs", async () => {
    const start = (await admin.request("wizard.start", {})).payload;
    expect(start).toMatchObject({ done: false, status: "running", step: { type: "note", executor: "client" } });
    const refused = await admin.request("wizard.start", {});
    expect(refused.error).toMatchObject({ code: "UNAVAILABLE", details: { code: "WIZARD_RUNNING" } });
    expect((await admin.request("wizard.status", { sessionId: start.sessionId })).payload).toEqual({ status: "running" });

    const answers: unknown[] = [undefined, "openai-chat", "local-llm", "http://127.0.0.1:9/v1", "none", "tiny", true, "keep", true];
    let step = start.step;
    for (const value of answers) {
      const res: Frame = await admin.request("wizard.next", { sessionId: start.sessionId, answer: { stepId: step.id, ...(value === undefined ? {} : { value }) } });
      expect(res.ok, JSON.stringify(res.error)).toBe(true);
      step = res.payload.step;
    }
    expect(step).toMatchObject({ type: "note", title: "Done" });
    expect(step.message).toContain("agents.model: local-llm/tiny");
    const end = (await admin.request("wizard.next", { sessionId: start.sessionId, answer: { stepId: step.id } })).payload;
    expect(end).toEqual({ done: true, status: "done" });
    const written = JSON5.parse(readFileSync(join(gw.stateDir, "tidegate.json"), "utf8"));
    expect(written).toMatchObject({
      skills: { entries: { hello: { apiKey: "hello-secret-key" } } },
      models: { providers: { "local-llm": { api: "openai-chat", baseUrl: "http://127.0.0.1:9/v1", models: [{ id: "tiny" }] } } },
      agents: { model: "local-llm/tiny" },
      wizard: { lastRunMode: "local" },
    });
    // The new model is in force without a restart.
    expect((await admin.request("models.list", {})).payload.models).toEqual(expect.arrayContaining([expect.objectContaining({ id: "tiny", provider: "local-llm" })]));
    const gone = await admin.request("wizard.status", { sessionId: start.sessionId });
    expect(gone.error).toMatchObject({ details: { code: "NOT_FOUND" } });
  });

  it("cancel ends a running wizard", async () => {
    const start = (await admin.request("wizard.start", {})).payload;
    expect((await admin.request("wizard.cancel", { sessionId: start.sessionId })).payload).toEqual({ status: "cancelled", error: "cancelled" });
    const again = await admin.request("wizard.start", {});
    expect(again.ok).toBe(true);
    await admin.request("wizard.cancel", { sessionId: again.payload.sessionId });
  });
});

describe("skills.install download (real process, kill -9)", () => {
  it("a gateway killed mid-download leaves no partial tool file; the next install completes it", async () => {
    const body = Buffer.alloc(256 * 1024, 7);
    let stall = true;
    let started!: () => void;
    const downloading = new Promise<void>((r) => (started = r));
    // Serves half the file, then stalls while `stall` holds; afterwards the whole file at once.
    const server = createServer((req, res) => {
      if (req.url !== "/tool.bin") return void res.writeHead(404).end();
      res.writeHead(200, { "content-length": String(body.length) });
      if (!stall) return void res.end(body);
      res.write(body.subarray(0, body.length / 2), () => started());
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tool.bin`;
    const stateDir = mkdtempSync(join(tmpdir(), "tidegate-e2e-dl-"));
    const skillDir = join(stateDir, "workspace", "skills", "dl");
    mkdirSync(skillDir, { recursive: true });
    writeFileSync(join(skillDir, "SKILL.md"), `---\ndescription: Downloads a tool.\nmetadata: ${JSON.stringify({ openclaw: { install: [{ id: "get", kind: "download", url }] } })}\n---\n`);
    let proc = await startGateway({ stateDir });
    try {
      let client = await RawClient.open(proc.url);
      await client.connect({ token: proc.token, scopes: ["operator.admin"] });
      void client.request("skills.install", { name: "dl", installId: "get" }).catch(() => undefined);
      await downloading;
      await proc.stop("SIGKILL");
      client.close();
      const toolDir = join(stateDir, "tools", "dl");
      expect(existsSync(join(toolDir, "tool.bin"))).toBe(false);

      stall = false;
      proc = await startGateway({ stateDir, port: proc.port, token: proc.token });
      client = await RawClient.open(proc.url);
      await client.connect({ token: proc.token, scopes: ["operator.admin"] });
      const done = await client.request("skills.install", { name: "dl", installId: "get" });
      expect(done.payload).toMatchObject({ ok: true, message: `Downloaded to ${join(toolDir, "tool.bin")}` });
      expect(readFileSync(join(toolDir, "tool.bin")).equals(body)).toBe(true);
      expect(readdirSync(toolDir)).toEqual(["tool.bin"]);
      client.close();
    } finally {
      await proc.dispose();
      server.closeAllConnections();
      server.close();
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});
