/** Read and validate the config file (JSON5). A missing file means defaults. */
import { readFileSync } from "node:fs";
import JSON5 from "json5";
import type { GatewayConfig } from "../../generated/ts/types.js";
import { type ValidationIssue, validate } from "../../generated/ts/validators.js";
import { channelConfigIssues } from "../channels/config.js";

export class ConfigError extends Error {
  constructor(
    readonly path: string,
    detail: string,
    readonly issues: ConfigIssue[] = [],
  ) {
    super(`${path}: ${detail}`);
    this.name = "ConfigError";
  }
}

/** A validation problem: dotted path of the field (empty for the root) and what is wrong. */
export interface ConfigIssue {
  path: string;
  message: string;
}

export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/** JSON pointer (`/gateway/port`) → dotted path (`gateway.port`). */
export function dottedPath(pointer: string): string {
  return pointer
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
    .join(".");
}

/** Parse JSON5 text, rejecting prototype-polluting keys anywhere. Throws `ConfigError`. */
export function parseJson5(path: string, text: string): unknown {
  try {
    return JSON5.parse(text, (key, value) => {
      if (FORBIDDEN_KEYS.has(key)) throw new ConfigError(path, `forbidden key '${key}'`, [{ path: "", message: `forbidden key '${key}'` }]);
      return value;
    });
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const message = `not valid JSON5: ${(error as Error).message}`;
    throw new ConfigError(path, message, [{ path: "", message }]);
  }
}

/** Throw when a value (from any source) holds a forbidden key at any depth. */
export function assertNoForbiddenKeys(path: string, value: unknown, at = ""): void {
  if (!value || typeof value !== "object") return;
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key !== "string") continue;
    const here = at ? `${at}.${key}` : key;
    if (FORBIDDEN_KEYS.has(key)) throw new ConfigError(path, `forbidden key '${key}' at ${here}`, [{ path: here, message: `forbidden key '${key}'` }]);
    assertNoForbiddenKeys(path, (value as Record<string, unknown>)[key], here);
  }
}

/** Validate a parsed value against the generated config schema. */
export function validateConfigValue(value: unknown): { ok: true; config: GatewayConfig } | { ok: false; issues: ConfigIssue[]; message: string } {
  const result = validate("GatewayConfig", value ?? {});
  if (result.ok) {
    const issues = channelConfigIssues(result.value);
    if (issues.length) return { ok: false, message: issues.map((i) => i.message).join("; "), issues };
    return { ok: true, config: result.value };
  }
  return { ok: false, message: result.message, issues: result.issues.map((i: ValidationIssue) => ({ path: dottedPath(i.path), message: i.message })) };
}

/** Parse JSON5 text, rejecting prototype-polluting keys anywhere, and validate it. */
export function parseConfigText(path: string, text: string): GatewayConfig {
  const parsed = parseJson5(path, text);
  const result = validateConfigValue(parsed);
  if (!result.ok) throw new ConfigError(path, result.message, result.issues);
  return result.config;
}

/** The config at `path`, `{}` when the file does not exist. */
export function loadConfig(path: string): { config: GatewayConfig; exists: boolean; raw?: string } {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { config: {}, exists: false };
    throw new ConfigError(path, `cannot read: ${(error as Error).message}`);
  }
  return { config: parseConfigText(path, text), exists: true, raw: text };
}
