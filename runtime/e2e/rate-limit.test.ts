/** End to end: brute force on the shared secret is locked out per address. */
import { afterAll, beforeAll, expect, it } from "vitest";
import { type GatewayProcess, startGateway } from "../../testing/gateway-process.js";
import { RawClient } from "../../testing/raw-client.js";

let gw: GatewayProcess;
beforeAll(async () => {
  gw = await startGateway();
});
afterAll(() => gw.dispose());

it("the 11th failure within a minute locks the address out, even with the right token; concurrent attempts cannot overrun it", async () => {
  const attempts = await Promise.all(
    Array.from({ length: 14 }, async () => {
      const client = await RawClient.open(gw.url);
      return (await client.connect({ token: "wrong" })).error!;
    }),
  );
  const codes = attempts.map((e) => e.details.code);
  expect(codes.filter((c) => c === "AUTH_TOKEN_MISMATCH").length).toBeLessThanOrEqual(11);
  expect(codes).toContain("AUTH_RATE_LIMITED");
  const right = await RawClient.open(gw.url);
  const res = await right.connect({ token: gw.token });
  expect(res.error).toMatchObject({ code: "UNAVAILABLE", details: { code: "AUTH_RATE_LIMITED" }, retryable: true });
  expect(res.error!.retryAfterMs).toBeGreaterThan(4 * 60_000);
  expect((await right.waitClose()).code).toBe(1008);
});

it("neither responses nor logs ever contain the secrets that were tried or the real one", () => {
  expect(gw.output()).not.toContain(gw.token);
  expect(gw.output()).not.toContain("wrong");
});
