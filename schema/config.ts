/** `config.*` (read and change the gateway config with compare-and-set on `baseHash`), `update.run` and `secrets.*`. */
import { AnyParams, Bool, Dict, Int, Json, List, NoParams, Nullable, Obj, Open, Opt, Str, Text } from "./primitives.js";

export const ConfigGetParams = NoParams("ConfigGetParams");

export const ConfigIssue = Obj("ConfigIssue", "A problem found while validating config.", {
  path: Text("JSON path of the offending field, such as `/gateway/port`."),
  message: Str("What is wrong."),
});

export const ConfigSnapshot = Obj("ConfigSnapshot", "Result of `config.get`: the config file as stored and as resolved, with secrets redacted.", {
  path: Str("Config file path."),
  exists: Bool("False when the gateway runs on defaults without a file."),
  raw: Nullable(Text("File text (JSON5) with secrets redacted; null when there is no file.")),
  parsed: Opt(Json("The file as parsed, before includes and env substitution (redacted).")),
  resolved: Opt(Json("The file after includes and env substitution (redacted).")),
  valid: Bool("False when the file on disk does not validate."),
  config: Json("The effective config, defaults applied (redacted)."),
  hash: Opt(Str("Hash of the file text; pass it as `baseHash` when writing.")),
  issues: List(ConfigIssue, "Validation problems, empty when valid."),
  warnings: Opt(List(ConfigIssue, "Problems that do not stop the gateway.")),
  legacyIssues: Opt(List(ConfigIssue, "Settings from older versions that need migrating.")),
});

export const ConfigWriteParams = Obj("ConfigWriteParams", "Parameters of `config.set`: replace the whole file (no restart).", {
  raw: Str("New file text (JSON5)."),
  baseHash: Opt(Str("Hash from `config.get`; required when the file exists; the write fails if the file changed since.")),
});

export const ConfigApplyParams = Obj("ConfigApplyParams", "Parameters of `config.apply` (whole file) and `config.patch` (JSON5 merge patch); both restart the gateway.", {
  raw: Str("For `config.apply`, the whole file; for `config.patch`, a JSON5 merge patch."),
  baseHash: Opt(Str("Hash from `config.get`; the write fails if the file changed since.")),
  sessionKey: Opt(Text("Session to report the restart's outcome to.")),
  note: Opt(Text("Why the change was made; reported after the restart.")),
  restartDelayMs: Opt(Int("Delay before the restart (default 2000).")),
});

export const ConfigSetResult = Obj("ConfigSetResult", "Result of `config.set`.", {
  ok: Bool("Always true on success."),
  path: Str("Config file path."),
  config: Json("The new config (redacted)."),
});

export const ConfigRestart = Open("ConfigRestart", "The restart a config write or update scheduled.", {
  ok: Bool("True when a restart was scheduled."),
  pid: Opt(Int("Process that will restart.")),
  signal: Opt(Str("Signal used, such as `SIGUSR1`.")),
  delayMs: Opt(Int("Delay before the restart.")),
  reason: Opt(Text("Why, such as `config.patch`.")),
  mode: Opt(Str("How the restart is triggered.")),
  coalesced: Opt(Bool("True when it merged with an already scheduled restart.")),
  cooldownMsApplied: Opt(Int("Extra delay applied to respect the restart cooldown.")),
});

export const RestartSentinel = Obj("RestartSentinel", "The file that carries a restart's outcome across the restart.", {
  path: Str("Sentinel file path."),
  payload: Dict(Json("Sentinel data."), "What the restarted gateway reports (kind, status, ts, message, doctorHint, stats)."),
});

export const ConfigWriteResult = Obj("ConfigWriteResult", "Result of `config.patch` and `config.apply`: the new config, the scheduled restart and its sentinel.", {
  ok: Bool("Always true on success."),
  path: Str("Config file path."),
  config: Json("The new config (redacted)."),
  restart: ConfigRestart,
  sentinel: RestartSentinel,
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
  tags: Opt(List(Text("A tag."), "Tags.")),
  itemTemplate: Opt(Json("Template for new list items.")),
});

export const ConfigSchemaResult = Obj("ConfigSchemaResult", "The config's JSON Schema, for editors.", {
  schema: Json("JSON Schema of the config file."),
  uiHints: Dict(ConfigFieldHint, "Presentation hints by JSON path."),
  version: Str("Gateway version that produced the schema."),
  generatedAt: Str("When the schema was generated (ISO 8601)."),
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
