import { describe, expect, it } from "vitest";
import type { GatewayConfig } from "../../generated/ts/types.js";
import { applyMergePatch, diffPaths, ForbiddenKeyError } from "./merge-patch.js";
import { planReload, RELOAD_RULES, ruleFor } from "./reload-plan.js";

describe("merge patch", () => {
  it("merges objects, null deletes, arrays and scalars replace, inputs untouched", () => {
    const target = { a: { b: 1, c: [1, 2] }, d: "x" };
    const out = applyMergePatch(target, { a: { b: null, c: [3] }, e: { f: true } });
    expect(out).toEqual({ a: { c: [3] }, d: "x", e: { f: true } });
    expect(target).toEqual({ a: { b: 1, c: [1, 2] }, d: "x" });
    expect(applyMergePatch({ a: 1 }, "text")).toBe("text");
  });

  it.each(["__proto__", "constructor", "prototype"])("refuses %s at any depth, leaving Object.prototype alone", (key) => {
    const patch = JSON.parse(`{"gateway":{"${key}":{"polluted":true}}}`);
    expect(() => applyMergePatch({}, patch)).toThrow(ForbiddenKeyError);
    expect(() => applyMergePatch(JSON.parse(`{"${key}":{"x":1}}`), { a: 1 })).toThrow(ForbiddenKeyError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("diffs leaf paths", () => {
    expect(diffPaths({ a: { b: 1, c: 2 }, l: [1] }, { a: { b: 1, c: 3, d: 4 }, l: [1, 2] })).toEqual(["a.c", "a.d", "l"]);
    expect(diffPaths({}, {})).toEqual([]);
  });
});

describe("reload planner", () => {
  it("reads its rules from the generated config schema", () => {
    expect(RELOAD_RULES.length).toBeGreaterThan(5);
    expect(ruleFor("gateway.port").kind).toBe("restart");
    expect(ruleFor("gateway.auth.token").kind).toBe("restart");
    expect(ruleFor("gateway.tickIntervalMs").kind).toBe("hot");
    expect(ruleFor("channels.telegram.allowFrom").kind).toBe("hot");
    expect(ruleFor("agents.work.model").kind).toBe("none");
    expect(ruleFor("agents.work.sandbox.mode").kind).toBe("restart");
    expect(ruleFor("something.unknown").kind).toBe("restart");
  });

  const base: GatewayConfig = { gateway: { port: 1000, tickIntervalMs: 30000, reload: { mode: "hybrid" } } };
  const hot: GatewayConfig = { gateway: { ...base.gateway, tickIntervalMs: 5000, allowedOrigins: ["http://a"] } };
  const infra: GatewayConfig = { gateway: { ...hot.gateway, port: 2000 } };

  it.each([
    ["hybrid", hot, "hot"],
    ["hybrid", infra, "restart"],
    ["hot", hot, "hot"],
    ["hot", infra, "hot"],
    ["restart", hot, "restart"],
    ["off", infra, "off"],
    ["hybrid", base, "none"],
  ] as const)("mode %s: decision %s → %s", (mode, next, decision) => {
    expect(planReload(base, next, { mode }).decision).toBe(decision);
  });

  it("says which paths are hot, which need a restart, and which actions run", () => {
    const plan = planReload(base, infra, { mode: "hot" });
    expect(plan.hotPaths).toEqual(["gateway.allowedOrigins", "gateway.tickIntervalMs"]);
    expect(plan.restartPaths).toEqual(["gateway.port"]);
    expect(plan.actions.sort()).toEqual(["restart-timers", "update-settings"]);
    expect(plan.warnings[0]).toContain("needs a restart to take effect (reload mode hot): gateway.port");
  });

  it("uses the new config's mode by default; changing only the reload mode needs nothing", () => {
    const plan = planReload(base, { gateway: { ...base.gateway, reload: { mode: "restart" } } });
    expect(plan).toMatchObject({ mode: "restart", nonePaths: ["gateway.reload.mode"], restartPaths: [] });
  });
});
