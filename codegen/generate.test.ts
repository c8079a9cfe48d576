/** Whole-toolchain properties: byte-stable output, the preamble, no machine-specific text, and the committed tree is current. */

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runProcess, TSX_CLI } from "../testing/child.js";
import { REPO_ROOT } from "../testing/gateway-process.js";
import type { GeneratedFile } from "./emit/generated-file.js";
import { GENERATED_NOTICE } from "./emit/generated-file.js";

let first: GeneratedFile[];
let second: GeneratedFile[];

// Two runs of generateFiles() in one child process (seconds of synchronous work must not block the test worker).
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "tidegate-generate-"));
  try {
    const out = join(dir, "files.json");
    const run = await runProcess(process.execPath, [TSX_CLI, "codegen/testdata/generate-twice.ts", out], { cwd: REPO_ROOT });
    expect(run.code, run.out).toBe(0);
    ({ first, second } = JSON.parse(readFileSync(out, "utf8")) as { first: GeneratedFile[]; second: GeneratedFile[] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 600_000);

describe("generated files", () => {
  it("are byte-identical on every run", () => {
    expect(second.map((f) => f.path)).toEqual(first.map((f) => f.path));
    second.forEach((file, i) => expect(file.contents === first[i].contents, file.path).toBe(true));
  });

  it("all start with the same notice (Package.swift after its tools-version line)", () => {
    for (const file of first) {
      const head = file.path.endsWith("Package.swift") ? file.contents.split("\n")[1] : file.contents.split("\n").slice(0, 2).join("\n");
      expect(head, file.path).toContain(GENERATED_NOTICE);
    }
  });

  it("hold no absolute paths, home directories or timestamps", () => {
    for (const file of first) {
      expect(file.contents, file.path).not.toContain(REPO_ROOT);
      expect(file.contents, file.path).not.toMatch(/\/(root|home)\/|\b20\d\d-\d\d-\d\dT\d\d:\d\d/);
    }
  });

  it("cover every target", () => {
    const paths = first.map((f) => f.path);
    for (const expected of [
      "generated/protocol.schema.json",
      "generated/ts/types.ts",
      "generated/ts/validators.compiled.js",
      "generated/ts/handlers.ts",
      "generated/ts/client.ts",
      "Package.swift",
      "protocol.lock.json",
      "generated/swift/Sources/TidegateProtocol/Models.swift",
      "generated/kotlin/pom.xml",
      "generated/kotlin/src/main/kotlin/dev/tidegate/protocol/Models.kt",
      "generated/docs/protocol.md",
    ]) {
      expect(paths).toContain(expected);
    }
  });

  it("match what is committed under generated/", () => {
    for (const file of first) expect(readFileSync(join(REPO_ROOT, file.path), "utf8") === file.contents, `${file.path} is stale: run npm run protocol:gen`).toBe(true);
  });
});

describe("JSON Schema", () => {
  it("references every named schema through $defs and carries the method table", () => {
    const schema = JSON.parse(first.find((f) => f.path === "generated/protocol.schema.json")!.contents);
    expect(schema.$defs.ConnectParams.properties.client).toEqual({ $ref: "#/$defs/ConnectClient" });
    expect(schema["x-methods"]["node.invoke"]).toMatchObject({ scope: "operator.write", idempotencyKey: true, since: 3, params: { $ref: "#/$defs/NodeInvokeParams" } });
    expect(schema["x-events"]["device.pair.requested"]).toMatchObject({ audience: "operator.pairing", droppable: false });
    const refs = JSON.stringify(schema).match(/"\$ref":"#\/\$defs\/(\w+)"/g) ?? [];
    for (const ref of refs) expect(schema.$defs).toHaveProperty(ref.slice(16, -1));
  });
});

describe("docs", () => {
  it("have a section per method with scope, idempotency, params, result, errors and example", () => {
    const docs = first.find((f) => f.path === "generated/docs/protocol.md")!.contents;
    const section = docs.slice(docs.indexOf("## node.invoke\n"), docs.indexOf("## node.invoke.result\n"));
    expect(section).toContain("- Scope: `operator.write`");
    expect(section).toContain("- Idempotency key: required");
    expect(section).toContain("| `nodeId` | `string` | yes |");
    expect(section).toContain("`NODE_NOT_CONNECTED`");
    expect(section).toContain('"method": "node.invoke"');
    expect(docs).toContain("### device.pair.requested");
  });
});
