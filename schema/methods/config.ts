/** Registry entries of the methods whose params live in `schema/config.ts`. */
import * as cfg from "../config.js";
import { T0 } from "../example-values.js";
import { method } from "../registry-spec.js";

const CONFIG_HASH = "4a8d2e0b1a6c4c5e9f0d3b7a2c1e8f6d5b4a3c2e1f0d9c8b7a6e5d4c3b2a1f0e";
const CONFIG_HASH_2 = "9c1e0f2d3b4a5c6e7f8d9e0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c";

export const configMethods = {
  "config.get": method({
    params: cfg.ConfigGetParams,
    result: cfg.ConfigSnapshot,
    scope: "operator.read",
    description: "The config file and effective config, with secrets redacted.",
    example: {
      params: {},
      result: {
        path: "~/.tidegate/tidegate.json",
        exists: true,
        raw: "{ gateway: { port: 18789 } }",
        parsed: { gateway: { port: 18789 } },
        resolved: { gateway: { port: 18789 } },
        valid: true,
        config: { gateway: { port: 18789 } },
        hash: CONFIG_HASH,
        issues: [],
        warnings: [],
        legacyIssues: [],
      },
    },
  }),
  "config.set": method({
    params: cfg.ConfigWriteParams,
    result: cfg.ConfigWriteResult,
    scope: "operator.admin",
    errors: ["CONFLICT", "INVALID_PARAMS"],
    description: "Replace the whole config file. The new config is validated before anything is written; then it takes effect like a file edit.",
    example: {
      params: { raw: "{ gateway: { port: 18790 } }", baseHash: CONFIG_HASH },
      result: { ok: true, path: "~/.tidegate/tidegate.json", config: { gateway: { port: 18790 } }, hash: CONFIG_HASH_2, restartRequired: true },
    },
  }),
  "config.patch": method({
    params: cfg.ConfigApplyParams,
    result: cfg.ConfigWriteResult,
    scope: "operator.admin",
    errors: ["CONFLICT", "INVALID_PARAMS"],
    description: "Merge a JSON5 patch into the config (RFC 7396: `null` deletes), validate, write, then apply hot or restart.",
    example: {
      params: { raw: "{ gateway: { tickIntervalMs: 15000 } }", baseHash: CONFIG_HASH },
      result: {
        ok: true,
        path: "~/.tidegate/tidegate.json",
        config: { gateway: { port: 18789, tickIntervalMs: 15000 } },
        hash: CONFIG_HASH_2,
        restartRequired: false,
        restart: { ok: true, mode: "hot", reason: "config.patch", delayMs: 0, coalesced: false, hotPaths: ["gateway.tickIntervalMs"], restartPaths: [] },
      },
    },
  }),
  "config.apply": method({
    params: cfg.ConfigApplyParams,
    result: cfg.ConfigWriteResult,
    scope: "operator.admin",
    errors: ["CONFLICT", "INVALID_PARAMS"],
    description: "Replace the config, then apply it: in place when every change is hot, else an in-process restart.",
    example: {
      params: { raw: "{ gateway: { port: 18790 } }", baseHash: CONFIG_HASH, note: "move port" },
      result: {
        ok: true,
        path: "~/.tidegate/tidegate.json",
        config: { gateway: { port: 18790 } },
        hash: CONFIG_HASH_2,
        restartRequired: true,
        restart: { ok: true, mode: "restart", reason: "config.apply", delayMs: 0, coalesced: false, hotPaths: [], restartPaths: ["gateway.port"] },
      },
    },
  }),
  "config.schema": method({
    params: cfg.ConfigSchemaParams,
    result: cfg.ConfigSchemaResult,
    scope: "operator.admin",
    description: "The config file's JSON Schema and editor hints.",
    example: { params: {}, result: { schema: { type: "object" }, uiHints: { "gateway.port": { label: "Gateway Port", tags: ["network"] } }, version: "0.1.0", generatedAt: "2025-01-19" } },
  }),
  "update.run": method({
    unavailable:
      "Self-update is not built: tidegate never downloads or runs new code by itself. Update it yourself (a git checkout: `git pull && make build`; a package: install the new version with your package manager), then restart the gateway.",
    params: cfg.UpdateRunParams,
    result: cfg.UpdateRunResult,
    scope: "operator.admin",
    description: "Update the gateway installation and restart; at most 3 per minute.",
    example: {
      params: { sessionKey: "agent:main:main" },
      result: {
        ok: true,
        result: { status: "ok", mode: "npm" },
        restart: { ok: true, mode: "restart", delayMs: 2000, reason: "update.run", coalesced: false, hotPaths: [], restartPaths: ["*"] },
        sentinel: { path: "~/.tidegate/restart-sentinel.json", payload: { kind: "update", status: "ok", ts: T0 } },
      },
    },
  }),
  "secrets.reload": method({
    unavailable:
      "Secret references (`{source, provider, id}` objects read from env, files or commands) are not supported in this gateway's config, so there is nothing to re-resolve. Secrets are plain config values (`tidegate config set`, hot-reloaded) or environment variables (such as `apiKeyEnv`, `OPENAI_API_KEY`).",
    params: cfg.SecretsReloadParams,
    result: cfg.SecretsReloadResult,
    scope: "operator.admin",
    description: "Re-read secret references (env, files, commands) without a restart.",
    example: { params: {}, result: { ok: true, warningCount: 0 } },
  }),
  "secrets.resolve": method({
    unavailable:
      "Secret references (`{source, provider, id}` objects read from env, files or commands) are not supported in this gateway's config, so there are no command targets to resolve. Secrets are plain config values or environment variables (such as `apiKeyEnv`, `OPENAI_API_KEY`).",
    params: cfg.SecretsResolveParams,
    result: cfg.SecretsResolveResult,
    scope: "operator.admin",
    description: "Resolve secret references for a command.",
    example: { params: { commandName: "gh", targetIds: ["github.token"] }, result: { ok: true, assignments: [], diagnostics: [] } },
  }),
};
