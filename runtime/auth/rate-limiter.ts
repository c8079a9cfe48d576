/**
 * Failed authentication attempts per client address AND per secret kind.
 *
 * - Each kind (`shared`: the gateway token or password; `deviceToken`) has its own budget:
 *   the 11th failure of one kind within a minute locks the ADDRESS out for 5 minutes.
 * - During a lockout every attempt from that address is refused (`AUTH_RATE_LIMITED` with
 *   `retryAfterMs`), whatever it presents, the right secret included.
 * - No success erases any failure, of its own kind or another: failures only age out of the
 *   window. (Before, a legitimate device-token login every 10 guesses wiped the shared-secret
 *   count, and the right secret after 10 failures reset the budget.)
 * - Attempts that present NO credential at all are refused (`AUTH_REQUIRED`) but not counted:
 *   they guess nothing, and counting them would let any local process lock the CLI out of
 *   127.0.0.1 for 5 minutes by connecting without credentials. Their cost is bounded by the
 *   connection limits, and their log lines are sampled.
 *
 * IPv4 and IPv4-mapped IPv6 share one bucket. Uses the monotonic clock; state is bounded.
 */
export interface RateLimitOptions {
  maxFailures: number;
  windowMs: number;
  lockoutMs: number;
  maxTrackedAddresses: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { maxFailures: 10, windowMs: 60_000, lockoutMs: 5 * 60_000, maxTrackedAddresses: 10_000 };

/** What a failed attempt was guessing. */
export type SecretKind = "shared" | "deviceToken";

interface Bucket {
  failures: Record<SecretKind, number[]>;
  lockedUntil: number;
}

/** IPv4 and IPv4-mapped IPv6 share one bucket. */
export function addressKey(address: string): string {
  return address.startsWith("::ffff:") ? address.slice(7) : address;
}

export class AuthRateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly options: RateLimitOptions = DEFAULT_RATE_LIMIT,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Milliseconds the address must still wait, or 0 when it may try. */
  retryAfter(address: string): number {
    const bucket = this.buckets.get(addressKey(address));
    if (!bucket) return 0;
    return Math.max(0, Math.ceil(bucket.lockedUntil - this.now()));
  }

  /** Record a failure of `kind`; returns the lockout in ms when this failure triggered one. */
  fail(address: string, kind: SecretKind = "shared"): number {
    const key = addressKey(address);
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= this.options.maxTrackedAddresses) this.evict(now);
      bucket = { failures: { shared: [], deviceToken: [] }, lockedUntil: 0 };
      this.buckets.set(key, bucket);
    }
    const recent = bucket.failures[kind].filter((t) => now - t < this.options.windowMs);
    recent.push(now);
    bucket.failures[kind] = recent;
    if (recent.length > this.options.maxFailures) {
      bucket.lockedUntil = now + this.options.lockoutMs;
      bucket.failures[kind] = [];
      return this.options.lockoutMs;
    }
    return 0;
  }

  private evict(now: number): void {
    const stale = (b: Bucket) => b.lockedUntil <= now && Object.values(b.failures).every((times) => times.every((t) => now - t >= this.options.windowMs));
    for (const [key, bucket] of this.buckets) if (stale(bucket)) this.buckets.delete(key);
    if (this.buckets.size >= this.options.maxTrackedAddresses) this.buckets.delete(this.buckets.keys().next().value!);
  }
}
