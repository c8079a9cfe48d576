/**
 * Commands that work through the gateway when one answers and on the files in
 * the state directory when none does (config, logs, sessions): the shared
 * connection flags, the connect-or-fall-back runner and its exit codes.
 */
import type { Command } from "commander";
import { DeviceIdentity, DeviceTokenStore, GatewayClient, GatewayClientError } from "../clients/ts/index.js";
import { type ConnectionFlags, gatewayTarget } from "../common/paths.js";
import type { Scope } from "../generated/ts/types.js";
import { ConfigConflictError, ConfigInvalidError } from "../runtime/config/service.js";
import { EXIT_GATEWAY_ERROR, EXIT_USAGE, UsageError } from "./output.js";
import { reportError } from "./session.js";

const SCOPES: Scope[] = ["operator.admin", "operator.read", "operator.write", "operator.approvals", "operator.pairing"];

export function withConnection(command: Command): Command {
  return command
    .option("--url <url>", "gateway URL (default: the local gateway, else the files)")
    .option("--token <token>", "gateway token")
    .option("--password <password>", "gateway password")
    .option("--json", "print JSON")
    .option("--timeout <ms>", "give up on a call after this many milliseconds")
    .option("--dev", "the dev profile")
    .option("--profile <name>", "a named profile");
}

/**
 * A connected client, or undefined when no gateway answers (and no `--url` was given). With
 * `reconnect`, the client comes back by itself (with its backoff) after the gateway restarts;
 * the first connection still fails at once when nothing answers.
 */
async function openGateway(flags: ConnectionFlags, reconnect = false): Promise<GatewayClient | undefined> {
  const { url, token, stateDir } = gatewayTarget(flags);
  const client = new GatewayClient({
    url,
    token,
    password: flags.password,
    scopes: SCOPES,
    reconnect,
    identity: DeviceIdentity.load(stateDir),
    tokens: DeviceTokenStore.at(stateDir),
    client: { id: "cli", mode: "cli" },
    connectTimeoutMs: 3000,
    callTimeoutMs: flags.timeout ? Number(flags.timeout) : 30_000,
  });
  let stopWatching = () => {};
  try {
    // A reconnecting client retries a failed first connection forever: here that failure is the answer.
    const firstFailure = new Promise<never>((_, reject) => (stopWatching = client.onLifecycle("retry", ({ error }) => reject(error))));
    await Promise.race([client.start(), firstFailure]);
    return client;
  } catch (error) {
    await client.close().catch(() => undefined);
    if (error instanceof GatewayClientError && error.fromGateway) throw error;
    if (flags.url || process.env.TIDEGATE_URL) throw error;
    return undefined;
  } finally {
    stopWatching();
  }
}

/** Resolves once `client` is connected again (at once when it is). */
export function reconnected(client: GatewayClient): Promise<void> {
  if (client.connected) return Promise.resolve();
  return new Promise((resolve) => {
    const stop = client.onLifecycle("hello", () => (stop(), resolve()));
  });
}

/** Run `online` through the gateway or `offline` on the files; map errors to exit codes. `reconnect`: the client survives gateway restarts. */
export async function either(flags: ConnectionFlags, online: (client: GatewayClient) => Promise<void>, offline: () => Promise<void>, reconnect = false): Promise<void> {
  let client: GatewayClient | undefined;
  try {
    client = await openGateway(flags, reconnect);
    if (client) await online(client);
    else await offline();
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`tidegate: ${error.message}\n`);
      process.exitCode = EXIT_USAGE;
    } else if (error instanceof LocalError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = EXIT_GATEWAY_ERROR;
    } else if (error instanceof ConfigConflictError || error instanceof ConfigInvalidError) {
      process.stderr.write(`error: ${error.message}\n`);
      process.exitCode = EXIT_GATEWAY_ERROR;
    } else process.exitCode = reportError(error, flags.json);
  } finally {
    await client?.close().catch(() => undefined);
  }
}

/** A failure reported with exit code 1 without a gateway. */
export class LocalError extends Error {}
