/** `config.*`: read and change the gateway config with compare-and-set on `baseHash`. */
import { Bool, Dict, Int, Json, List, NoParams, Obj, Opt, Str, Text } from "./primitives.js";

export const ConfigGetParams = NoParams("ConfigGetParams");

export const ConfigIssue = Obj("ConfigIssue", "A problem found while validating config.", {
  path: Text("JSON path of the offending field, such as `/gateway/port`."),
  message: Str("What is wrong."),
});

export const ConfigSnapshot = Obj("ConfigSnapshot", "The config as stored, with secrets redacted.", {
  path: Str("Config file path."),
  exists: Bool("False when the gateway runs on defaults without a file."),
  raw: Text("File text (JSON5) with secrets replaced by `__REDACTED__`."),
  config: Json("Parsed, effective config with secrets redacted."),
  hash: Str("Hash of the file text; pass it as `baseHash` when writing."),
  valid: Bool("False when the file on disk does not validate."),
  issues: List(ConfigIssue, "Validation problems, empty when valid."),
});

export const ConfigWriteParams = Obj("ConfigWriteParams", "Parameters of `config.set`: replace the whole file.", {
  raw: Str("New file text (JSON5).", { maxLength: 1048576 }),
  baseHash: Opt(Str("Hash from `config.get`; the write fails with `CONFLICT` if the file changed since.")),
});

export const ConfigApplyParams = Obj("ConfigApplyParams", "Parameters of `config.apply` and `config.patch`.", {
  raw: Str("For `config.apply`, the whole file; for `config.patch`, a JSON5 merge patch.", { maxLength: 1048576 }),
  baseHash: Opt(Str("Hash from `config.get`; the write fails with `CONFLICT` if the file changed since.")),
  note: Opt(Text("Why the change was made; kept in the audit log.")),
  restartDelayMs: Opt(Int("Delay before a restart that the change requires.")),
});

export const ConfigWriteResult = Obj("ConfigWriteResult", "Result of a config write.", {
  ok: Bool("Always true on success."),
  path: Str("Config file path."),
  hash: Str("Hash of the new file text."),
  restartRequired: Bool("True when the change takes effect only after a restart."),
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
});

export const ConfigSchemaResult = Obj("ConfigSchemaResult", "The config's JSON Schema, for editors.", {
  schema: Json("JSON Schema of the config file."),
  uiHints: Dict(ConfigFieldHint, "Presentation hints by JSON path."),
  version: Str("Gateway version that produced the schema."),
});
