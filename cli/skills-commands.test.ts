/** `tidegate skills …` through the real gateway: list, enable/disable, env, install. */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSON5 from "json5";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tidegate } from "../testing/cli.js";
import { type GatewayProcess, startGateway } from "../testing/gateway-process.js";

let gw: GatewayProcess;
let binDir: string;
let env: Record<string, string>;
beforeAll(async () => {
  binDir = mkdtempSync(join(tmpdir(), "tidegate-cli-bin-"));
  // A fake npm that "installs" the tool the skill needs.
  writeFileSync(join(binDir, "npm"), `#!/bin/sh\nprintf '#!/bin/sh\\n' > '${binDir}/needle'\nchmod +x '${binDir}/needle'\necho installed needle\n`);
  chmodSync(join(binDir, "npm"), 0o755);
  gw = await startGateway({ config: {}, env: { PATH: `${binDir}:${process.env.PATH}` } });
  const dir = join(gw.stateDir, "workspace", "skills", "finder");
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "SKILL.md"),
    `---\ndescription: Finds things.\nmetadata: ${JSON.stringify({ openclaw: { emoji: "🔎", requires: { bins: ["needle"], env: ["FINDER_HOME"] }, install: [{ id: "node", kind: "node", package: "needle", bins: ["needle"] }] } })}\n---\n`,
  );
  env = { TIDEGATE_STATE_DIR: gw.stateDir, TIDEGATE_URL: gw.url, TIDEGATE_GATEWAY_TOKEN: gw.token };
});
afterAll(async () => {
  await gw?.dispose();
  rmSync(binDir, { recursive: true, force: true });
});
const cli = (...args: string[]) => tidegate(args, env);

describe("tidegate skills", () => {
  it("lists what each skill lacks, installs the offered installer, sets env, disables", async () => {
    const listed = await cli("skills");
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/🔎 finder +missing +openclaw-workspace +bins: needle; env: FINDER_HOME +node/);
    expect((await cli("skills", "list", "--eligible")).stdout).toContain("no skills ready");

    const installed = await cli("skills", "install", "finder");
    expect(installed).toMatchObject({ code: 0, stdout: "Installed (npm install)\n" });
    expect((await cli("skills", "env", "finder", "FINDER_HOME=/srv/finder")).stdout).toBe("skill finder: env FINDER_HOME updated\n");
    const ready = JSON.parse((await cli("skills", "list", "--json")).stdout);
    expect(ready.skills).toMatchObject([{ name: "finder", eligible: true }]);

    expect((await cli("skills", "disable", "finder")).stdout).toBe("skill finder disabled\n");
    expect((await cli("skills")).stdout).toMatch(/finder +missing +openclaw-workspace +disabled in config/);
    expect(JSON5.parse(readFileSync(join(gw.stateDir, "tidegate.json"), "utf8"))).toEqual({ skills: { entries: { finder: { env: { FINDER_HOME: "/srv/finder" }, enabled: false } } } });

    expect(await cli("skills", "env", "finder", "oops")).toMatchObject({ code: 2, stderr: expect.stringContaining("'oops' is not NAME=VALUE") });
    const unknown = await cli("skills", "install", "ghost");
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringContaining("no skill named 'ghost'") });
  });
});
