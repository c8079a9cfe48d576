/** The onboarding wizard over a real ConfigService in a temp dir: step flows, bad answers, cancel, one at a time, compare-and-set. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSON5 from "json5";
import { afterEach, describe, expect, it } from "vitest";
import type { WizardNextResult, WizardStep } from "../../generated/ts/types.js";
import { ConfigService, hashText } from "../config/service.js";
import type { GatewayError } from "../errors.js";
import { createLogger } from "../log.js";
import { onboardingFlow, RESTART_DELAY_MS } from "./onboarding.js";
import { WizardService } from "./service.js";

const dirs: string[] = [];
const services: WizardService[] = [];
afterEach(() => {
  services.splice(0).forEach((s) => s.close());
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

function setup(configText?: string, env: NodeJS.ProcessEnv = {}, authFromFlags = false) {
  const dir = mkdtempSync(join(tmpdir(), "tidegate-wizard-"));
  dirs.push(dir);
  const path = join(dir, "tidegate.json");
  if (configText !== undefined) writeFileSync(path, configText);
  const logLines: string[] = [];
  const log = createLogger("debug", (l) => logLines.push(l));
  const config = new ConfigService({ path, initial: configText ? JSON5.parse(configText) : {}, initialHash: hashText(configText ?? ""), log });
  const restarts: (number | undefined)[] = [];
  config.setApplier((change) => {
    restarts.push(change.restartDelayMs);
    return undefined;
  });
  const wizard = new WizardService({
    flow: () => onboardingFlow({ config, version: "9.9.9", now: () => Date.UTC(2026, 0, 2), env, newToken: () => "generated-token-0123456789", authFromFlags }),
    log,
  });
  services.push(wizard);
  return { dir, path, config, wizard, logLines, restarts };
}

async function failure(work: () => unknown): Promise<GatewayError> {
  try {
    await work();
  } catch (error) {
    return error as GatewayError;
  }
  throw new Error("expected a failure");
}

/** Answer steps in order; each answer is checked against the step's type. */
async function drive(wizard: WizardService, sessionId: string, first: WizardNextResult, answers: [WizardStep["type"], unknown][]): Promise<{ steps: WizardStep[]; last: WizardNextResult }> {
  const steps: WizardStep[] = [];
  let result = first;
  for (const [type, value] of answers) {
    expect(result.done, `wizard ended early; steps so far: ${steps.map((s) => s.message).join(" | ")}`).toBe(false);
    const step = result.step!;
    expect(step.type).toBe(type);
    steps.push(step);
    result = await wizard.next(sessionId, { stepId: step.id, value });
  }
  return { steps, last: result };
}

describe("onboarding wizard", () => {
  it("openai-compatible provider with a key from the environment, default model, a new token: written in one compare-and-set patch", async () => {
    const t = setup('{ logging: { level: "info" } }');
    const start = await t.wizard.start();
    expect(start).toMatchObject({ done: false, status: "running", step: { type: "note", title: "Tidegate onboarding", executor: "client" } });
    const { steps, last } = await drive(t.wizard, start.sessionId, start, [
      ["note", undefined],
      ["select", "openai-chat"],
      ["text", "ollama"],
      ["text", "http://127.0.0.1:11434/v1"],
      ["select", "env"],
      ["text", "OLLAMA_KEY"],
      ["text", "llama3.2"],
      ["confirm", true],
      ["select", "token-new"],
      ["confirm", true],
    ]);
    expect(steps[1]).toMatchObject({ options: [{ value: "openai-chat" }, { value: "command" }, { value: "skip" }], initialValue: "openai-chat" });
    expect(steps[9].message).toContain("gateway.auth.token: (new, in");
    expect(last).toMatchObject({ done: false, step: { type: "note", title: "Done" } });
    expect(last.step!.message).toContain(`Wrote ${t.path}:`);
    expect(last.step!.message).toContain("OLLAMA_KEY is not set in the gateway's environment");
    const written = JSON5.parse(readFileSync(t.path, "utf8"));
    expect(written).toEqual({
      logging: { level: "info" },
      models: { providers: { ollama: { api: "openai-chat", baseUrl: "http://127.0.0.1:11434/v1", apiKeyEnv: "OLLAMA_KEY", models: [{ id: "llama3.2" }] } } },
      agents: { model: "ollama/llama3.2" },
      gateway: { auth: { mode: "token", token: "generated-token-0123456789" } },
      wizard: { lastRunAt: "2026-01-02T00:00:00.000Z", lastRunVersion: "9.9.9", lastRunCommand: "wizard.start", lastRunMode: "local" },
    });
    // gateway.auth needs a restart: asked with a delay so the last step reaches the client first.
    expect(t.restarts).toEqual([RESTART_DELAY_MS]);
    // The generated token is never shown in a step or the log.
    expect(JSON.stringify([steps, last])).not.toContain("generated-token");
    expect(t.logLines.join("\n")).not.toContain("generated-token");
    const end = await t.wizard.next(start.sessionId, { stepId: last.step!.id });
    expect(end).toEqual({ done: true, status: "done" });
    expect((await failure(() => t.wizard.status(start.sessionId))).details.code).toBe("NOT_FOUND");
  });

  it("a command provider and an inline API key stay out of every step, status and log line", async () => {
    const t = setup();
    const start = await t.wizard.start();
    const { steps, last } = await drive(t.wizard, start.sessionId, start, [
      ["note", undefined],
      ["select", "openai-chat"],
      ["text", undefined], // initial value: openai
      ["text", undefined], // https://api.openai.com/v1
      ["select", "inline"],
      ["text", "sk-very-secret-key"],
      ["text", "gpt-4o-mini"],
      ["confirm", false],
      ["select", "password"],
      ["text", "a-long-password!"],
      ["confirm", true],
    ]);
    expect(steps[5]).toMatchObject({ type: "text", sensitive: true });
    expect(last.step!.message).toContain("models.providers.openai.apiKey: (set)");
    expect(last.step!.message).toContain("gateway.auth.password: (set)");
    const seen = JSON.stringify([steps, last, t.wizard.status(start.sessionId)]) + t.logLines.join("\n");
    expect(seen).not.toContain("sk-very-secret-key");
    expect(seen).not.toContain("a-long-password!");
    const written = JSON5.parse(readFileSync(t.path, "utf8"));
    expect(written.models.providers.openai).toEqual({ api: "openai-chat", baseUrl: "https://api.openai.com/v1", apiKey: "sk-very-secret-key", models: [{ id: "gpt-4o-mini" }] });
    expect(written.agents).toBeUndefined();
    expect(written.gateway.auth).toEqual({ mode: "password", password: "a-long-password!" });
  });

  it("a token chosen while the gateway runs with --token says the flag wins until it is dropped", async () => {
    const t = setup("{}", {}, true);
    const start = await t.wizard.start();
    const { last } = await drive(t.wizard, start.sessionId, start, [
      ["note", undefined],
      ["select", "skip"],
      ["select", "token"],
      ["text", "my-chosen-token-123"],
      ["confirm", true],
    ]);
    expect(last.step!.message).toContain("which win over the config file");
    expect(last.step!.message).not.toContain("my-chosen-token-123");
  });

  it("a command provider; keeping auth as it is needs no restart", async () => {
    const t = setup("{}");
    const start = await t.wizard.start();
    await drive(t.wizard, start.sessionId, start, [
      ["note", undefined],
      ["select", "command"],
      ["text", "local"],
      ["text", "/usr/local/bin/my-agent"],
      ["text", "--model fast {prompt}"],
      ["text", "fast"],
      ["confirm", true],
      ["select", "keep"],
      ["confirm", true],
    ]);
    expect(JSON5.parse(readFileSync(t.path, "utf8")).models.providers.local).toEqual({
      api: "command",
      command: "/usr/local/bin/my-agent",
      args: ["--model", "fast", "{prompt}"],
      input: "argument",
      models: [{ id: "fast" }],
    });
    expect(t.restarts).toEqual([undefined]);
  });

  it("bad answers are specific errors and the same step stays current", async () => {
    const t = setup();
    const start = await t.wizard.start();
    const intro = start.step!;
    const wrongStep = await failure(() => t.wizard.next(start.sessionId, { stepId: "not-it" }));
    expect(wrongStep.details).toMatchObject({ code: "CONFLICT", currentStepId: intro.id });
    const select = (await t.wizard.next(start.sessionId, { stepId: intro.id })).step!;
    const badChoice = await failure(() => t.wizard.next(start.sessionId, { stepId: select.id, value: "carrier-pigeon" }));
    expect(badChoice.details).toMatchObject({ code: "INVALID_PARAMS", field: "answer.value" });
    expect(badChoice.message).toBe('choose one of: "openai-chat", "command", "skip"');
    const id = (await t.wizard.next(start.sessionId, { stepId: select.id, value: "openai-chat" })).step!;
    expect((await failure(() => t.wizard.next(start.sessionId, { stepId: id.id, value: "Not An Id" }))).message).toMatch(/lowercase letters/);
    const url = (await t.wizard.next(start.sessionId, { stepId: id.id, value: "p1" })).step!;
    expect((await failure(() => t.wizard.next(start.sessionId, { stepId: url.id, value: "ftp://x" }))).message).toMatch(/http:\/\/ or https:\/\//);
    // Asking again without an answer shows the same step.
    expect((await t.wizard.next(start.sessionId)).step!.id).toBe(url.id);
    expect(t.wizard.status(start.sessionId)).toEqual({ status: "running" });
  });

  it("one wizard at a time; cancel ends it and frees the next start", async () => {
    const t = setup();
    const first = await t.wizard.start();
    const busy = await failure(() => t.wizard.start());
    expect(busy.code).toBe("UNAVAILABLE");
    expect(busy.details).toMatchObject({ code: "WIZARD_RUNNING", sessionId: first.sessionId });
    expect(t.wizard.cancel(first.sessionId)).toEqual({ status: "cancelled", error: "cancelled" });
    expect((await failure(() => t.wizard.next(first.sessionId))).details.code).toBe("NOT_FOUND");
    const second = await t.wizard.start();
    expect(second.sessionId).not.toBe(first.sessionId);
    expect((await failure(() => t.wizard.start("remote"))).details.code).toBe("WIZARD_RUNNING");
    t.wizard.cancel(second.sessionId);
    expect((await failure(() => t.wizard.start("remote"))).details).toMatchObject({ code: "INVALID_PARAMS", field: "mode" });
  });

  it("an edit of the config file while the wizard runs is not overwritten: the wizard ends in error, nothing written", async () => {
    const t = setup("{}");
    const start = await t.wizard.start();
    const { last } = await drive(t.wizard, start.sessionId, start, [
      ["note", undefined],
      ["select", "skip"],
      ["select", "token-new"],
    ]);
    writeFileSync(t.path, '{ logging: { level: "debug" } }');
    const end = await t.wizard.next(start.sessionId, { stepId: last.step!.id, value: true });
    expect(end).toEqual({ done: true, status: "error", error: "the config file changed while the wizard ran; nothing was written — start the wizard again" });
    expect(readFileSync(t.path, "utf8")).toBe('{ logging: { level: "debug" } }');
  });

  it("declining the write leaves the file alone", async () => {
    const t = setup("{}");
    const start = await t.wizard.start();
    const { last } = await drive(t.wizard, start.sessionId, start, [
      ["note", undefined],
      ["select", "skip"],
      ["select", "token-new"],
      ["confirm", false],
    ]);
    expect(last.step).toMatchObject({ type: "note", message: "Nothing was written." });
    expect(readFileSync(t.path, "utf8")).toBe("{}");
  });
});
