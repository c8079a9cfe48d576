/** Doc comments cannot end or nest a Kotlin block comment, whatever the schema's description says. */
import { describe, expect, it } from "vitest";
import { kotlinDoc } from "./printer.js";

describe("kotlinDoc", () => {
  it("defuses both `*/` and `/*` (Kotlin block comments nest: a path glob like /usr/bin/* would swallow the file)", () => {
    const [line] = kotlinDoc("Glob such as `/usr/bin/*`, ends */ here");
    expect(line).toBe("/** Glob such as `/usr/bin&#47;*`, ends *&#47; here */");
    expect(String(line).slice(3, -3)).not.toMatch(/\/\*|\*\//);
  });
});
