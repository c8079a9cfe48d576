/**
 * Wire conformance with protocol v3 (issue 16): the request shapes that the reference's own clients
 * send (its CLI, Control UI, node host and exec tool; read from OpenClaw 2026.3.2, see
 * notes/ref-v3/diff.md) must pass our params validators, and the answers its gateway gave
 * (schema/testdata/v3-reference-answers.json) must pass our result validators.
 * runtime/e2e/conformance.test.ts sends the same requests to the real gateway process.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { MethodName } from "../generated/ts/types.js";
import { validateParams, validateResult } from "../generated/ts/validators.js";
import { V3_CLIENT_REQUESTS } from "./testdata/v3-client-requests.js";

interface RecordedAnswer {
  method: MethodName;
  params: unknown;
  result: unknown;
  source: string;
}

const answers = (JSON.parse(readFileSync(new URL("./testdata/v3-reference-answers.json", import.meta.url), "utf8")) as { answers: RecordedAnswer[] }).answers;

describe("request shapes of the v3 reference's own clients", () => {
  it.each(V3_CLIENT_REQUESTS.map((r) => [`${r.client}: ${r.method} ${r.note ?? ""}`.trim(), r] as const))("%s passes our params validator", (_label, request) => {
    const checked = validateParams(request.method as MethodName, request.params ?? {});
    expect(checked.ok ? "ok" : checked.message).toBe("ok");
  });
});

describe("answers of the v3 reference gateway", () => {
  it.each(answers.map((a) => [`${a.method} (${a.source})`, a] as const))("%s passes our params and result validators", (_label, answer) => {
    const params = validateParams(answer.method, answer.params);
    expect(params.ok ? "ok" : params.message).toBe("ok");
    const result = validateResult(answer.method, answer.result);
    expect(result.ok ? "ok" : result.message).toBe("ok");
  });
});

describe("what v3 tolerates, we tolerate", () => {
  it("accepts unknown members where the reference does not validate params", () => {
    for (const method of ["health", "status", "system-presence", "last-heartbeat", "voicewake.get", "tts.status", "usage.status"] as const) {
      const checked = validateParams(method, { anything: true, nested: { x: 1 } });
      expect(checked.ok ? "ok" : checked.message, method).toBe("ok");
    }
  });

  it("still rejects unknown members where the reference's schema is closed", () => {
    const checked = validateParams("sessions.list", { includeUnknown: true, bogus: 1 });
    expect(checked.ok).toBe(false);
  });
});
