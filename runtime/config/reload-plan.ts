/**
 * The reload planner: given the old and the new config, which changed paths
 * apply in place, which need a restart, and what the gateway does under
 * `gateway.reload.mode`. The rules are declared once beside the config schema
 * (schema/gateway-config.ts CONFIG_RELOAD_RULES) and reach us through
 * `generated/config.schema.json` (`x-reload`).
 */
import configSchema from "../../generated/config.schema.json" with { type: "json" };
import type { GatewayConfig } from "../../generated/ts/types.js";
import { diffPaths } from "./merge-patch.js";

export type ReloadKind = "hot" | "none" | "restart";
export type ReloadMode = "off" | "hot" | "hybrid" | "restart";
export type ReloadDecision = "none" | "hot" | "restart" | "off";

export interface ReloadRule {
  prefix: string;
  kind: ReloadKind;
  actions?: readonly string[];
}

export const RELOAD_RULES: readonly ReloadRule[] = (configSchema as unknown as { "x-reload": ReloadRule[] })["x-reload"];
export const DEFAULT_RELOAD_MODE: ReloadMode = "hybrid";
export const DEFAULT_RELOAD_DEBOUNCE_MS = 300;

export interface ReloadPlan {
  mode: ReloadMode;
  decision: ReloadDecision;
  changedPaths: string[];
  /** Changed paths applied in place (hot rules). */
  hotPaths: string[];
  /** Changed paths that need a restart (or wait for the next start). */
  restartPaths: string[];
  /** Changed paths with nothing to do (read where used). */
  nonePaths: string[];
  /** Hot actions to run, each once. */
  actions: string[];
  warnings: string[];
}

function matches(prefix: string, path: string): number {
  const want = prefix.split(".");
  const have = path.split(".");
  if (have.length < want.length) return -1;
  for (let i = 0; i < want.length; i++) if (want[i] !== "*" && want[i] !== have[i]) return -1;
  return want.length * 2 - want.filter((w) => w === "*").length;
}

/** The rule for one dotted path: the longest matching prefix (literal segments beat `*`); none → restart. */
export function ruleFor(path: string, rules: readonly ReloadRule[] = RELOAD_RULES): ReloadRule {
  let best: ReloadRule | undefined;
  let score = -1;
  for (const rule of rules) {
    const s = matches(rule.prefix, path);
    if (s > score) {
      best = rule;
      score = s;
    }
  }
  return best ?? { prefix: path, kind: "restart" };
}

export function reloadModeOf(config: GatewayConfig): ReloadMode {
  return config.gateway?.reload?.mode ?? DEFAULT_RELOAD_MODE;
}

export function planReload(previous: GatewayConfig, next: GatewayConfig, options: { mode?: ReloadMode; rules?: readonly ReloadRule[] } = {}): ReloadPlan {
  const mode = options.mode ?? reloadModeOf(next);
  const changedPaths = diffPaths(previous, next);
  const plan: ReloadPlan = { mode, decision: "none", changedPaths, hotPaths: [], restartPaths: [], nonePaths: [], actions: [], warnings: [] };
  const actions = new Set<string>();
  for (const path of changedPaths) {
    const rule = ruleFor(path, options.rules);
    if (rule.kind === "hot") {
      plan.hotPaths.push(path);
      for (const a of rule.actions ?? []) actions.add(a);
    } else if (rule.kind === "restart") plan.restartPaths.push(path);
    else plan.nonePaths.push(path);
  }
  plan.actions = [...actions];
  if (changedPaths.length === 0) return plan;
  switch (mode) {
    case "off":
      plan.decision = "off";
      plan.warnings.push(`config reload is off: ${changedPaths.join(", ")} take effect at the next start`);
      plan.actions = [];
      break;
    case "hot":
      plan.decision = plan.hotPaths.length || plan.nonePaths.length ? "hot" : "none";
      if (plan.restartPaths.length) plan.warnings.push(`needs a restart to take effect (reload mode hot): ${plan.restartPaths.join(", ")}`);
      break;
    case "hybrid":
      plan.decision = plan.restartPaths.length ? "restart" : plan.hotPaths.length || plan.nonePaths.length ? "hot" : "none";
      break;
    case "restart":
      plan.decision = "restart";
      break;
  }
  return plan;
}
