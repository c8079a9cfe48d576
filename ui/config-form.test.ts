import { describe, expect, it } from "vitest";
import { getPath, leafFields, mergePatch, parseInput } from "./src/config-form.js";

const schema = {
  $ref: "#/$defs/Config",
  $defs: {
    Config: { type: "object", properties: { gateway: { $ref: "#/$defs/Gateway" }, tags: { type: "array", items: { type: "string" } } } },
    Gateway: {
      type: "object",
      properties: {
        port: { type: "integer", description: "Port." },
        bind: { type: "string", enum: ["loopback", "lan"] },
        auth: { type: "object", properties: { token: { type: "string" }, trust: { type: "boolean" } } },
        limits: { type: "object", properties: { nested: { type: "object", properties: {} } } },
        providers: { type: "object", additionalProperties: { type: "string" } },
      },
    },
  },
};

describe("the config form", () => {
  it("lists the schema's editable leaves, labelled and ordered by the hints, secrets marked", () => {
    const fields = leafFields(schema, { "gateway.bind": { label: "Bind mode", order: 1 } });
    expect(fields.map((f) => [f.path, f.kind])).toEqual([
      ["gateway.bind", "enum"],
      ["gateway.port", "number"],
      ["gateway.auth.token", "string"],
      ["gateway.auth.trust", "boolean"],
      ["tags", "list"],
    ]);
    expect(fields[0]).toMatchObject({ label: "Bind mode", options: ["loopback", "lan"] });
    expect(fields[1].help).toBe("Port.");
    expect(fields.find((f) => f.path === "gateway.auth.token")?.sensitive).toBe(true);
  });

  it("reads values by path and writes a merge patch of the changes (cleared → null)", () => {
    expect(getPath({ gateway: { port: 1 } }, "gateway.port")).toBe(1);
    expect(getPath({ gateway: { port: 1 } }, "gateway.__proto__")).toBeUndefined();
    expect(mergePatch({ "gateway.port": 2, "gateway.auth.trust": true, tags: undefined })).toEqual({ gateway: { port: 2, auth: { trust: true } }, tags: null });
    expect(() => mergePatch({ "__proto__.polluted": 1 })).toThrow(/refusing/);
  });

  it("parses inputs by kind", () => {
    expect(parseInput("number", " 42 ")).toBe(42);
    expect(() => parseInput("number", "4x")).toThrow(/not a number/);
    expect(parseInput("list", "a, b\nc")).toEqual(["a", "b", "c"]);
    expect(parseInput("string", "  ")).toBeUndefined();
    expect(parseInput("boolean", "true")).toBe(true);
    expect(parseInput("boolean", "")).toBeUndefined();
  });
});
