import { describe, expect, it } from "vitest";
import { missingScope } from "./src/registry.js";

describe("scope gate", () => {
  it("names the first method whose scope the connection's scopes do not satisfy, by the gateway's implication rule", () => {
    const pairing = ["channels.pairing.list", "channels.pairing.approve"] as const;
    expect(missingScope(pairing, ["operator.read", "operator.write"])).toEqual({ method: "channels.pairing.list", scope: "operator.pairing" });
    expect(missingScope(pairing, ["operator.pairing"])).toBeUndefined();
    expect(missingScope(pairing, ["operator.admin"])).toBeUndefined();
    expect(missingScope(["channels.status"], ["operator.write"])).toBeUndefined(); // write satisfies read
    expect(missingScope(["channels.logout"], ["operator.write", "operator.pairing"])).toEqual({ method: "channels.logout", scope: "operator.admin" });
  });
});
