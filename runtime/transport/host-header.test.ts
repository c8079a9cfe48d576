import { describe, expect, it } from "vitest";
import { hostName, isLoopbackHostHeader } from "./host-header.js";

describe("Host header (DNS-rebinding defence)", () => {
  it("loopback names and addresses count as local, with or without port", () => {
    for (const host of ["localhost", "localhost:18789", "LOCALHOST:1", "127.0.0.1", "127.0.0.1:18789", "127.1.2.3:80", "[::1]:18789", "[::1]", undefined]) {
      expect(isLoopbackHostHeader(host)).toBe(true);
    }
  });

  it("other names, including ones that embed a loopback address, do not", () => {
    for (const host of ["gateway.example.com", "127.0.0.1.nip.io:18789", "evil.example:18789", "localhost.evil.example", "128.0.0.1", "0.0.0.0", "", "[::2]:1"]) {
      expect(isLoopbackHostHeader(host)).toBe(false);
    }
  });

  it("configured hosts count, with or without port", () => {
    expect(isLoopbackHostHeader("mybox.local:18789", ["mybox.local"])).toBe(true);
    expect(isLoopbackHostHeader("mybox.local:18789", ["mybox.local:18789"])).toBe(true);
    expect(isLoopbackHostHeader("mybox.local:9999", ["mybox.local:18789"])).toBe(false);
    expect(hostName("[::1]:5")).toBe("::1");
  });
});
