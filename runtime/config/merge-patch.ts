/**
 * RFC 7396 JSON merge patch: objects merge recursively, `null` deletes a key,
 * anything else (arrays included) replaces. Pure: neither input is changed.
 * `__proto__`, `constructor` and `prototype` keys are refused, never merged.
 */
import { FORBIDDEN_KEYS } from "./load.js";

export class ForbiddenKeyError extends Error {
  constructor(
    readonly key: string,
    readonly at: string,
  ) {
    super(`forbidden key '${key}'${at ? ` at ${at}` : ""}`);
    this.name = "ForbiddenKeyError";
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** A deep copy of JSON data that refuses forbidden keys. */
function cloneJson(value: unknown, at: string): unknown {
  if (Array.isArray(value)) return value.map((v, i) => cloneJson(v, `${at}[${i}]`));
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) throw new ForbiddenKeyError(key, at);
    out[key] = cloneJson(value[key], at ? `${at}.${key}` : key);
  }
  return out;
}

export function applyMergePatch(target: unknown, patch: unknown, at = ""): unknown {
  if (!isObject(patch)) return cloneJson(patch, at);
  const out: Record<string, unknown> = isObject(target) ? (cloneJson(target, at) as Record<string, unknown>) : {};
  for (const key of Object.keys(patch)) {
    const here = at ? `${at}.${key}` : key;
    if (FORBIDDEN_KEYS.has(key)) throw new ForbiddenKeyError(key, at);
    const value = patch[key];
    if (value === null) delete out[key];
    else out[key] = applyMergePatch(Object.hasOwn(out, key) ? out[key] : undefined, value, here);
  }
  return out;
}

/** Dotted paths whose values differ (objects compared key by key, anything else as a whole). */
export function diffPaths(before: unknown, after: unknown, at = ""): string[] {
  // A section that appears or disappears counts as changes of its leaves.
  if (isObject(before) && after === undefined) after = {};
  if (isObject(after) && before === undefined) before = {};
  if (isObject(before) && isObject(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    const out: string[] = [];
    for (const key of [...keys].sort()) out.push(...diffPaths(before[key], after[key], at ? `${at}.${key}` : key));
    return out;
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [at];
}
