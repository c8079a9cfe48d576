/**
 * Results of side-effecting calls by idempotency key: a repeat within the
 * TTL gets the first call's result (or waits for it while in flight) instead
 * of running again. Bounded in size; oldest entries go first. A
 * `PreparedResult` (a node's answer, possibly megabytes) is shared only while
 * in flight: it is not kept after it settles, so a later repeat runs again.
 */

import { PreparedResult } from "./prepared-result.js";

/** Call results by key, for a TTL. */
export class IdempotencyCache {
  private readonly entries = new Map<string, { expiresAt: number; result: Promise<unknown> }>();

  constructor(
    private readonly ttlMs = 5 * 60_000,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Run `call` unless `key` ran within the TTL; failed calls are not cached. */
  run<T>(key: string, call: () => Promise<T>): Promise<T> {
    const now = this.now();
    const hit = this.entries.get(key);
    if (hit && hit.expiresAt > now) return hit.result as Promise<T>;
    if (hit) this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    const result = call();
    this.entries.set(key, { expiresAt: now + this.ttlMs, result });
    result.then(
      (value) => {
        if (value instanceof PreparedResult && this.entries.get(key)?.result === result) this.entries.delete(key);
      },
      () => this.entries.delete(key),
    );
    return result;
  }
}
