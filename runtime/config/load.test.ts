import { describe, expect, it } from "vitest";
import { ConfigError, parseConfigText } from "./load.js";
import { resolveSettings } from "./settings.js";

describe("config", () => {
  it("parses JSON5 and validates against the generated schema, naming the field", () => {
    expect(parseConfigText("c.json", "{ gateway: { port: 1234, }, // comment\n}")).toEqual({ gateway: { port: 1234 } });
    expect(() => parseConfigText("c.json", "{ gateway: { prot: 1 } }")).toThrow("c.json: at /gateway: unexpected property 'prot'");
  });

  it("rejects __proto__, constructor and prototype keys without polluting Object.prototype", () => {
    for (const key of ["__proto__", "constructor", "prototype"]) {
      expect(() => parseConfigText("c.json", `{ "gateway": { "${key}": { "polluted": true } } }`)).toThrow(ConfigError);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("keeps every default in one place and lets flags win over the file", () => {
    const settings = resolveSettings({ gateway: { port: 1000, auth: { token: "file" } } }, { port: 2000 });
    expect(settings).toMatchObject({ port: 2000, host: "127.0.0.1", auth: { mode: "token", token: "file" }, maxPayload: 26214400, tickIntervalMs: 30000 });
    expect(resolveSettings({}, { bind: "lan", token: "t" }).host).toBe("0.0.0.0");
  });
});
