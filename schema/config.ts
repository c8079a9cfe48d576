/** `config.*`: read and change the gateway config with compare-and-set on `baseHash`. */
import { AnyParams, Bool, Dict, Int, Json, List, NoParams, Nullable, Obj, Opt, Str, Text } from "./primitives.js";

export const ConfigGetParams = NoParams("ConfigGetParams");

export const ConfigIssue = Obj("ConfigIssue", "A problem found while validating config.", {
  path: Text("Dotted path of the offending field, such as `gateway.port` (empty for the root)."),
  message: Str("What is wrong."),
});

export const ConfigSnapshot = Obj("ConfigSnapshot", "The config file as stored, with secrets redacted.", {
  path: Str("Config file path."),
  exists: Bool("False when the gateway runs on defaults without a file."),
  raw: Nullable(Text("File text (JSON5) with secrets replaced by `__OPENCLAW_REDACTED__`; null when there is no file.")),
  parsed: Json("The file as parsed, secrets redacted (`{}` without a file)."),
  resolved: Opt(Json("The file after includes and environment substitution (tidegate has neither: the same as `parsed`).")),
  valid: Bool("False when the file on disk does not validate."),
  config: Json("The effective config (last good one when the file is invalid), secrets redacted."),
  hash: Str("SHA-256 (hex) of the file text, of the empty text without a file; pass it as `baseHash` when writing."),
  issues: List(ConfigIssue, "Validation problems, empty when valid."),
  warnings: List(ConfigIssue, "Things that work but deserve attention."),
  legacyIssues: List(ConfigIssue, "Keys of older versions that should be migrated."),
});

export const ConfigWriteParams = Obj("ConfigWriteParams", "Parameters of `config.set`: replace the whole file.", {
  raw: Str("New file text (JSON5). Values equal to `__OPENCLAW_REDACTED__` keep their current secret.", { maxLength: 1048576 }),
  baseHash: Opt(Str("Hash from `config.get`; required once the file exists. A stale one fails with `CONFLICT`.")),
});

export const ConfigApplyParams = Obj("ConfigApplyParams", "Parameters of `config.apply` and `config.patch`.", {
  raw: Str("For `config.apply`, the whole file; for `config.patch`, a JSON5 merge patch (RFC 7396: `null` deletes).", { maxLength: 1048576 }),
  baseHash: Opt(Str("Hash from `config.get`; required once the file exists. A stale one fails with `CONFLICT`.")),
  sessionKey: Opt(Text("Session to notify after a restart.")),
  note: Opt(Text("Why the change was made; kept in the log.")),
  restartDelayMs: Opt(Int("Delay before a restart that the change requires (default 0).")),
});

export const RestartSentinel = Obj("RestartSentinel", "The file that carries a restart's outcome across the restart.", {
  path: Str("Sentinel file path."),
  payload: Dict(Json("Sentinel data."), "What the restarted gateway reports (kind, status, ts, message, doctorHint, stats)."),
});

export const ConfigRestart = Obj("ConfigRestart", "How a written config took effect.", {
  ok: Bool("Always true."),
  mode: Str(
    "`hot`: applied in place; `restart`: an in-process restart follows (sockets close with 1012); `none`: nothing to do; `off`: reloading is off (`gateway.reload.mode`), takes effect at the next start. v3 gateways say `emit` (they signal their own process).",
  ),
  reason: Str("What asked for it, such as `config.patch`."),
  delayMs: Int("Milliseconds until the restart (0 when none)."),
  coalesced: Bool("True when it joined a restart already scheduled."),
  hotPaths: Opt(List(Text("A dotted config path."), "Changed paths applied in place.")),
  restartPaths: Opt(List(Text("A dotted config path."), "Changed paths that need the restart (or wait for the next start).")),
  pid: Opt(Int("Process id that restarts (v3 gateways restart their own process).")),
  signal: Opt(Str("Signal used for the restart (v3: `SIGUSR1`).")),
  cooldownMsApplied: Opt(Int("Milliseconds the restart was held back by the restart cooldown.")),
});

export const ConfigWriteResult = Obj("ConfigWriteResult", "Result of a config write.", {
  ok: Bool("Always true on success."),
  path: Str("Config file path."),
  config: Json("The new config, secrets redacted."),
  hash: Opt(Str("Hash of the new file text (the next `baseHash`); this gateway always sends it.")),
  restartRequired: Opt(Bool("True when some change takes effect only after a restart; this gateway always sends it.")),
  restart: Opt(ConfigRestart),
  sentinel: Opt(RestartSentinel),
});

export const ConfigSchemaParams = NoParams("ConfigSchemaParams");

export const ConfigFieldHint = Obj("ConfigFieldHint", "How an editor should present one config field.", {
  label: Opt(Text("Field label.")),
  help: Opt(Text("Help text.")),
  group: Opt(Text("Group heading.")),
  order: Opt(Int("Sort order within the group.")),
  advanced: Opt(Bool("Hide behind an 'advanced' toggle.")),
  sensitive: Opt(Bool("The value is a secret.")),
  placeholder: Opt(Text("Placeholder text.")),
  tags: Opt(List(Text("A tag."), "Tags such as `network` or `security`.")),
});

export const ConfigSchemaResult = Obj("ConfigSchemaResult", "The config's JSON Schema, for editors.", {
  schema: Json("JSON Schema of the config file."),
  uiHints: Dict(ConfigFieldHint, "Presentation hints by dotted config path, such as `gateway.port`."),
  version: Str("Gateway version that produced the schema."),
  generatedAt: Str("When the schema was produced (ISO 8601)."),
});

export const UpdateRunParams = Obj("UpdateRunParams", "Parameters of `update.run`: update the gateway installation and restart.", {
  sessionKey: Opt(Text("Session to report the outcome to.")),
  note: Opt(Text("Why; reported after the restart.")),
  restartDelayMs: Opt(Int("Delay before the restart.")),
  timeoutMs: Opt(Int("Give up on the update after this long.", { minimum: 1 })),
});

export const UpdateRunResult = Obj("UpdateRunResult", "Result of `update.run`.", {
  ok: Bool("False when the update failed."),
  result: Dict(Json("Update data."), "What the updater did (status, mode, before, after, steps, durationMs, reason)."),
  restart: Nullable(ConfigRestart),
  sentinel: RestartSentinel,
});

export const SecretsReloadParams = AnyParams("SecretsReloadParams", "secrets.reload");

export const SecretsReloadResult = Obj("SecretsReloadResult", "Result of `secrets.reload`.", {
  ok: Bool("Always true on success."),
  warningCount: Int("Secret references that could not be resolved."),
});

export const SecretsResolveParams = Obj("SecretsResolveParams", "Parameters of `secrets.resolve`: resolve secret references for a command.", {
  commandName: Str("Command asking."),
  targetIds: List(Str("A target id."), "Secret targets to resolve."),
});

export const SecretsResolveAssignment = Obj("SecretsResolveAssignment", "One resolved secret.", {
  path: Opt(Str("Config path.")),
  pathSegments: List(Str("A segment."), "Config path segments."),
  value: Json("The secret value."),
});

export const SecretsResolveResult = Obj("SecretsResolveResult", "Result of `secrets.resolve`.", {
  ok: Opt(Bool("True when everything resolved.")),
  assignments: Opt(List(SecretsResolveAssignment, "Resolved secrets.")),
  diagnostics: Opt(List(Str("A message."), "Problems found.")),
  inactiveRefPaths: Opt(List(Str("A path."), "References that are not active.")),
});
