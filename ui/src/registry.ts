/** What the protocol registry (generated/ts/registry.ts) says about the methods a page uses. */
import { METHODS } from "../../generated/ts/registry.js";
import type { MethodName } from "../../generated/ts/types.js";

/** The registry's reason when any of `methods` is not served yet (marked `unavailable`). */
export function unavailableReason(methods: readonly MethodName[]): { method: MethodName; reason: string } | undefined {
  for (const method of methods) {
    const entry = METHODS[method as keyof typeof METHODS] as { unavailable?: string };
    if (entry.unavailable) return { method, reason: entry.unavailable };
  }
  return undefined;
}
