import { describe, expect, it } from "vitest";
import { resolvePaths } from "./paths.js";

describe("state paths", () => {
  const env = { TIDEGATE_STATE_DIR: "/s/.tidegate" };
  it("default to the state directory and its tidegate.json", () => {
    expect(resolvePaths({}, env)).toEqual({ stateDir: "/s/.tidegate", configPath: "/s/.tidegate/tidegate.json", defaultPort: 18789, profile: undefined });
    expect(resolvePaths({}, { ...env, TIDEGATE_CONFIG_PATH: "/etc/tg.json" }).configPath).toBe("/etc/tg.json");
  });

  it("--dev and --profile isolate state, config and port", () => {
    const dev = resolvePaths({ dev: true }, env);
    const work = resolvePaths({ profile: "work" }, env);
    const home = resolvePaths({ profile: "home" }, env);
    expect(dev).toMatchObject({ stateDir: "/s/.tidegate-dev", configPath: "/s/.tidegate-dev/tidegate.json", defaultPort: 19789 });
    expect(work.stateDir).toBe("/s/.tidegate-work");
    expect(new Set([18789, dev.defaultPort, work.defaultPort, home.defaultPort]).size).toBe(4);
    expect(resolvePaths({ profile: "work" }, env).defaultPort).toBe(work.defaultPort);
  });

  it("refuses profile names that could escape the directory", () => {
    expect(() => resolvePaths({ profile: "../x" }, env)).toThrow(/invalid profile name/);
  });
});
