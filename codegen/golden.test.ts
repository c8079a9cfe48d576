/**
 * Golden files: every target's output for the small fixture registry, kept
 * under `codegen/testdata/golden/`. A change to any emitter shows up here as
 * a reviewable diff. Refresh with `UPDATE_GOLDEN=1 npx vitest run codegen/golden.test.ts`.
 */

import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { emitAll } from "./emit/index.js";
import { buildModel } from "./model.js";
import { fixtureInput } from "./testdata/fixture.js";

const GOLDEN = join(import.meta.dirname, "testdata/golden");
const files = await emitAll(buildModel(fixtureInput()));

describe("golden output for the fixture registry", () => {
  it.each(files.map((f) => [f.path, f] as const))("%s", (_, file) => {
    const path = join(GOLDEN, file.path.replace(/^generated\//, ""));
    if (process.env.UPDATE_GOLDEN === "1") {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.contents);
    }
    expect(existsSync(path), `${path} missing: run with UPDATE_GOLDEN=1`).toBe(true);
    expect(file.contents).toBe(readFileSync(path, "utf8"));
  });
});
