/**
 * `tidegate node run`: join a gateway as role `node`, declare caps and
 * commands, get paired (silently on loopback, otherwise wait for approval and
 * say so), reconnect forever with backoff, and serve `node.invoke.request`.
 */

import { hostname } from "node:os";
import { join } from "node:path";
import { type ConnectionFlags, gatewayTarget as target } from "../../common/paths.js";
import { PRODUCT_VERSION } from "../../generated/ts/registry.js";
import type { ExecApprovalDecision, NodeInvokeRequestEvent } from "../../generated/ts/types.js";
import { DeviceIdentity, DeviceTokenStore, GatewayClient, type GatewayClientError } from "../ts/index.js";
import { type ApprovalQuestion, NodeApprovals } from "./approvals.js";
import { Allowlist, CommandError, NODE_COMMANDS, runCommand, whichCommand } from "./system-commands.js";

/** How long the node waits for an operator: what the invoke leaves, minus margins for the answers. */
const DEFAULT_INVOKE_TIMEOUT_MS = 30_000;
const ANSWER_MARGIN_MS = 2_000;

export interface NodeRunFlags extends ConnectionFlags {
  displayName?: string;
  allow?: string[];
  stateDir?: string;
}

const say = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);

export async function runNodeHost(flags: NodeRunFlags): Promise<void> {
  const { url, token, stateDir: defaultStateDir, tlsFingerprint } = target(flags);
  const stateDir = flags.stateDir ?? join(defaultStateDir, "node");
  const allowlist = Allowlist.load(join(stateDir, "node-allowlist.json"), flags.allow ?? []);
  const approvals = new NodeApprovals(stateDir, allowlist);
  const client = new GatewayClient({
    url,
    token,
    password: flags.password,
    tlsFingerprint,
    role: "node",
    identity: DeviceIdentity.load(stateDir),
    tokens: DeviceTokenStore.at(stateDir),
    client: { id: "node-host", mode: "node", displayName: flags.displayName ?? hostname(), version: PRODUCT_VERSION },
    caps: ["system"],
    commands: [...NODE_COMMANDS],
    pathEnv: process.env.PATH,
    reconnect: true,
  });
  client.onLifecycle("hello", () => say(`connected to ${url} as node ${client.deviceId.slice(0, 12)} (allowlist: ${approvals.describe()})`));
  client.onLifecycle("disconnect", ({ code }) => say(`disconnected (${code}); reconnecting`));
  client.onLifecycle("retry", ({ error, delayMs }) => {
    if (error.detailCode === "PAIRING_REQUIRED")
      say(`waiting for approval: run \`tidegate devices approve ${String(error.details?.requestId)}\` on the gateway (retry in ${Math.round(delayMs / 1000)} s)`);
    else say(`cannot connect: ${error.code}${error.detailCode ? ` (${error.detailCode})` : ""}: ${error.message} (retry in ${Math.round(delayMs / 1000)} s)`);
  });
  client.on("node.invoke.request", (request) => void serve(client, request, approvals));
  const stop = async () => {
    await client.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
  try {
    await client.start();
  } catch (error) {
    // Only failures another attempt cannot fix end up here (a wrong pinned certificate, a refused token…).
    const e = error as GatewayClientError;
    process.stderr.write(`tidegate node: cannot join ${url}: ${e.code ?? "ERROR"}${e.detailCode ? ` (${e.detailCode})` : ""}: ${e.message}\n`);
    process.exit(1);
  }
}

/** Put a command to the operators through the gateway; an error while asking counts as no answer. */
async function askOperators(client: GatewayClient, nodeId: string, question: ApprovalQuestion): Promise<ExecApprovalDecision | null> {
  say(`asking operators whether ${question.resolvedPath} may run (${question.command})`);
  try {
    const answer = await client.call(
      "exec.approval.request",
      {
        command: question.command,
        commandArgv: question.argv,
        cwd: question.cwd ?? null,
        nodeId,
        host: "node",
        security: question.security,
        ask: question.ask,
        agentId: question.agentId ?? null,
        resolvedPath: question.resolvedPath,
        timeoutMs: question.timeoutMs,
      },
      { timeoutMs: question.timeoutMs + ANSWER_MARGIN_MS },
    );
    say(`approval ${answer.id}: ${answer.decision ?? "no answer (deny)"}`);
    return answer.decision ?? null;
  } catch (error) {
    say(`could not ask operators: ${(error as Error).message}`);
    return null;
  }
}

async function serve(client: GatewayClient, request: NodeInvokeRequestEvent, approvals: NodeApprovals): Promise<void> {
  const answer = { id: request.id, nodeId: request.nodeId };
  try {
    const params = request.paramsJSON === undefined ? undefined : JSON.parse(request.paramsJSON);
    let payload: unknown;
    if (request.command === "system.which") payload = whichCommand(params);
    else if (request.command === "system.run") {
      const askTimeoutMs = Math.max(1000, (request.timeoutMs ?? DEFAULT_INVOKE_TIMEOUT_MS) - 2 * ANSWER_MARGIN_MS);
      payload = await runCommand(params, (resolved, run) =>
        approvals.authorize(run.argv, resolved, { cwd: run.cwd, agentId: run.agentId, askTimeoutMs }, (q) => askOperators(client, request.nodeId, q)),
      );
    } else if (request.command === "system.execApprovals.get") payload = approvals.snapshot();
    else if (request.command === "system.execApprovals.set") payload = approvals.set(params);
    else throw new CommandError("UNKNOWN_COMMAND", `this node does not serve ${request.command}`);
    await client.call("node.invoke.result", { ...answer, ok: true, payloadJSON: JSON.stringify(payload) });
  } catch (error) {
    const failure = error instanceof CommandError ? error : new CommandError("INVALID_PARAMS", (error as Error).message);
    say(`${request.command} refused: ${failure.message}`);
    await client.call("node.invoke.result", { ...answer, ok: false, error: { code: failure.code, message: failure.message } }).catch(() => undefined);
  }
}
