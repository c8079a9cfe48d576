/** End to end: exec approval requests through the real process — who may decide, once, and who hears about it. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GatewayProcess, startGateway } from "../../testing/gateway-process.js";
import { DeviceKey, RawClient } from "../../testing/raw-client.js";

let gw: GatewayProcess;
let approver: RawClient;
let reader: RawClient;
let node: RawClient;
const nodeKey = new DeviceKey();

beforeAll(async () => {
  gw = await startGateway();
  approver = await RawClient.open(gw.url);
  expect((await approver.connect({ token: gw.token, scopes: ["operator.approvals"], client: { displayName: "laptop" } })).ok).toBe(true);
  reader = await RawClient.open(gw.url);
  expect((await reader.connect({ token: gw.token, scopes: ["operator.read", "operator.write"] })).ok).toBe(true);
  node = await RawClient.open(gw.url);
  expect((await node.connect({ token: gw.token, role: "node", device: nodeKey, commands: ["system.run"] })).ok).toBe(true);
});
afterAll(async () => {
  [approver, reader, node].forEach((c) => c?.close());
  await gw.dispose();
});

describe("exec approvals (real process)", () => {
  it("a node asks (two-phase); only operator.approvals hears it and may decide, once", async () => {
    const id = `ea-${Date.now()}`;
    const ask = node.request("exec.approval.request", { id, command: "rm -rf build", commandArgv: ["rm", "-rf", "build"], twoPhase: true, timeoutMs: 20_000 });
    const accepted = await ask;
    expect(accepted.ok).toBe(true);
    expect(accepted.payload).toMatchObject({ status: "accepted", id });
    const requested = await approver.next((f) => f.event === "exec.approval.requested" && f.payload.id === id);
    expect(requested.payload.request).toMatchObject({ command: "rm -rf build", commandArgv: ["rm", "-rf", "build"] });
    expect(requested.payload.request.nodeId).toBe(nodeKey.id); // a node asks about itself

    const refused = await reader.request("exec.approval.resolve", { id, decision: "allow-once" });
    expect(refused.error).toMatchObject({ code: "INVALID_REQUEST", details: { code: "MISSING_SCOPE", scope: "operator.approvals" } });
    const byNode = await node.request("exec.approval.resolve", { id, decision: "allow-once" });
    expect(byNode.error).toMatchObject({ code: "INVALID_REQUEST", details: { code: "ROLE_NOT_ALLOWED" } });

    const ok = await approver.request("exec.approval.resolve", { id, decision: "allow-once" });
    expect(ok.payload).toEqual({ ok: true });
    const final = await node.next((f) => f.type === "res" && f.payload?.decision !== undefined && f.payload?.id === id);
    expect(final.payload).toMatchObject({ id, decision: "allow-once" });
    const again = await approver.request("exec.approval.resolve", { id, decision: "deny" });
    expect(again.error).toMatchObject({ code: "INVALID_REQUEST", details: { code: "ALREADY_RESOLVED" } });
    expect(again.error!.message).toMatch(/already resolved \(allow-once by laptop\)/);

    const resolved = await approver.next((f) => f.event === "exec.approval.resolved" && f.payload.id === id);
    expect(resolved.payload).toMatchObject({ decision: "allow-once", resolvedBy: "laptop" });
    expect(reader.frames.some((f) => f.event?.startsWith("exec.approval."))).toBe(false);
    expect(node.frames.some((f) => f.event?.startsWith("exec.approval."))).toBe(false);
  });

  it("a node may only ask and wait: other operator methods stay refused; its pending requests are capped", async () => {
    for (const method of ["exec.approval.list", "cron.list", "exec.approvals.get"]) {
      expect((await node.request(method, {})).error).toMatchObject({ details: { code: "ROLE_NOT_ALLOWED" } });
    }
    const asked = await Promise.all(Array.from({ length: 16 }, (_, i) => node.request("exec.approval.request", { id: `cap-${i}`, command: `true ${i}`, twoPhase: true, timeoutMs: 20_000 })));
    expect(asked.every((f) => f.payload?.status === "accepted")).toBe(true);
    const over = await node.request("exec.approval.request", { command: "one more", twoPhase: true });
    expect(over.error).toMatchObject({ code: "UNAVAILABLE", details: { code: "TOO_MANY_PENDING" }, retryable: true });
    for (let i = 0; i < 16; i++) await approver.request("exec.approval.resolve", { id: `cap-${i}`, decision: "deny" });
    expect((await approver.request("exec.approval.list")).payload.pending).toEqual([]);
  });

  it("no decision in time answers decision null; waitDecision reports it", async () => {
    const res = await approver.request("exec.approval.request", { command: "ls", timeoutMs: 300 });
    expect(res.payload).toMatchObject({ decision: null });
    const wait = await approver.request("exec.approval.waitDecision", { id: res.payload.id });
    expect(wait.payload).toMatchObject({ id: res.payload.id, decision: null });
    const late = await approver.request("exec.approval.resolve", { id: res.payload.id, decision: "allow-once" });
    expect(late.error).toMatchObject({ details: { code: "EXPIRED" } });
  });

  it("exec.approvals.get|set: compare-and-set on baseHash", async () => {
    const admin = await RawClient.open(gw.url);
    await admin.connect({ token: gw.token });
    const first = (await admin.request("exec.approvals.get")).payload;
    // As v3: the first read completes the file (socket path, token kept back, defaults, agents).
    expect(first).toMatchObject({ exists: true, file: { version: 1, socket: { path: expect.stringMatching(/exec-approvals\.sock$/) }, defaults: {}, agents: {} } });
    expect(JSON.stringify(first)).not.toContain("token");
    const file = { version: 1, agents: { "*": { allowlist: [{ pattern: "/usr/bin/git" }] } } };
    const written = await admin.request("exec.approvals.set", { file, baseHash: first.hash });
    expect(written.payload).toMatchObject({ exists: true, file });
    const stale = await admin.request("exec.approvals.set", { file: { version: 1 }, baseHash: first.hash });
    expect(stale.error).toMatchObject({ details: { code: "CONFLICT" } });
    admin.close();
  });
});
