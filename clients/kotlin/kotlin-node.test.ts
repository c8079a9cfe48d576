/**
 * The Kotlin node (built on the generated Kotlin models) against the real
 * gateway: it passes the handshake as a node, and a payload sent through the
 * TS client's `node.invoke` round-trips exactly. Built by `make kotlin-node`.
 */

import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GatewayProcess, REPO_ROOT, startGateway } from "../../testing/gateway-process.js";
import { GatewayClient } from "../ts/index.js";

const TARGET = join(REPO_ROOT, "clients/kotlin/target");
let gw: GatewayProcess;
let node: ChildProcess;
let output = "";
let operator: GatewayClient;

beforeAll(async () => {
  if (!existsSync(join(TARGET, "classpath.txt"))) throw new Error("the Kotlin node is not built: run `make kotlin-node`");
  gw = await startGateway();
  const classpath = [join(TARGET, "classes"), readFileSync(join(TARGET, "classpath.txt"), "utf8").trim()].join(":");
  node = spawn("java", ["-cp", classpath, "dev.tidegate.node.MainKt", "--url", gw.url, "--token", gw.token, "--display-name", "kotlin-node"], { stdio: ["ignore", "pipe", "pipe"] });
  await new Promise<void>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`Kotlin node did not connect:\n${output}`)), 150_000);
    const onData = (d: Buffer) => {
      output += d;
      if (output.includes("connected as node")) {
        clearTimeout(timer);
        done();
      }
    };
    node.stdout!.on("data", onData);
    node.stderr!.on("data", onData);
  });
  operator = new GatewayClient({ url: gw.url, token: gw.token, reconnect: false });
  await operator.start();
});

afterAll(async () => {
  node?.kill("SIGKILL");
  await operator?.close();
  await gw?.dispose();
});

describe("Kotlin node", () => {
  it("is listed as a connected node with its declared command", async () => {
    const { nodes } = await operator.call("node.list");
    expect(nodes.find((n) => n.displayName === "kotlin-node")).toMatchObject({ connected: true, commands: ["echo"], caps: ["echo"] });
  });

  it("round-trips an invoke payload exactly", async () => {
    const { nodes } = await operator.call("node.list");
    const nodeId = nodes.find((n) => n.displayName === "kotlin-node")!.nodeId;
    const params = { text: 'héllo \u2603 "quoted" \\ back', n: 1795285880479, f: 0.5, nested: { list: [1, null, true, "x"], empty: {} } };
    const result = await operator.call("node.invoke", { nodeId, command: "echo", params, idempotencyKey: crypto.randomUUID() });
    expect(result.payload).toEqual(params);
    expect(result.payloadJSON).toBe(JSON.stringify(params));
  });

  it("answers an undeclared-but-forwarded command with its own error", async () => {
    const { nodes } = await operator.call("node.list");
    const nodeId = nodes.find((n) => n.displayName === "kotlin-node")!.nodeId;
    const error = await operator.call("node.invoke", { nodeId, command: "camera.snap", idempotencyKey: crypto.randomUUID() }).catch((e: { detailCode?: string }) => e.detailCode);
    expect(error).toBe("NODE_COMMAND_NOT_DECLARED");
  });
});
