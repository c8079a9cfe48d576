/**
 * Outbound pacing: IRC servers disconnect a client that sends faster than
 * their flood limit ("Excess Flood"), so lines leave through a token bucket —
 * a short burst at once, then one line per interval — in the order they were
 * queued. A long reply arrives whole, just not all in the same second.
 */
import type { Clock, TimerSource } from "../../cron/time.js";

export interface PacingOptions {
  /** Lines that may leave at once after a quiet spell. */
  burst: number;
  /** One more line may leave per this many milliseconds. */
  intervalMs: number;
}

/** Four lines at once, then one every 700 ms: under the limits of common servers (ngircd, Solanum, InspIRCd, UnrealIRCd). */
export const DEFAULT_PACING: PacingOptions = { burst: 4, intervalMs: 700 };

interface Pending {
  lines: string[];
  done(): void;
  fail(error: Error): void;
}

export class LinePacer {
  private tokens: number;
  private refilledAt: number;
  private readonly queue: Pending[] = [];
  private timer: unknown;

  constructor(
    private readonly write: (line: string) => void,
    private readonly options: PacingOptions,
    private readonly clock: Pick<Clock, "monotonic">,
    private readonly timers: TimerSource,
  ) {
    this.tokens = options.burst;
    this.refilledAt = clock.monotonic();
  }

  /** Lines waiting to leave. */
  get backlog(): number {
    return this.queue.reduce((sum, pending) => sum + pending.lines.length, 0);
  }

  /** Queue the lines; resolves once the last of them is written, rejects when `fail` drops them first. */
  send(lines: string[]): Promise<void> {
    if (lines.length === 0) return Promise.resolve();
    return new Promise((done, fail) => {
      this.queue.push({ lines: [...lines], done, fail });
      this.pump();
    });
  }

  /** Drop everything queued (the connection is gone), rejecting its senders with `error`. */
  fail(error: Error): void {
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
    for (const pending of this.queue.splice(0)) pending.fail(error);
  }

  private refill(): void {
    const now = this.clock.monotonic();
    const earned = Math.floor((now - this.refilledAt) / this.options.intervalMs);
    this.tokens = Math.min(this.options.burst, this.tokens + Math.max(0, earned));
    // A full bucket earns nothing: the next interval starts when its first token is spent.
    this.refilledAt = this.tokens === this.options.burst ? now : this.refilledAt + earned * this.options.intervalMs;
  }

  private pump(): void {
    if (this.timer !== undefined) return;
    this.refill();
    while (this.queue.length > 0 && this.tokens >= 1) {
      const head = this.queue[0];
      const line = head.lines.shift()!;
      this.tokens -= 1;
      try {
        this.write(line);
      } catch (error) {
        this.queue.shift();
        head.fail(error instanceof Error ? error : new Error(String(error)));
        continue;
      }
      if (head.lines.length === 0) {
        this.queue.shift();
        head.done();
      }
    }
    if (this.queue.length > 0) {
      const wait = Math.max(1, this.refilledAt + this.options.intervalMs - this.clock.monotonic());
      this.timer = this.timers.set(() => {
        this.timer = undefined;
        this.pump();
      }, wait);
    }
  }
}
