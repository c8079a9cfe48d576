/**
 * Failed shared-secret attempts per client address: the 11th failure within
 * a minute locks the address out for 5 minutes, during which even the right
 * secret is refused. Uses the monotonic clock; state is bounded.
 */
export interface RateLimitOptions {
  maxFailures: number;
  windowMs: number;
  lockoutMs: number;
  maxTrackedAddresses: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { maxFailures: 10, windowMs: 60_000, lockoutMs: 5 * 60_000, maxTrackedAddresses: 10_000 };

interface Bucket {
  failures: number[];
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

  /** Record a failure; returns the lockout in ms when this failure triggered one. */
  fail(address: string): number {
    const key = addressKey(address);
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= this.options.maxTrackedAddresses) this.evict(now);
      bucket = { failures: [], lockedUntil: 0 };
      this.buckets.set(key, bucket);
    }
    bucket.failures = bucket.failures.filter((t) => now - t < this.options.windowMs);
    bucket.failures.push(now);
    if (bucket.failures.length > this.options.maxFailures) {
      bucket.lockedUntil = now + this.options.lockoutMs;
      bucket.failures = [];
      return this.options.lockoutMs;
    }
    return 0;
  }

  /** Forget failures after a success (a lockout stays until it ends). */
  succeed(address: string): void {
    const bucket = this.buckets.get(addressKey(address));
    if (bucket && bucket.lockedUntil <= this.now()) this.buckets.delete(addressKey(address));
  }

  private evict(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.lockedUntil <= now && bucket.failures.every((t) => now - t >= this.options.windowMs)) this.buckets.delete(key);
    }
    if (this.buckets.size >= this.options.maxTrackedAddresses) this.buckets.delete(this.buckets.keys().next().value!);
  }
}
