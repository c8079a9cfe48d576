/**
 * How a CLI command reaches the gateway: `--url` and `--token`, or the local
 * gateway's defaults from the state directory; one connection per command;
 * errors mapped to exit codes (1 gateway error, 3 unreachable).
 */

import { DeviceIdentity, DeviceTokenStore, GatewayClient, GatewayClientError } from "../clients/ts/index.js";
import { type ConnectionFlags, gatewayTarget } from "../common/paths.js";
import type { Scope } from "../generated/ts/types.js";
import { EXIT_GATEWAY_ERROR, EXIT_UNREACHABLE, EXIT_USAGE, printJson, UsageError } from "./output.js";

export type { ConnectionFlags };

/** Report a failure the way the CLI does, and return its exit code. */
export function reportError(error: unknown, json: boolean | undefined): number {
  const e = error instanceof GatewayClientError ? error : new GatewayClientError("UNREACHABLE", (error as Error).message);
  // A connection refused as unsafe (plain ws:// with credentials, a certificate that is not the pinned one) exits 1 like a
  // gateway error: retrying cannot fix it. Only a gateway that cannot be reached exits 3.
  const refusedAsUnsafe = e.code === "INSECURE_TRANSPORT" || e.code === "TLS_FINGERPRINT_MISMATCH";
  const exit = e.code === "INVALID_FINGERPRINT" ? EXIT_USAGE : e.fromGateway || refusedAsUnsafe ? EXIT_GATEWAY_ERROR : EXIT_UNREACHABLE;
  if (json) printJson({ ok: false, error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) } });
  else {
    const detail = e.detailCode ? ` (${e.detailCode})` : "";
    process.stderr.write(`error: ${e.code}${detail}: ${e.message}\n`);
    if (e.detailCode === "PAIRING_REQUIRED") process.stderr.write(`  approve it on the gateway: tidegate devices approve ${String(e.details?.requestId)}\n`);
    if (e.detailCode === "AUTH_TOKEN_MISMATCH" || e.detailCode === "AUTH_REQUIRED") process.stderr.write("  pass the gateway's token with --token or TIDEGATE_GATEWAY_TOKEN\n");
    if (e.code === "TLS_FINGERPRINT_MISMATCH") process.stderr.write("  nothing was sent; check --tls-fingerprint / TIDEGATE_TLS_FINGERPRINT against `tidegate status` run on the gateway's host\n");
  }
  return exit;
}

/** Connect, run `work`, close. Exit codes: 0 ok, 1 the gateway answered with an error, 3 unreachable. */
export async function withGateway(flags: ConnectionFlags, scopes: Scope[], work: (client: GatewayClient) => Promise<void>): Promise<number> {
  const { url, token, stateDir, tlsFingerprint } = gatewayTarget(flags);
  let client: GatewayClient | undefined;
  try {
    client = new GatewayClient({
      url,
      token,
      password: flags.password,
      tlsFingerprint,
      scopes,
      reconnect: false,
      identity: DeviceIdentity.load(stateDir),
      tokens: DeviceTokenStore.at(stateDir),
      client: { id: "cli", mode: "cli" },
      connectTimeoutMs: 5000,
      callTimeoutMs: flags.timeout ? Number(flags.timeout) : 30_000,
    });
    await client.start();
    await work(client);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    return reportError(error, flags.json);
  } finally {
    await client?.close().catch(() => undefined);
  }
}
