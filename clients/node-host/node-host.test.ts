/** The headless node host as a real process against the real gateway: which, run, refused run, restart. */

import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExecApprovalRequestedEvent } from "../../generated/ts/types.js";
import { type GatewayProcess, startGateway, TIDEGATE_BIN } from "../../testing/gateway-process.js";
import { GatewayClient, GatewayClientError } from "../ts/index.js";
import { Allowlist, which } from "./system-commands.js";

let gw: GatewayProcess;
let operator: GatewayClient;
const nodeState = mkdtempSync(join(tmpdir(), "tidegate-node-"));

function startNodeHost(): { child: ChildProcess; output: () => string; ready: Promise<void> } {
  const child = spawn(process.execPath, [TIDEGATE_BIN, "node", "run", "--url", gw.url, "--token", gw.token, "--display-name", "ci-node", "--allow", "echo", "--state-dir", nodeState], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const ready = new Promise<void>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`node host did not connect:\n${output}`)), 30_000);
    const onData = (d: Buffer) => {
      output += d;
      if (output.includes("connected to")) {
        clearTimeout(timer);
        done();
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
  });
  return { child, output: () => output, ready };
}

async function nodeId(): Promise<string> {
  const { nodes } = await operator.call("node.list");
  return nodes.find((n) => n.displayName === "ci-node" && n.connected)!.nodeId;
}

let host: ReturnType<typeof startNodeHost>;
beforeAll(async () => {
  gw = await startGateway();
  operator = new GatewayClient({ url: gw.url, token: gw.token, reconnect: false });
  await operator.start();
  writeFileSync(join(nodeState, "node-allowlist.json"), JSON.stringify({ allow: ["true"] }));
  host = startNodeHost();
  await host.ready;
});
afterAll(async () => {
  host?.child.kill("SIGKILL");
  await operator?.close();
  await gw.dispose();
});

const invoke = async (command: string, params: unknown) => operator.call("node.invoke", { nodeId: await nodeId(), command, params, idempotencyKey: crypto.randomUUID() });

describe("node host", () => {
  it("declares its commands and answers system.which", async () => {
    const node = await operator.call("node.describe", { nodeId: await nodeId() });
    expect(node).toMatchObject({ caps: ["system"], commands: ["system.execApprovals.get", "system.execApprovals.set", "system.run", "system.which"], paired: true });
    const res = await invoke("system.which", { bins: ["echo", "definitely-not-a-binary"] });
    expect(res.payload).toEqual({ bins: { echo: which("echo"), "definitely-not-a-binary": null } });
  });

  it("runs an allowed binary with argv, cwd and env", async () => {
    const res = await invoke("system.run", { argv: ["echo", "hello", "$HOME"], cwd: "/", env: { X: "1" } });
    expect(res.payload).toEqual({ exitCode: 0, signal: null, stdout: "hello $HOME\n", stderr: "", timedOut: false });
    const fromFile = await invoke("system.run", { argv: ["true"] });
    expect(fromFile.payload).toMatchObject({ exitCode: 0 });
  });

  it("asks the operators about a binary outside its allowlist; a deny refuses it with a clear error", async () => {
    const asked: ExecApprovalRequestedEvent[] = [];
    const off = operator.on("exec.approval.requested", (event) => {
      asked.push(event);
      void operator.call("exec.approval.resolve", { id: event.id, decision: "deny" });
    });
    const error = (await invoke("system.run", { argv: ["ls", "/"] }).catch((e: unknown) => e)) as GatewayClientError;
    off();
    expect(asked[0].request).toMatchObject({ command: "ls /", commandArgv: ["ls", "/"], host: "node", nodeId: await nodeId(), resolvedPath: which("ls") });
    expect(error).toBeInstanceOf(GatewayClientError);
    expect(error.detailCode).toBe("NODE_COMMAND_FAILED");
    expect(error.details?.nodeCode).toBe("NOT_ALLOWED");
    expect(error.message).toMatch(/\/ls is not in this node's allowlist and an operator denied it/);
  });

  it("the node-host process asks for approval, runs on allow-once, and allow-always persists in its approvals file", async () => {
    let decision: "allow-once" | "allow-always" = "allow-once";
    const asked: string[] = [];
    const off = operator.on("exec.approval.requested", (event) => {
      asked.push(event.request.command);
      void operator.call("exec.approval.resolve", { id: event.id, decision });
    });
    try {
      expect((await invoke("system.run", { argv: ["uname"] })).payload).toMatchObject({ exitCode: 0 });
      expect(asked).toEqual(["uname"]);
      decision = "allow-always";
      expect((await invoke("system.run", { argv: ["uname", "-s"] })).payload).toMatchObject({ exitCode: 0, stdout: expect.stringMatching(/\w/) });
      expect(asked).toEqual(["uname", "uname -s"]);
      const stored = JSON.parse(readFileSync(join(nodeState, "exec-approvals.json"), "utf8"));
      expect(stored.agents["*"].allowlist).toEqual([expect.objectContaining({ pattern: which("uname"), lastUsedCommand: "uname -s" })]);
      // From now on it runs without asking, also through the gateway's view of the node's file.
      expect((await invoke("system.run", { argv: ["uname"] })).payload).toMatchObject({ exitCode: 0 });
      expect(asked).toHaveLength(2);
      const snapshot = await operator.call("exec.approvals.node.get", { nodeId: await nodeId() });
      expect(snapshot).toMatchObject({ exists: true, file: { agents: { "*": { allowlist: [{ pattern: which("uname") }] } } } });
      const denied = await operator.call("exec.approvals.node.set", { nodeId: await nodeId(), file: { ...snapshot.file, defaults: { ask: "off" } }, baseHash: snapshot.hash });
      expect(denied.file.defaults).toEqual({ ask: "off" });
      const stale = (await operator.call("exec.approvals.node.set", { nodeId: await nodeId(), file: snapshot.file, baseHash: snapshot.hash }).catch((e: unknown) => e)) as GatewayClientError;
      expect(stale.detailCode).toBe("CONFLICT");
      const refused = (await invoke("system.run", { argv: ["ls"] }).catch((e: unknown) => e)) as GatewayClientError;
      expect(refused.message).toMatch(/not in this node's allowlist; add it/);
      expect(asked).toHaveLength(2);
    } finally {
      off();
    }
  });

  it("comes back with the same identity after a restart", async () => {
    const before = await nodeId();
    host.child.kill("SIGTERM");
    await new Promise((r) => host.child.once("exit", r));
    host = startNodeHost();
    await host.ready;
    expect(await nodeId()).toBe(before);
    expect((await invoke("system.run", { argv: ["echo", "again"] })).payload).toMatchObject({ stdout: "again\n" });
  });
});

describe("allowlist", () => {
  it("matches names anywhere and absolute paths exactly", () => {
    const list = new Allowlist(["git", "/usr/bin/echo"]);
    expect(list.permits("/usr/local/bin/git")).toBe(true);
    expect(list.permits("/usr/bin/echo")).toBe(true);
    expect(list.permits("/tmp/echo")).toBe(false);
  });
});
