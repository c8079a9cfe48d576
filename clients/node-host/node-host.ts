/**
 * `tidegate node run`: join a gateway as role `node`, declare caps and
 * commands, get paired (silently on loopback, otherwise wait for approval and
 * say so), reconnect forever with backoff, and serve `node.invoke.request`.
 */
import { join } from "node:path";
import { hostname } from "node:os";
import { PRODUCT_VERSION } from "../../generated/ts/registry.js";
import type { NodeInvokeRequestEvent } from "../../generated/ts/types.js";
import { GatewayClient, DeviceIdentity, DeviceTokenStore } from "../ts/index.js";
import { gatewayTarget as target, type ConnectionFlags } from "../../common/paths.js";
import { Allowlist, CommandError, NODE_COMMANDS, runCommand, whichCommand } from "./system-commands.js";

export interface NodeRunFlags extends ConnectionFlags {
  displayName?: string;
  allow?: string[];
  stateDir?: string;
}

const say = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);

export async function runNodeHost(flags: NodeRunFlags): Promise<void> {
  const { url, token, stateDir: defaultStateDir } = target(flags);
  const stateDir = flags.stateDir ?? join(defaultStateDir, "node");
  const allowlist = Allowlist.load(join(stateDir, "node-allowlist.json"), flags.allow ?? []);
  const client = new GatewayClient({
    url,
    token,
    password: flags.password,
    role: "node",
    identity: DeviceIdentity.load(stateDir),
    tokens: DeviceTokenStore.at(stateDir),
    client: { id: "node-host", mode: "node", displayName: flags.displayName ?? hostname(), version: PRODUCT_VERSION },
    caps: ["system"],
    commands: [...NODE_COMMANDS],
    pathEnv: process.env.PATH,
    reconnect: true,
  });
  client.onLifecycle("hello", () => say(`connected to ${url} as node ${client.deviceId.slice(0, 12)} (allowlist: ${allowlist.entries.join(", ") || "empty"})`));
  client.onLifecycle("disconnect", ({ code }) => say(`disconnected (${code}); reconnecting`));
  client.onLifecycle("retry", ({ error, delayMs }) => {
    if (error.detailCode === "PAIRING_REQUIRED") say(`waiting for approval: run \`tidegate devices approve ${String(error.details?.requestId)}\` on the gateway (retry in ${Math.round(delayMs / 1000)} s)`);
    else say(`cannot connect: ${error.code}${error.detailCode ? ` (${error.detailCode})` : ""}: ${error.message} (retry in ${Math.round(delayMs / 1000)} s)`);
  });
  client.on("node.invoke.request", (request) => void serve(client, request, allowlist));
  const stop = async () => {
    await client.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
  await client.start();
}

async function serve(client: GatewayClient, request: NodeInvokeRequestEvent, allowlist: Allowlist): Promise<void> {
  const answer = { id: request.id, nodeId: request.nodeId };
  try {
    const params = request.paramsJSON === undefined ? undefined : JSON.parse(request.paramsJSON);
    let payload: unknown;
    if (request.command === "system.which") payload = whichCommand(params);
    else if (request.command === "system.run") payload = await runCommand(params, allowlist);
    else throw new CommandError("UNKNOWN_COMMAND", `this node does not serve ${request.command}`);
    await client.call("node.invoke.result", { ...answer, ok: true, payloadJSON: JSON.stringify(payload) });
  } catch (error) {
    const failure = error instanceof CommandError ? error : new CommandError("INVALID_PARAMS", (error as Error).message);
    say(`${request.command} refused: ${failure.message}`);
    await client.call("node.invoke.result", { ...answer, ok: false, error: { code: failure.code, message: failure.message } }).catch(() => undefined);
  }
}
