/**
 * Test support: a fake wall clock, monotonic clock and timer source. `advance`
 * moves time forward firing due timers in order and lets promises settle
 * between them, so schedule tests are exact and take no real time.
 */
export class FakeTime {
  private wall: number;
  private mono = 0;
  private seq = 0;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();

  constructor(startMs: number) {
    this.wall = startMs;
  }

  readonly clock = { now: () => this.wall, monotonic: () => this.mono };

  readonly timerSource = {
    set: (fn: () => void, delayMs: number): unknown => {
      const id = ++this.seq;
      this.timers.set(id, { at: this.mono + Math.max(0, delayMs), fn });
      return id;
    },
    clear: (handle: unknown) => void this.timers.delete(handle as number),
  };

  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Jump the wall clock only (a suspend, an NTP step); timers keep their monotonic deadlines. */
  jumpWall(ms: number): void {
    this.wall += ms;
  }

  /** Let pending promise callbacks run. */
  async settle(): Promise<void> {
    for (let i = 0; i < 20; i++) await new Promise<void>((r) => setImmediate(r));
  }

  /** Move both clocks forward by `ms`, firing every timer that falls due on the way. */
  async advance(ms: number): Promise<void> {
    const end = this.mono + ms;
    await this.settle();
    for (;;) {
      let next: [number, { at: number; fn: () => void }] | undefined;
      for (const entry of this.timers) if (entry[1].at <= end && (!next || entry[1].at < next[1].at || (entry[1].at === next[1].at && entry[0] < next[0]))) next = entry;
      if (!next) break;
      this.timers.delete(next[0]);
      this.wall += next[1].at - this.mono;
      this.mono = next[1].at;
      next[1].fn();
      await this.settle();
    }
    this.wall += end - this.mono;
    this.mono = end;
    await this.settle();
  }
}
