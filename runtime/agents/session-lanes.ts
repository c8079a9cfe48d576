/**
 * One run at a time per session key. Further runs wait in a bounded FIFO
 * queue per key; when it is full, `acquire` refuses at once. A waiting run
 * can leave the queue (abort) without ever running.
 */
export class QueueFullError extends Error {
  constructor(
    readonly key: string,
    readonly max: number,
  ) {
    super(`session ${key} already has a run in progress and ${max} waiting; try again when it finishes`);
    this.name = "QueueFullError";
  }
}

interface Waiter {
  id: string;
  start(): void;
  cancel(reason: unknown): void;
}

interface Lane {
  active?: string;
  queue: Waiter[];
}

export class SessionLanes {
  private readonly lanes = new Map<string, Lane>();

  constructor(private readonly maxQueued: () => number) {}

  /** Resolves when `id` may run on `key`; throws `QueueFullError` synchronously when the queue is full. */
  acquire(key: string, id: string): Promise<void> {
    let lane = this.lanes.get(key);
    if (!lane) this.lanes.set(key, (lane = { queue: [] }));
    if (lane.active === undefined) {
      lane.active = id;
      return Promise.resolve();
    }
    const max = this.maxQueued();
    if (lane.queue.length >= max) throw new QueueFullError(key, max);
    return new Promise((start, cancel) => lane.queue.push({ id, start, cancel }));
  }

  /** The active run is done: the next waiting one starts. */
  release(key: string, id: string): void {
    const lane = this.lanes.get(key);
    if (!lane || lane.active !== id) return;
    const next = lane.queue.shift();
    if (!next) {
      this.lanes.delete(key);
      return;
    }
    lane.active = next.id;
    next.start();
  }

  /** Take a waiting run out of the queue; false when it is not waiting. */
  cancel(key: string, id: string, reason: unknown): boolean {
    const lane = this.lanes.get(key);
    const index = lane?.queue.findIndex((w) => w.id === id) ?? -1;
    if (!lane || index < 0) return false;
    const [waiter] = lane.queue.splice(index, 1);
    waiter.cancel(reason);
    return true;
  }

  active(key: string): string | undefined {
    return this.lanes.get(key)?.active;
  }

  waiting(key: string): string[] {
    return this.lanes.get(key)?.queue.map((w) => w.id) ?? [];
  }
}
