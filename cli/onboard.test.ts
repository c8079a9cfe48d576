/** `tidegate onboard` as a whole process against the real gateway, answers piped on stdin. */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import JSON5 from "json5";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GatewayProcess, startGateway, TIDEGATE_BIN } from "../testing/gateway-process.js";
import { RawClient } from "../testing/raw-client.js";

let gw: GatewayProcess;
beforeAll(async () => {
  gw = await startGateway({ config: {} });
});
afterAll(() => gw?.dispose());

function onboard(input: string, args: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [TIDEGATE_BIN, "onboard", ...args], {
      env: { ...process.env, TIDEGATE_STATE_DIR: gw.stateDir, TIDEGATE_URL: gw.url, TIDEGATE_GATEWAY_TOKEN: gw.token },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe("tidegate onboard", () => {
  it("asks each step, re-asks after a wrong answer, writes the config and exits 0", async () => {
    const answers = [
      "1", // OpenAI-compatible API
      "Bad Id", // refused by the gateway: asked again
      "local-llm",
      "http://127.0.0.1:9/v1",
      "9", // not an option: asked again
      "3", // no key
      "", // default model id
      "y", // make it the default model
      "", // keep access as it is
      "", // write: yes
    ];
    const result = await onboard(answers.join("\n") + "\n");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("== Model provider ==");
    expect(result.stdout).toMatch(/lowercase letters/);
    expect(result.stdout).toContain("answer one number from 1 to 3");
    expect(result.stdout).toContain(`Wrote ${join(gw.stateDir, "tidegate.json")}:`);
    const written = JSON5.parse(readFileSync(join(gw.stateDir, "tidegate.json"), "utf8"));
    expect(written).toMatchObject({ models: { providers: { "local-llm": { baseUrl: "http://127.0.0.1:9/v1", models: [{ id: "gpt-4o-mini" }] } } }, agents: { model: "local-llm/gpt-4o-mini" } });
  });

  it("input that ends early cancels the wizard on the gateway (exit 2); --json prints one document", async () => {
    const cut = await onboard("1\n");
    expect(cut.code).toBe(2);
    expect(cut.stderr).toContain("the input ended before the wizard did");
    // The cancelled wizard does not block the next one.
    const admin = await RawClient.open(gw.url);
    await admin.connect({ token: gw.token, scopes: ["operator.admin"] });
    const start = await admin.request("wizard.start", {});
    expect(start.ok).toBe(true);
    await admin.request("wizard.cancel", { sessionId: start.payload.sessionId });
    admin.close();

    const json = await onboard(["3", "2", "n"].join("\n") + "\n", ["--json"]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ status: "done" });
    expect(json.stderr).toContain("Nothing was written.");
  });
});
