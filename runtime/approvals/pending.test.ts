import { describe, expect, it } from "vitest";
import { FakeTime } from "../../testing/fake-time.js";
import type { GatewayError } from "../errors.js";
import { type ApprovalRecord, ExecApprovalRegistry } from "./pending.js";

const T0 = 1_700_000_000_000;
function setup(opts: { approvers?: boolean; maxPendingPerNode?: number } = {}) {
  const time = new FakeTime(T0);
  const requested: ApprovalRecord[] = [];
  const resolved: ApprovalRecord[] = [];
  const registry = new ExecApprovalRegistry({
    clock: time.clock,
    timers: time.timerSource,
    maxPendingPerNode: opts.maxPendingPerNode,
    hasApprovers: () => opts.approvers ?? true,
    onRequested: (r) => requested.push({ ...r }),
    onResolved: (r) => resolved.push({ ...r }),
  });
  return { time, registry, requested, resolved };
}
const node = { connId: "c1", deviceId: "n1", nodeId: "n1" };
const failure = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return { code: (error as GatewayError).code, detail: (error as GatewayError).details.code, message: (error as Error).message };
  }
  throw new Error("did not throw");
};

describe("ExecApprovalRegistry", () => {
  it("a request waits for the decision; the events carry the request", async () => {
    const { registry, requested, resolved } = setup();
    const record = registry.request({ command: "ls /", commandArgv: ["ls", "/"], cwd: "/", env: { B: "1", A: "2" }, resolvedPath: "/bin/ls" }, node);
    expect(record).toMatchObject({ state: "pending", createdAtMs: T0, expiresAtMs: T0 + 120_000 });
    expect(requested[0].request).toEqual({
      command: "ls /",
      commandArgv: ["ls", "/"],
      envKeys: ["A", "B"],
      cwd: "/",
      nodeId: "n1",
      host: null,
      security: null,
      ask: null,
      agentId: null,
      resolvedPath: "/bin/ls",
      sessionKey: null,
    });
    const waiting = registry.wait(record.id);
    registry.resolve(record.id, "allow-once", "laptop");
    expect(await waiting).toMatchObject({ decision: "allow-once", resolvedBy: "laptop", state: "resolved" });
    expect(resolved).toHaveLength(1);
  });

  it("no answer within the timeout is null (deny); a late resolve says it expired", async () => {
    const { registry, time } = setup();
    const record = registry.request({ command: "rm -rf /", timeoutMs: 1000 }, node);
    const waiting = registry.wait(record.id);
    await time.advance(1000);
    expect(await waiting).toMatchObject({ decision: null, state: "expired" });
    expect(failure(() => registry.resolve(record.id, "allow-once", "x"))).toMatchObject({ code: "INVALID_REQUEST", detail: "EXPIRED" });
  });

  it("is resolved once: the second resolve gets a clear error", () => {
    const { registry } = setup();
    const record = registry.request({ command: "ls" }, node);
    registry.resolve(record.id, "deny", "laptop");
    expect(failure(() => registry.resolve(record.id, "allow-always", "phone"))).toEqual({
      code: "INVALID_REQUEST",
      detail: "ALREADY_RESOLVED",
      message: `approval ${record.id} was already resolved (deny by laptop); a request is decided once`,
    });
    expect(failure(() => registry.resolve("nope", "deny", "x"))).toMatchObject({ detail: "NOT_FOUND" });
  });

  it("with nobody to ask, a request expires at once", async () => {
    const { registry } = setup({ approvers: false });
    const record = registry.request({ command: "ls" }, node);
    expect((await registry.wait(record.id)).decision).toBeNull();
  });

  it("bounds pending requests per node; others and finished ones do not count", () => {
    const { registry } = setup({ maxPendingPerNode: 2 });
    const a = registry.request({ command: "a" }, node);
    registry.request({ command: "b" }, node);
    expect(failure(() => registry.request({ command: "c" }, node))).toMatchObject({ code: "UNAVAILABLE", detail: "TOO_MANY_PENDING" });
    registry.request({ command: "c" }, { connId: "c2", nodeId: "n2" });
    registry.resolve(a.id, "deny", undefined);
    expect(registry.request({ command: "c" }, node).state).toBe("pending");
    expect(registry.pending()).toHaveLength(3);
  });

  it("waitDecision with its own timeout answers null and leaves the request pending; explicit ids are unique", async () => {
    const { registry, time } = setup();
    const record = registry.request({ id: "ea-1", command: "ls" }, node);
    expect(failure(() => registry.request({ id: "ea-1", command: "ls" }, node))).toMatchObject({ message: "approval id already pending" });
    const waiting = registry.wait("ea-1", 500);
    await time.advance(500);
    expect(await waiting).toMatchObject({ decision: null, waitTimedOut: true });
    expect(registry.get(record.id)?.state).toBe("pending");
    await expect(registry.wait("nope")).rejects.toThrow("approval expired or not found");
  });

  it("forgets outcomes after the retention time; close() denies everything pending", async () => {
    const { registry, time } = setup();
    const record = registry.request({ command: "ls" }, node);
    const other = registry.request({ command: "ls" }, node);
    registry.resolve(record.id, "deny", undefined);
    await time.advance(5 * 60_000);
    expect(failure(() => registry.resolve(record.id, "deny", undefined))).toMatchObject({ detail: "NOT_FOUND" });
    expect(registry.get(other.id)?.state).toBe("expired"); // its own 120 s passed meanwhile
    const third = registry.request({ command: "x" }, node);
    const waiting = registry.wait(third.id);
    registry.close();
    expect((await waiting).decision).toBeNull();
  });
});
