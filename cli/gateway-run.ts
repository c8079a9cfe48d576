/**
 * `tidegate gateway run`: resolve paths and flags, start the gateway through
 * the composition root, print how to connect, and shut down cleanly on
 * SIGINT/SIGTERM. Start-up failures exit with the code the root gives them.
 */

import { join } from "node:path";
import { resolvePaths } from "../common/paths.js";
import type { BindMode } from "../runtime/config/settings.js";
import type { LogLevel } from "../runtime/log.js";
import { GatewayLogger } from "../runtime/logs/gateway-logger.js";
import { StartError } from "../runtime/start.js";
import { superviseGateway } from "../runtime/supervise.js";

export interface RunOptions {
  port?: string;
  bind?: BindMode;
  host?: string;
  token?: string;
  password?: string;
  dev?: boolean;
  profile?: string;
  logLevel?: LogLevel;
  tls?: boolean;
}

const fatal = (message: string, code = 1): never => {
  process.stderr.write(`tidegate: ${message}\n`);
  process.exit(code);
};

export async function runGateway(options: RunOptions): Promise<void> {
  const started = performance.now();
  let paths;
  try {
    paths = resolvePaths(options);
  } catch (error) {
    return fatal((error as Error).message, 2);
  }
  const port = options.port === undefined ? undefined : Number(options.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) fatal(`--port must be a number from 0 to 65535, got '${options.port}'`, 2);
  if (options.bind === "custom" && !options.host) fatal("--bind custom needs --host ADDRESS", 2);
  // The JSONL log under <state>/logs and the terminal; both redacted.
  const log = new GatewayLogger({ dir: join(paths.stateDir, "logs"), consoleLevel: options.logLevel ?? "info" });
  let supervisor;
  try {
    supervisor = await superviseGateway({
      stateDir: paths.stateDir,
      configPath: paths.configPath,
      log,
      defaultPort: paths.defaultPort,
      overrides: { port, bind: options.bind, host: options.host, token: options.token ?? process.env.TIDEGATE_GATEWAY_TOKEN, password: options.password, tls: options.tls },
    });
  } catch (error) {
    if (error instanceof StartError) return fatal(error.message, error.exitCode);
    throw error;
  }
  const gateway = supervisor.current;
  const { settings } = gateway.services;
  log.info(`tidegate gateway listening on ${gateway.url}`, { auth: settings.auth.mode, state: paths.stateDir, startupMs: Math.round(performance.now() - started) });
  if (gateway.token.generated) process.stdout.write(`Connect with: ${gateway.url}  token: ${settings.auth.token}  (stored in ${gateway.token.path}, mode 0600)\n`);
  else process.stdout.write(`Connect with: ${gateway.url}${gateway.token.path ? `  (token in ${gateway.token.path})` : ""}\n`);
  process.stdout.write(gateway.controlUiUrl ? `Control UI: ${gateway.controlUiUrl}\n` : "Control UI: not built (run `make build`)\n");
  const tls = gateway.services.info.tls;
  if (tls) process.stdout.write(`TLS certificate SHA-256 fingerprint: ${tls.fingerprintSha256}${tls.selfSigned ? ` (self-signed, ${tls.certPath}; pin it with --tls-fingerprint)` : ""}\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info("shutting down", { signal });
    await supervisor.stop("signal");
    log.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}
