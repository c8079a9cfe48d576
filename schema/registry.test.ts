/** The registry's own rules, and that nothing else in the repository keeps a list of methods or events. */

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { events, methods } from "./registry.js";

describe("registry", () => {
  it("gives every method a description, a scope and an example", () => {
    for (const [name, spec] of Object.entries(methods)) {
      expect(spec.description.length, name).toBeGreaterThan(5);
      expect(spec.example, name).toBeDefined();
    }
  });

  it("follows the v3 scope table", () => {
    const scope = (name: keyof typeof methods) => methods[name].scope;
    expect(scope("health")).toBe("operator.read");
    expect(scope("node.invoke")).toBe("operator.write");
    expect(scope("node.invoke.result")).toBe("node");
    expect(scope("node.event")).toBe("node");
    expect(scope("config.set")).toBe("operator.admin");
    expect(scope("config.get")).toBe("operator.read");
    expect(scope("config.schema")).toBe("operator.admin");
    expect(scope("skills.bins")).toBe("node");
    expect(scope("node.canvas.capability.refresh")).toBe("node");
    expect(scope("system-event")).toBe("operator.admin");
    expect(scope("device.token.rotate")).toBe("operator.pairing");
    expect(scope("node.rename")).toBe("operator.pairing");
    expect(scope("exec.approval.resolve")).toBe("operator.approvals");
    expect(scope("exec.approvals.set")).toBe("operator.admin");
    expect(scope("cron.add")).toBe("operator.admin");
  });

  it("requires an idempotencyKey exactly on the side-effecting methods", () => {
    const keyed = Object.entries(methods)
      .filter(([, spec]) => spec.idempotencyKey)
      .map(([name]) => name)
      .sort();
    expect(keyed).toEqual(["agent", "chat.send", "node.invoke", "poll", "send"]);
  });

  it("guards pairing and approval events", () => {
    expect(events["device.pair.requested"].audience).toBe("operator.pairing");
    expect(events["node.pair.resolved"].audience).toBe("operator.pairing");
    expect(events["exec.approval.requested"].audience).toBe("operator.approvals");
    expect(events["node.invoke.request"].audience).toBe("node");
  });
});

describe("single source of truth", () => {
  it("no hand-written file outside schema/ keeps a list of methods or events (an array or switch naming three or more)", () => {
    const names = [...Object.keys(methods), ...Object.keys(events)].filter((n) => n.includes("."));
    const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "*.ts", "*.js", "*.kt", "*.swift"], { encoding: "utf8" })
      .split("\n")
      .filter((f) => f && !f.startsWith("schema/") && !f.startsWith("generated/") && !f.startsWith("codegen/testdata/") && !f.endsWith(".test.ts"));
    const named = (text: string) => names.filter((name) => text.includes(`"${name}"`) || text.includes(`'${name}'`)).length;
    const offenders = files.flatMap((file) => {
      const text = readFileSync(file, "utf8");
      const arrays = [...text.matchAll(/\[[^[\]]{0,4000}\]/g)].map((m) => m[0]);
      const cases = text.match(/case ["'][\w.-]+["']:/g)?.join(" ") ?? "";
      return [...arrays, cases].filter((chunk) => named(chunk) >= 3).map((chunk) => `${file}: ${chunk.slice(0, 80)}`);
    });
    expect(offenders).toEqual([]);
  });
});
