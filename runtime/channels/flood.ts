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

  /** Count one message of `sender`; false when it is over the limit (the message should be dropped). */
  allow(sender: string, limit: RateLimit): boolean {
    const now = this.now();
    const since = now - limit.perSeconds * 1000;
    const times = (this.seen.get(sender) ?? []).filter((t) => t > since);
    this.seen.delete(sender);
    const ok = times.length < limit.messages;
    if (ok) times.push(now);
    this.seen.set(sender, times);
    if (this.seen.size > MAX_SENDERS) this.seen.delete(this.seen.keys().next().value!);
    return ok;
  }
}
