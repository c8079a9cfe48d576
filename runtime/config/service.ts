/**
 * The config file service behind `config.*` and hot reload.
 *
 * Every write is compare-and-set on `baseHash` (SHA-256 of the file text)
 * inside the file's lock, so of two writers holding the same hash exactly one
 * wins and the other gets a `ConfigConflictError` with the current hash. The
 * whole resulting config is validated before anything is written; writes are
 * atomic with one backup and mode 0600. After a write (or a file edit seen by
 * the watcher) the change is planned and handed to the applier, which applies
 * hot paths in place or restarts; an invalid file on disk never replaces the
 * running config and is never rewritten.
 */
import { createHash } from "node:crypto";
import { readTextIfExistsAsync } from "../../common/read-text.js";
import type { GatewayConfig } from "../../generated/ts/types.js";
import type { Logger } from "../log.js";
import { writeFileAtomicAsync } from "../state/atomic-file.js";
import { type FileLocks, fileLocks } from "../state/file-lock.js";
import { assertNoForbiddenKeys, ConfigError, type ConfigIssue, parseJson5, validateConfigValue } from "./load.js";
import { applyMergePatch, ForbiddenKeyError } from "./merge-patch.js";
import { redactConfig, redactRaw, restoreRedacted } from "./redact.js";
import { planReload, type ReloadMode, type ReloadPlan, reloadModeOf } from "./reload-plan.js";

export const hashText = (text: string) => createHash("sha256").update(text).digest("hex");

export class ConfigConflictError extends Error {
  constructor(
    readonly currentHash: string,
    reason: string,
  ) {
    super(reason);
    this.name = "ConfigConflictError";
  }
}

/** A write refused before anything was written: the field and the reason. */
export class ConfigInvalidError extends Error {
  constructor(
    message: string,
    readonly issues: ConfigIssue[],
  ) {
    super(message);
    this.name = "ConfigInvalidError";
  }
}

export interface ConfigSnapshotView {
  path: string;
  exists: boolean;
  raw: string | null;
  parsed: unknown;
  resolved: unknown;
  valid: boolean;
  config: unknown;
  hash: string;
  issues: ConfigIssue[];
  warnings: ConfigIssue[];
  legacyIssues: ConfigIssue[];
}

export interface ApplyOutcome {
  ok: true;
  mode: "hot" | "restart" | "none" | "off";
  reason: string;
  delayMs: number;
  coalesced: boolean;
  hotPaths: string[];
  restartPaths: string[];
}

export interface ConfigChange {
  previous: GatewayConfig;
  next: GatewayConfig;
  plan: ReloadPlan;
  /** `file` for an edit seen by the watcher, else the method name. */
  reason: string;
  restartDelayMs?: number;
}

/** Applies a planned change: hot actions in place, or an in-process restart. */
type AppliedPart = Omit<ApplyOutcome, "ok" | "reason" | "hotPaths" | "restartPaths">;
export type ConfigApplier = (change: ConfigChange) => AppliedPart | undefined | Promise<AppliedPart | undefined>;

export interface WriteOutcome {
  ok: true;
  path: string;
  config: unknown;
  hash: string;
  restartRequired: boolean;
  restart: ApplyOutcome;
}

export interface ConfigServiceOptions {
  path: string;
  /** The config the gateway started with (already validated). */
  initial: GatewayConfig;
  /** Hash of the file the gateway started with (`hashText("")` without a file). */
  initialHash?: string;
  log?: Logger;
  locks?: FileLocks;
}

export class ConfigService {
  readonly path: string;
  private good: GatewayConfig;
  private goodHash: string;
  private lastSeenHash: string;
  private applier: ConfigApplier = () => undefined;
  private readonly locks: FileLocks;
  private readonly listeners = new Set<(config: GatewayConfig, previous: GatewayConfig) => void>();

  constructor(private readonly options: ConfigServiceOptions) {
    this.path = options.path;
    this.good = options.initial;
    this.goodHash = options.initialHash ?? hashText("");
    this.lastSeenHash = this.goodHash;
    this.locks = options.locks ?? fileLocks;
  }

  /** The config in force (the last good one). */
  get current(): GatewayConfig {
    return this.good;
  }

  get currentHash(): string {
    return this.goodHash;
  }

  setApplier(applier: ConfigApplier): void {
    this.applier = applier;
  }

  /** Called with every config that comes into force. */
  onChange(listener: (config: GatewayConfig, previous: GatewayConfig) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private readRaw(): Promise<string | undefined> {
    return readTextIfExistsAsync(this.path);
  }

  /** The file as it is on disk now, redacted. */
  async get(): Promise<ConfigSnapshotView> {
    const raw = await this.readRaw();
    const hash = hashText(raw ?? "");
    // v3's members in v3's order (clients print the snapshot as is).
    const view = (file: { raw: string | null; parsed: unknown; resolved: unknown; valid: boolean; issues: ConfigIssue[] }): ConfigSnapshotView => ({
      path: this.path,
      exists: raw !== undefined,
      raw: file.raw,
      parsed: file.parsed,
      resolved: file.resolved,
      valid: file.valid,
      config: redactConfig(this.good),
      hash,
      issues: file.issues,
      warnings: [],
      legacyIssues: [],
    });
    if (raw === undefined) return view({ raw: null, parsed: {}, resolved: {}, valid: true, issues: [] });
    let parsed: unknown;
    try {
      parsed = parseJson5(this.path, raw);
    } catch (error) {
      const issues = error instanceof ConfigError && error.issues.length ? error.issues : [{ path: "", message: (error as Error).message }];
      return view({ raw: redactRaw(raw, this.good), parsed: {}, resolved: {}, valid: false, issues });
    }
    const checked = validateConfigValue(parsed);
    const redacted = redactConfig(parsed);
    return view({ raw: redactRaw(raw, parsed), parsed: redacted, resolved: redacted, valid: checked.ok, issues: checked.ok ? [] : checked.issues });
  }

  /** Check `baseHash` against the file; required once the file exists. */
  private checkBase(raw: string | undefined, baseHash: string | undefined): void {
    const current = hashText(raw ?? "");
    if (baseHash === undefined) {
      if (raw !== undefined) throw new ConfigConflictError(current, "config base hash required; re-run config.get and retry");
      return;
    }
    if (baseHash !== current) throw new ConfigConflictError(current, "config changed since last load; re-run config.get and retry");
  }

  private validated(value: unknown): GatewayConfig {
    try {
      assertNoForbiddenKeys(this.path, value);
    } catch (error) {
      throw new ConfigInvalidError((error as Error).message.replace(`${this.path}: `, ""), (error as ConfigError).issues);
    }
    const checked = validateConfigValue(value);
    if (!checked.ok) {
      throw new ConfigInvalidError(`invalid config: ${checked.issues.map((i) => `${i.path || "(root)"}: ${i.message}`).join("; ")}`, checked.issues);
    }
    return checked.config;
  }

  private parse(raw: string): unknown {
    try {
      return parseJson5(this.path, raw);
    } catch (error) {
      const e = error as ConfigError;
      throw new ConfigInvalidError(e.message.replace(`${this.path}: `, ""), e.issues ?? []);
    }
  }

  /** Replace the whole file (`config.set` / `config.apply`). */
  async set(raw: string, baseHash: string | undefined, reason = "config.set", restartDelayMs?: number): Promise<WriteOutcome> {
    return this.write(reason, baseHash, restartDelayMs, (current) => {
      const restored = restoreRedacted(this.parse(raw), current);
      if (restored.missing.length)
        throw new ConfigInvalidError(
          `no current secret to keep at ${restored.missing.join(", ")}`,
          restored.missing.map((p) => ({ path: p, message: "redacted value without a current secret" })),
        );
      const config = this.validated(restored.value);
      // Keep the text as written (comments and all) unless secrets were put back.
      return { config, text: restored.restored ? JSON.stringify(config, null, 2) + "\n" : raw };
    });
  }

  /** Merge a JSON5 merge patch into the file (`config.patch`). */
  async patch(rawPatch: string, baseHash: string | undefined, reason = "config.patch", restartDelayMs?: number): Promise<WriteOutcome> {
    return this.write(reason, baseHash, restartDelayMs, (current, currentValid) => {
      if (!currentValid) throw new ConfigInvalidError("the config file on disk is invalid; fix it (config.set) before patching", []);
      const patch = this.parse(rawPatch);
      if (!patch || typeof patch !== "object" || Array.isArray(patch)) throw new ConfigInvalidError("config.patch raw must be an object", [{ path: "", message: "must be object" }]);
      let merged: unknown;
      try {
        merged = applyMergePatch(current, patch);
      } catch (error) {
        if (error instanceof ForbiddenKeyError) throw new ConfigInvalidError(error.message, [{ path: error.at, message: error.message }]);
        throw error;
      }
      const restored = restoreRedacted(merged, current);
      const config = this.validated(restored.value);
      return { config, text: JSON.stringify(config, null, 2) + "\n" };
    });
  }

  private async write(
    reason: string,
    baseHash: string | undefined,
    restartDelayMs: number | undefined,
    produce: (current: unknown, currentValid: boolean) => { config: GatewayConfig; text: string },
  ): Promise<WriteOutcome> {
    const { previous, config, hash } = await this.locks.run(this.path, async () => {
      const raw = await this.readRaw();
      this.checkBase(raw, baseHash);
      let current: unknown = {};
      let currentValid = true;
      if (raw !== undefined) {
        try {
          current = parseJson5(this.path, raw);
          currentValid = validateConfigValue(current).ok;
        } catch {
          current = {};
          currentValid = false;
        }
      }
      const next = produce(current, currentValid);
      await writeFileAtomicAsync(this.path, next.text, { mode: 0o600 });
      const hash = hashText(next.text);
      this.lastSeenHash = hash;
      const previous = this.good;
      this.good = next.config;
      this.goodHash = hash;
      return { previous, config: next.config, hash };
    });
    this.options.log?.info(`config written by ${reason}`, { file: this.path, hash: hash.slice(0, 12) });
    const restart = await this.applyChange(previous, config, reason, restartDelayMs);
    return { ok: true, path: this.path, config: redactConfig(config), hash, restartRequired: restart.restartPaths.length > 0 || restart.mode === "restart", restart };
  }

  private async applyChange(previous: GatewayConfig, next: GatewayConfig, reason: string, restartDelayMs?: number): Promise<ApplyOutcome> {
    let mode: ReloadMode | undefined;
    // `off` is about watching the file: an explicit write through the API is applied as in `hybrid`.
    if (reason !== "file" && reloadModeOf(next) === "off") mode = "hybrid";
    const plan = planReload(previous, next, { mode });
    for (const warning of plan.warnings) this.options.log?.warn(warning, { file: this.path });
    for (const listener of this.listeners) listener(next, previous);
    const base: ApplyOutcome = { ok: true, mode: plan.decision, reason, delayMs: 0, coalesced: false, hotPaths: plan.hotPaths, restartPaths: plan.restartPaths };
    if (plan.decision === "none" || plan.decision === "off") return base;
    try {
      const applied = await this.applier({ previous, next, plan, reason, restartDelayMs });
      return { ...base, ...(applied ?? {}) };
    } catch (error) {
      this.options.log?.error(`could not apply the config change: ${(error as Error).message}`, { file: this.path });
      return base;
    }
  }

  /**
   * Re-read the file after an edit (the watcher calls this). An invalid file is
   * logged with file, field and reason, and the running config stays.
   */
  async reloadFromDisk(): Promise<{ status: "unchanged" | "applied" | "invalid" | "ignored"; plan?: ReloadPlan; outcome?: ApplyOutcome; issues?: ConfigIssue[] }> {
    const result = await this.locks.run(this.path, async () => {
      const raw = await this.readRaw();
      const hash = hashText(raw ?? "");
      if (hash === this.lastSeenHash) return { status: "unchanged" as const };
      this.lastSeenHash = hash;
      let value: unknown = {};
      try {
        if (raw !== undefined) value = parseJson5(this.path, raw);
      } catch (error) {
        const issues = (error as ConfigError).issues ?? [{ path: "", message: (error as Error).message }];
        return { status: "invalid" as const, issues };
      }
      const checked = validateConfigValue(value);
      if (!checked.ok) return { status: "invalid" as const, issues: checked.issues };
      if (reloadModeOf(checked.config) === "off") return { status: "ignored" as const };
      const previous = this.good;
      this.good = checked.config;
      this.goodHash = hash;
      return { status: "applied" as const, previous, next: checked.config };
    });
    if (result.status === "invalid") {
      for (const issue of result.issues!) {
        this.options.log?.warn(`config reload skipped: ${this.path}: ${issue.path ? `at ${issue.path}: ` : ""}${issue.message}; keeping the last good config`, {
          file: this.path,
          field: issue.path,
          reason: issue.message,
        });
      }
      return { status: "invalid", issues: result.issues };
    }
    if (result.status === "ignored") {
      this.options.log?.info(`config file changed; gateway.reload.mode is off, so it takes effect at the next start`, { file: this.path });
      return { status: "ignored" };
    }
    if (result.status === "unchanged") return { status: "unchanged" };
    const outcome = await this.applyChange(result.previous!, result.next!, "file");
    this.options.log?.info(`config reloaded from ${this.path}: ${outcome.mode}`, { hot: outcome.hotPaths, restart: outcome.restartPaths });
    return { status: "applied", outcome };
  }
}
