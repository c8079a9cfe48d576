import { describe, expect, it } from "vitest";
import { isSameOrigin } from "./same-origin.js";

describe("isSameOrigin", () => {
  it("allows the gateway's own loopback, localhost and IP-literal origins on the arrival port", () => {
    expect(isSameOrigin("http://127.0.0.1:18789", "127.0.0.1:18789", 18789)).toBe(true);
    expect(isSameOrigin("http://localhost:18789", "localhost:18789", 18789)).toBe(true);
    expect(isSameOrigin("http://[::1]:18789", "[::1]:18789", 18789)).toBe(true);
    expect(isSameOrigin("http://192.168.1.5:18789", "192.168.1.5:18789", 18789)).toBe(true);
    expect(isSameOrigin("https://gw.example", "gw.example", 443, ["gw.example"])).toBe(true);
  });

  it("refuses other hosts, ports, schemes, rebindable names and malformed origins", () => {
    expect(isSameOrigin("http://127.0.0.1:5173", "127.0.0.1:18789", 18789)).toBe(false);
    expect(isSameOrigin("http://127.0.0.1:18789", "127.0.0.1:18789", 8080)).toBe(false);
    expect(isSameOrigin("http://evil.example:18789", "evil.example:18789", 18789)).toBe(false);
    expect(isSameOrigin("http://evil.example:18789", "127.0.0.1:18789", 18789)).toBe(false);
    expect(isSameOrigin("null", "127.0.0.1:18789", 18789)).toBe(false);
    expect(isSameOrigin("file://", "127.0.0.1:18789", 18789)).toBe(false);
    expect(isSameOrigin("http://127.0.0.1:18789/", "127.0.0.1:18789", 18789)).toBe(false);
    expect(isSameOrigin("http://127.0.0.1:18789", undefined, 18789)).toBe(false);
  });
});
