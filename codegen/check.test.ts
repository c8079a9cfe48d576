/**
 * The drift gate itself, on a temporary copy of the repository: a schema
 * edit, a deleted file, a hand edit and an orphan each make
 * `protocol:check` fail with a diff and the command that fixes it.
 */

import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runProcess, TSX_CLI } from "../testing/child.js";

const ROOT = resolve(import.meta.dirname, "..");
let copy: string;

/** In a child process: generation is seconds of synchronous work, which must not block the test worker. */
async function protocol(command: "check" | "gen") {
  const { code, out } = await runProcess(process.execPath, [TSX_CLI, join(copy, "codegen/cli.ts"), command], { cwd: copy });
  return { code, out };
}

function fresh() {
  rmSync(join(copy, "generated"), { recursive: true, force: true });
  rmSync(join(copy, "schema"), { recursive: true, force: true });
  cpSync(join(ROOT, "generated"), join(copy, "generated"), { recursive: true, filter: (src) => !src.includes("/target") });
  cpSync(join(ROOT, "schema"), join(copy, "schema"), { recursive: true });
}

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), "tidegate-check-"));
  for (const dir of ["codegen", "runtime", "package.json", "Package.swift", "protocol.lock.json"]) cpSync(join(ROOT, dir), join(copy, dir), { recursive: true });
  symlinkSync(join(ROOT, "node_modules"), join(copy, "node_modules"));
});

afterAll(() => rmSync(copy, { recursive: true, force: true }));

// Each test runs whole-protocol generation once or twice in child processes (4 s each on an idle machine,
// over a minute on a saturated one): the timeout is a hang guard only.
describe("protocol:check", { timeout: 600_000 }, () => {
  it("passes on an up-to-date tree", async () => {
    fresh();
    const { code, out } = await protocol("check");
    expect(out).toContain("generated/ matches schema/");
    expect(code).toBe(0);
  });

  it("fails after a schema edit, with a diff and the fix", async () => {
    fresh();
    const file = join(copy, "schema/system.ts");
    writeFileSync(file, readFileSync(file, "utf8").replace('ts: Int("Gateway time (ms since epoch)."),', 'ts: Int("Gateway time (ms since epoch)."),\n  jitterMs: Opt(Int("Jitter.")),'));
    const { code, out } = await protocol("check");
    expect(code).toBe(1);
    expect(out).toMatch(/^\+.*jitterMs/m);
    expect(out).toContain("Run `npm run protocol:gen`");
  });

  it("fails when a generated file is deleted", async () => {
    fresh();
    unlinkSync(join(copy, "generated/ts/client.ts"));
    const { code, out } = await protocol("check");
    expect(code).toBe(1);
    expect(out).toContain("missing: generated/ts/client.ts");
  });

  it("fails when a generated file is edited by hand", async () => {
    fresh();
    appendFileSync(join(copy, "generated/swift/Sources/TidegateProtocol/Models.swift"), "// my fix\n");
    const { code, out } = await protocol("check");
    expect(code).toBe(1);
    expect(out).toMatch(/^-\/\/ my fix/m);
  });

  it("fails when generated/ holds a file nothing generates", async () => {
    fresh();
    writeFileSync(join(copy, "generated/ts/extra.ts"), "export {};\n");
    const { code, out } = await protocol("check");
    expect(code).toBe(1);
    expect(out).toContain("orphan): generated/ts/extra.ts");
  });

  it("is fixed by protocol:gen, which removes orphans and never touches hand-written files", async () => {
    fresh();
    writeFileSync(join(copy, "generated/ts/extra.ts"), "export {};\n");
    const handler = join(copy, "runtime/handlers/node.ts");
    writeFileSync(handler, "// mine\n" + readFileSync(handler, "utf8"));
    expect((await protocol("gen")).code).toBe(0);
    expect((await protocol("check")).code).toBe(0);
    expect(readFileSync(handler, "utf8").startsWith("// mine\n")).toBe(true);
  });

  it("names the schema when a construct cannot be generated", async () => {
    fresh();
    const file = join(copy, "schema/system.ts");
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace('ts: Int("Gateway time (ms since epoch)."),', 'ts: Int("Gateway time (ms since epoch)."),\n  pair: Opt(Type.Tuple([Type.String()], { description: "x" })),') +
        '\nimport { Type } from "@sinclair/typebox";\n',
    );
    const { code, out } = await protocol("gen");
    expect(code).toBe(1);
    expect(out).toContain("protocol: TickEvent/properties/pair: tuples cannot be expressed");
  });
});
