/** What the protocol registry (generated/ts/registry.ts) says about the methods a page uses. */
import { METHODS, SCOPE_IMPLIES } from "../../generated/ts/registry.js";
import type { MethodName } from "../../generated/ts/types.js";

/** The registry's reason when any of `methods` is not served yet (marked `unavailable`). */
export function unavailableReason(methods: readonly MethodName[]): { method: MethodName; reason: string } | undefined {
  for (const method of methods) {
    const entry = METHODS[method as keyof typeof METHODS] as { unavailable?: string };
    if (entry.unavailable) return { method, reason: entry.unavailable };
  }
  return undefined;
}

/** The first of `methods` whose scope (as the registry gives it) `held` does not satisfy — the gateway's own rule: admin satisfies all, write satisfies read. */
export function missingScope(methods: readonly MethodName[], held: readonly string[]): { method: MethodName; scope: string } | undefined {
  const implies = SCOPE_IMPLIES as Record<string, readonly string[]>;
  for (const method of methods) {
    const scope = (METHODS[method as keyof typeof METHODS] as { scope: string }).scope;
    if (!held.some((h) => h === scope || implies[h]?.includes(scope))) return { method, scope };
  }
  return undefined;
}
