import { describe, expect, it } from "vitest";
import { AuthRateLimiter, addressKey } from "./rate-limiter.js";

describe("AuthRateLimiter", () => {
  it("locks out on the 11th failure within a minute, for 5 minutes, on the monotonic clock", () => {
    let now = 0;
    const limiter = new AuthRateLimiter(undefined, () => now);
    for (let i = 0; i < 10; i++) expect(limiter.fail("10.0.0.1")).toBe(0);
    expect(limiter.retryAfter("10.0.0.1")).toBe(0);
    expect(limiter.fail("10.0.0.1")).toBe(300_000);
    now += 299_000;
    expect(limiter.retryAfter("10.0.0.1")).toBe(1000);
    now += 1000;
    expect(limiter.retryAfter("10.0.0.1")).toBe(0);
  });

  it("forgets failures older than the window", () => {
    let now = 0;
    const limiter = new AuthRateLimiter(undefined, () => now);
    for (let i = 0; i < 10; i++) limiter.fail("a");
    now += 61_000;
    expect(limiter.fail("a")).toBe(0);
  });

  it("counts each secret kind on its own budget, and any kind over budget locks the whole address", () => {
    const limiter = new AuthRateLimiter(undefined, () => 0);
    for (let i = 0; i < 10; i++) limiter.fail("a", "shared");
    for (let i = 0; i < 10; i++) expect(limiter.fail("a", "deviceToken")).toBe(0);
    expect(limiter.retryAfter("a")).toBe(0);
    expect(limiter.fail("a", "deviceToken")).toBe(300_000);
    expect(limiter.retryAfter("a")).toBe(300_000);
  });

  it("has no way to erase failures: only the window does", () => {
    expect((AuthRateLimiter.prototype as unknown as Record<string, unknown>).succeed).toBeUndefined();
  });

  it("IPv4 and IPv4-mapped IPv6 share one bucket", () => {
    expect(addressKey("::ffff:192.0.2.1")).toBe("192.0.2.1");
    const limiter = new AuthRateLimiter(undefined, () => 0);
    for (let i = 0; i < 6; i++) limiter.fail("192.0.2.1");
    for (let i = 0; i < 5; i++) limiter.fail("::ffff:192.0.2.1");
    expect(limiter.retryAfter("192.0.2.1")).toBeGreaterThan(0);
  });

  it("stays bounded when many addresses fail", () => {
    const limiter = new AuthRateLimiter({ maxFailures: 10, windowMs: 60_000, lockoutMs: 300_000, maxTrackedAddresses: 100 }, () => 0);
    for (let i = 0; i < 1000; i++) limiter.fail(`10.0.${i >> 8}.${i & 255}`);
    expect((limiter as unknown as { buckets: Map<string, unknown> }).buckets.size).toBeLessThanOrEqual(100);
  });
});
