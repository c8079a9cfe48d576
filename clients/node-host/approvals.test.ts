/** The node's exec policy with a scripted operator. */

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { ExecApprovalDecision } from "../../generated/ts/types.js";
import { type ApprovalQuestion, NodeApprovals } from "./approvals.js";
import { Allowlist, CommandError } from "./system-commands.js";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
function setup(legacy: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), "tidegate-node-approvals-"));
  dirs.push(dir);
  const approvals = new NodeApprovals(dir, new Allowlist(legacy), () => 42);
  const questions: ApprovalQuestion[] = [];
  const operator = (decision: ExecApprovalDecision | null) => async (q: ApprovalQuestion) => {
    questions.push(q);
    return decision;
  };
  return { dir, approvals, questions, operator };
}
const opts = { cwd: "/", askTimeoutMs: 5000 };
const refusal = async (p: Promise<unknown>) => {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CommandError);
  return (error as CommandError).message;
};

describe("NodeApprovals", () => {
  it("runs allowlisted binaries without asking; asks for the rest (default ask on-miss)", async () => {
    const { approvals, questions, operator } = setup(["echo"]);
    await approvals.authorize(["echo", "hi"], "/bin/echo", opts, operator("deny"));
    expect(questions).toHaveLength(0);
    await approvals.authorize(["ls", "/"], "/bin/ls", opts, operator("allow-once"));
    expect(questions[0]).toEqual({ command: "ls /", argv: ["ls", "/"], cwd: "/", resolvedPath: "/bin/ls", agentId: undefined, security: "allowlist", ask: "on-miss", timeoutMs: 5000 });
    // allow-once does not stick
    await approvals.authorize(["ls"], "/bin/ls", opts, operator("allow-once"));
    expect(questions).toHaveLength(2);
  });

  it("allow-always writes the binary into exec-approvals.json, then it runs without asking", async () => {
    const { approvals, questions, operator } = setup();
    await approvals.authorize(["ls", "/"], "/bin/ls", opts, operator("allow-always"));
    const stored = JSON.parse(readFileSync(approvals.path, "utf8"));
    expect(stored.agents["*"].allowlist).toEqual([{ pattern: "/bin/ls", lastUsedAt: 42, lastUsedCommand: "ls /", lastResolvedPath: "/bin/ls" }]);
    await approvals.authorize(["ls"], "/bin/ls", opts, operator("deny"));
    expect(questions).toHaveLength(1);
  });

  it("deny and no answer refuse with a clear message; askFallback full runs", async () => {
    const { approvals, operator } = setup();
    expect(await refusal(approvals.authorize(["ls"], "/bin/ls", opts, operator("deny")))).toBe("/bin/ls is not in this node's allowlist and an operator denied it");
    expect(await refusal(approvals.authorize(["ls"], "/bin/ls", opts, operator(null)))).toBe("/bin/ls is not in this node's allowlist and no operator approved it within 5 s");
    approvals.set({ file: { version: 1, defaults: { askFallback: "full" } } });
    await approvals.authorize(["ls"], "/bin/ls", opts, operator(null));
  });

  it("ask off refuses at once, security deny refuses everything, full runs everything", async () => {
    const { approvals, questions, operator } = setup(["echo"]);
    let snap = approvals.set({ file: { version: 1, defaults: { ask: "off" } } });
    expect(await refusal(approvals.authorize(["ls"], "/bin/ls", opts, operator("allow-once")))).toMatch(/not in this node's allowlist; add it/);
    snap = approvals.set({ file: { version: 1, agents: { "*": { security: "deny" } } }, baseHash: snap.hash });
    expect(await refusal(approvals.authorize(["echo"], "/bin/echo", opts, operator("allow-once")))).toMatch(/security: deny/);
    approvals.set({ file: { version: 1, defaults: { security: "full" } }, baseHash: snap.hash });
    await approvals.authorize(["ls"], "/bin/ls", opts, operator("deny"));
    expect(questions).toHaveLength(0);
  });

  it("system.execApprovals.set is a compare-and-set; a bad file is refused", () => {
    const { approvals } = setup();
    const first = approvals.set({ file: { version: 1 } });
    expect(() => approvals.set({ file: { version: 1 } })).toThrow(/baseHash is required/);
    expect(() => approvals.set({ file: { version: 1 }, baseHash: "stale" })).toThrow(/changed since/);
    expect(() => approvals.set({ file: { version: 3 }, baseHash: first.hash })).toThrow(CommandError);
    expect(approvals.snapshot()).toEqual(first);
  });

  it("a corrupt file refuses to run anything rather than guessing", async () => {
    const { approvals, operator } = setup(["echo"]);
    writeFileSync(approvals.path, "{");
    await expect(approvals.authorize(["echo"], "/bin/echo", opts, operator("allow-once"))).rejects.toThrow(/not valid JSON/);
  });
});
