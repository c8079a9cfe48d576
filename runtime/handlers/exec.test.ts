/** exec handlers over in-memory services: scope of nodes, two-phase answers, once-only resolve, node file round trip. */

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Scope } from "../../generated/ts/types.js";
import { FakeTime } from "../../testing/fake-time.js";
import { ApprovalsFileStore } from "../approvals/file-store.js";
import { ExecApprovalRegistry } from "../approvals/pending.js";
import { GatewayError } from "../errors.js";
import type { GatewayServices } from "../services.js";
import type { CallContext, Caller } from "./context.js";
import { execHandlers } from "./exec.js";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function caller(role: "operator" | "node", id: string, scopes: Scope[] = []): Caller {
  return {
    connId: `conn-${id}`,
    role,
    scopes,
    deviceId: id,
    client: { id: "cli", displayName: id, version: "1", platform: "linux", mode: "cli" },
    isLocal: true,
    hasScope: (s) => scopes.includes(s) || scopes.includes("operator.admin"),
  };
}
const ctx = (c: Caller, accepted?: unknown[]): CallContext => ({ caller: c, signal: new AbortController().signal, accept: accepted ? (p) => accepted.push(p) : undefined });

function setup(invoke: (nodeId: string, command: string, params: unknown) => Promise<unknown> = async () => ({})) {
  const dir = mkdtempSync(join(tmpdir(), "tidegate-exec-"));
  dirs.push(dir);
  const time = new FakeTime(1000);
  const approvals = new ExecApprovalRegistry({ clock: time.clock, timers: time.timerSource, hasApprovers: () => true });
  const nodes = { invoke: async (nodeId: string, command: string, params: unknown) => ({ ok: true, nodeId, command, payload: await invoke(nodeId, command, params) }) };
  const h = execHandlers({ execApprovals: new ApprovalsFileStore(join(dir, "exec-approvals.json")), approvals, nodes } as unknown as Pick<GatewayServices, "execApprovals" | "approvals" | "nodes">);
  return { h, approvals, time };
}
const reason = async (call: () => unknown) => {
  try {
    await call();
  } catch (error) {
    return (error as GatewayError).details.code;
  }
  return "resolved";
};

describe("exec handlers", () => {
  it("a node asks (two-phase), an operator decides once; the second resolve is refused", async () => {
    const { h, approvals } = setup();
    const accepted: unknown[] = [];
    const node = caller("node", "n1");
    const answer = h["exec.approval.request"]({ command: "ls /", twoPhase: true }, ctx(node, accepted));
    await Promise.resolve();
    expect(accepted).toEqual([{ status: "accepted", id: expect.any(String), createdAtMs: 1000, expiresAtMs: 121_000 }]);
    const id = (accepted[0] as { id: string }).id;
    expect(approvals.get(id)?.request.nodeId).toBe("n1");
    const op = caller("operator", "laptop", ["operator.approvals"]);
    expect(await h["exec.approval.resolve"]({ id, decision: "allow-always" }, ctx(op))).toEqual({ ok: true });
    expect(await answer).toEqual({ id, decision: "allow-always", createdAtMs: 1000, expiresAtMs: 121_000 });
    expect(await reason(() => h["exec.approval.resolve"]({ id, decision: "deny" }, ctx(op)))).toBe("ALREADY_RESOLVED");
    expect(await h["exec.approval.waitDecision"]({ id }, ctx(op))).toMatchObject({ id, decision: "allow-always", resolvedBy: "laptop" });
  });

  it("a node may ask and wait only about itself", async () => {
    const { h } = setup();
    expect(await reason(() => h["exec.approval.request"]({ command: "ls", nodeId: "n2" }, ctx(caller("node", "n1"))))).toBe("ROLE_NOT_ALLOWED");
    const accepted: unknown[] = [];
    void h["exec.approval.request"]({ command: "ls", twoPhase: true }, ctx(caller("node", "n2"), accepted));
    await Promise.resolve();
    const id = (accepted[0] as { id: string }).id;
    expect(await reason(() => h["exec.approval.waitDecision"]({ id }, ctx(caller("node", "n1"))))).toBe("NOT_FOUND");
  });

  it("no decision before the timeout answers decision null", async () => {
    const { h, time } = setup();
    const answer = h["exec.approval.request"]({ command: "ls", timeoutMs: 50 }, ctx(caller("operator", "op", ["operator.approvals"])));
    await time.advance(50);
    expect(await answer).toMatchObject({ decision: null });
  });

  it("exec.approvals.set is a compare-and-set; node.get/set go through the node and keep its CONFLICT", async () => {
    const snapshot = { path: "/n/exec-approvals.json", exists: true, hash: "h1", file: { version: 1 } };
    const calls: unknown[] = [];
    const { h } = setup(async (nodeId, command, params) => {
      calls.push([nodeId, command, params]);
      if (command === "system.execApprovals.set" && (params as { baseHash?: string }).baseHash !== "h1") {
        throw new GatewayError("NODE_COMMAND_FAILED", "the approvals file changed since it was read", { nodeCode: "CONFLICT" });
      }
      return snapshot;
    });
    const op = ctx(caller("operator", "admin", ["operator.admin"]));
    const first = await h["exec.approvals.get"]({}, op);
    const written = await h["exec.approvals.set"]({ file: { version: 1, defaults: { ask: "always" } }, baseHash: first.hash }, op);
    expect(await reason(() => h["exec.approvals.set"]({ file: { version: 1 }, baseHash: first.hash }, op))).toBe("CONFLICT");
    expect(written.file.defaults).toEqual({ ask: "always" });
    expect(await h["exec.approvals.node.get"]({ nodeId: "n1" }, op)).toEqual(snapshot);
    expect(await reason(() => h["exec.approvals.node.set"]({ nodeId: "n1", file: { version: 1 }, baseHash: "old" }, op))).toBe("CONFLICT");
    expect(calls[0]).toEqual(["n1", "system.execApprovals.get", {}]);
  });
});
