/**
 * Per-sender flood limit: at most `messages` per `perSeconds` sliding window.
 * Bounded: the senders seen longest ago are forgotten first.
 */
export interface RateLimit {
  messages: number;
  perSeconds: number;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { messages: 20, perSeconds: 60 };
const MAX_SENDERS = 10_000;

export class FloodLimiter {
  private readonly seen = new Map<string, number[]>();

  constructor(private readonly now: () => number) {}

  private readonly warned = new Map<string, number>();

  /** Count one message of `sender`; false when it is over the limit (the message should be dropped). */
  allow(sender: string, limit: RateLimit): boolean {
    return this.check(sender, limit) === "ok";
  }

  /**
   * Like `allow`, and says whether this is the first drop of the sender's current flood
   * (`first-drop`: worth a warning) or a further one (`drop`), so a flood costs one loud log line.
   */
  check(sender: string, limit: RateLimit): "ok" | "first-drop" | "drop" {
    const now = this.now();
    const since = now - limit.perSeconds * 1000;
    const times = (this.seen.get(sender) ?? []).filter((t) => t > since);
    this.seen.delete(sender);
    const ok = times.length < limit.messages;
    if (ok) times.push(now);
    this.seen.set(sender, times);
    if (this.seen.size > MAX_SENDERS) {
      const oldest = this.seen.keys().next().value!;
      this.seen.delete(oldest);
      this.warned.delete(oldest);
    }
    if (ok) return "ok";
    const warnedAt = this.warned.get(sender);
    if (warnedAt !== undefined && warnedAt > since) return "drop";
    this.warned.set(sender, now);
    return "first-drop";
  }
}
