/** Read and validate the config file (JSON5). A missing file means defaults. */
import { readFileSync } from "node:fs";
import JSON5 from "json5";
import type { GatewayConfig } from "../../generated/ts/types.js";
import { validate } from "../../generated/ts/validators.js";

export class ConfigError extends Error {
  constructor(readonly path: string, detail: string) {
    super(`${path}: ${detail}`);
    this.name = "ConfigError";
  }
}

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** Parse JSON5 text, rejecting prototype-polluting keys anywhere. */
export function parseConfigText(path: string, text: string): GatewayConfig {
  let parsed: unknown;
  try {
    parsed = JSON5.parse(text, (key, value) => {
      if (FORBIDDEN_KEYS.has(key)) throw new ConfigError(path, `forbidden key '${key}'`);
      return value;
    });
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(path, `not valid JSON5: ${(error as Error).message}`);
  }
  const result = validate("GatewayConfig", parsed ?? {});
  if (!result.ok) throw new ConfigError(path, result.message);
  return result.value;
}

/** The config at `path`, `{}` when the file does not exist. */
export function loadConfig(path: string): { config: GatewayConfig; exists: boolean } {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { config: {}, exists: false };
    throw new ConfigError(path, `cannot read: ${(error as Error).message}`);
  }
  return { config: parseConfigText(path, text), exists: true };
}
