/**
 * Rate limit for log lines an unauthenticated peer can cause (refused connects):
 * at most `perWindow` lines per window; the rest are counted and reported in one
 * summary line when the next window opens, so the log grows by a bounded amount
 * whatever a client does. Uses the monotonic clock.
 */
export class LogSampler {
  private windowStart = -Infinity;
  private written = 0;
  private suppressed = 0;

  constructor(
    private readonly perWindow = 20,
    private readonly windowMs = 60_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /**
   * Call for each event. `write` runs when this one may be logged; `summary(n)` runs first
   * when `n` earlier events of the previous window were suppressed.
   */
  sample(write: () => void, summary: (suppressed: number) => void): void {
    const now = this.now();
    if (now - this.windowStart >= this.windowMs) {
      if (this.suppressed > 0) summary(this.suppressed);
      this.windowStart = now;
      this.written = 0;
      this.suppressed = 0;
    }
    if (this.written < this.perWindow) {
      this.written++;
      write();
    } else {
      this.suppressed++;
    }
  }
}
