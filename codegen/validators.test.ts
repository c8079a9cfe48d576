/** The generated validators: every example is valid, bad input gets a readable message. */

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EVENT_NAMES, METHOD_NAMES } from "../generated/ts/registry.js";
import type { TypeMap } from "../generated/ts/types.js";
import { validate, validateEventPayload, validateParams, validateResult } from "../generated/ts/validators.js";

const vectors = JSON.parse(readFileSync(new URL("../generated/examples.json", import.meta.url), "utf8")).vectors as {
  name: string;
  type: keyof TypeMap;
  value: unknown;
}[];

const connect = { minProtocol: 3, maxProtocol: 3, client: { id: "cli", version: "dev", platform: "linux", mode: "cli" } };

describe("example vectors", () => {
  it.each(vectors.map((v) => [v.name, v] as const))("%s is valid", (_, vector) => {
    const result = validate(vector.type, vector.value);
    expect(result.ok ? "" : result.message).toBe("");
  });

  it("cover every method and event", () => {
    const names = new Set(vectors.map((v) => v.name));
    for (const method of METHOD_NAMES) expect(names).toContain(`method/${method}/params`);
    for (const event of EVENT_NAMES) expect(names).toContain(`event/${event}`);
  });
});

describe("messages", () => {
  it("name the path and the problem, several at once", () => {
    const result = validate("ConnectParams", { ...connect, client: { ...connect.client, id: 5 }, x: 1 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toBe("at root: unexpected property 'x'; at /client/id: must be string");
  });

  it("report a missing property", () => {
    const result = validateParams("node.invoke", { nodeId: "n", command: "system.run" });
    expect(!result.ok && result.message).toBe("at root: missing property 'idempotencyKey'");
  });

  it("list the allowed values of an enum", () => {
    const result = validate("ConnectClient", { ...connect.client, mode: "robot" });
    expect(!result.ok && result.message).toBe('at /mode: must be one of "cli", "node", "ui", "webchat", "backend", "probe", "test"');
  });

  it("explain a nullable field in one line", () => {
    const result = validateParams("sessions.patch", { key: "k", label: 5 });
    expect(!result.ok && result.message).toBe("at /label: must be string or null");
  });

  it("never echo the offending value", () => {
    const secret = "hunter2-" + "x".repeat(100);
    const result = validate("ConnectAuth", { token: 1, [secret]: true });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).not.toContain("x".repeat(80));
      expect(result.message).toContain("unexpected property 'hunter2-");
    }
  });

  it("check the discriminator of a tagged union", () => {
    const result = validate("CronSchedule", { kind: "yearly" });
    expect(result.ok).toBe(false);
  });

  it("validate results and event payloads too", () => {
    expect(validateResult("health", { ok: true, ts: 1, durationMs: 0 }).ok).toBe(true);
    expect(validateEventPayload("tick", { ts: -1 }).ok).toBe(false);
  });
});
