/**
 * `tidegate gateway run`: load and validate config, resolve the secret,
 * refuse unsafe binds, listen, and shut down cleanly on SIGINT/SIGTERM.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigError, loadConfig } from "../runtime/config/load.js";
import { isLoopbackHost, resolveSettings, type BindMode, type GatewaySettings } from "../runtime/config/settings.js";
import { Gateway } from "../runtime/core/gateway.js";
import { createLogger, type LogLevel } from "../runtime/log.js";
import { randomSecret } from "../runtime/auth/secret.js";
import { CorruptStoreError, writeFileAtomic } from "../runtime/state/atomic-file.js";
import { DeviceStore } from "../runtime/state/device-store.js";
import { listen } from "../runtime/transport/server.js";
import { resolvePaths } from "../common/paths.js";
import { VERSION } from "../common/version.js";

export const EXIT_CONFIG = 78;

export interface RunOptions {
  port?: string;
  bind?: BindMode;
  host?: string;
  token?: string;
  password?: string;
  dev?: boolean;
  profile?: string;
  logLevel?: LogLevel;
}

const fatal = (message: string, code = 1): never => {
  process.stderr.write(`tidegate: ${message}\n`);
  process.exit(code);
};

/** The token in token mode: flag/env/config, else the one kept in the state directory (generated once). */
function resolveToken(settings: GatewaySettings, stateDir: string): { generated: boolean; path?: string } {
  if (settings.auth.mode !== "token" || settings.auth.token) return { generated: false };
  const path = join(stateDir, "gateway.token");
  if (existsSync(path)) {
    settings.auth.token = readFileSync(path, "utf8").trim();
    return { generated: false, path };
  }
  settings.auth.token = randomSecret();
  writeFileAtomic(path, settings.auth.token + "\n", 0o600);
  return { generated: true, path };
}

export async function runGateway(options: RunOptions): Promise<void> {
  const started = performance.now();
  let paths;
  try {
    paths = resolvePaths(options);
  } catch (error) {
    return fatal((error as Error).message, 2);
  }
  const log = createLogger(options.logLevel ?? "info");
  let loaded;
  try {
    loaded = loadConfig(paths.configPath);
  } catch (error) {
    if (error instanceof ConfigError) fatal(`invalid config ${error.message}`);
    throw error;
  }
  const port = options.port === undefined ? undefined : Number(options.port);
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) fatal(`--port must be a number from 0 to 65535, got '${options.port}'`, 2);
  if (options.bind === "custom" && !options.host) fatal("--bind custom needs --host ADDRESS", 2);
  const token = options.token ?? process.env.TIDEGATE_GATEWAY_TOKEN;
  const settings = resolveSettings(loaded.config, { port: port ?? (loaded.config.gateway?.port === undefined ? paths.defaultPort : undefined), bind: options.bind, host: options.host, token, password: options.password });
  if (!isLoopbackHost(settings.host) && (settings.auth.mode === "none" || (settings.auth.mode === "password" && !settings.auth.password))) {
    fatal(`refusing to listen on ${settings.host} without authentication: set gateway.auth.token or --token, or bind to loopback`, EXIT_CONFIG);
  }
  if (settings.auth.mode === "password" && !settings.auth.password) fatal("password mode needs gateway.auth.password or --password", EXIT_CONFIG);
  mkdirSync(paths.stateDir, { recursive: true, mode: 0o700 });
  const secret = resolveToken(settings, paths.stateDir);

  let devices: DeviceStore;
  try {
    devices = new DeviceStore(paths.stateDir);
  } catch (error) {
    if (error instanceof CorruptStoreError) fatal(error.message);
    throw error;
  }
  const gateway = new Gateway({ settings, devices, version: VERSION, stateDir: paths.stateDir, configPath: paths.configPath, log });
  let listener;
  try {
    listener = await listen(gateway, settings);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") fatal(`port ${settings.port} on ${settings.host} is already in use (another gateway? try --port or --profile)`);
    if (code === "EADDRNOTAVAIL") fatal(`cannot bind ${settings.host}: no such local address`);
    throw error;
  }
  gateway.start();
  const url = `ws://${settings.host.includes(":") ? `[${settings.host}]` : settings.host}:${listener.port}`;
  log.info(`tidegate gateway listening on ${url}`, { auth: settings.auth.mode, state: paths.stateDir, startupMs: Math.round(performance.now() - started) });
  if (secret.generated) process.stdout.write(`Connect with: ${url}  token: ${settings.auth.token}  (stored in ${secret.path}, mode 0600)\n`);
  else process.stdout.write(`Connect with: ${url}${secret.path ? `  (token in ${secret.path})` : ""}\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info("shutting down", { signal });
    gateway.shutdown("signal");
    await listener.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}
