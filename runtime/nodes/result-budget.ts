/**
 * A gateway-wide budget of bytes of node results held at once
 * (`gateway.limits.maxNodeResultBytes`): a node's answer takes its size when it
 * arrives and gives it back once delivered, so many concurrent large answers
 * (camera, screen, canvas captures) cannot exhaust the process's memory.
 */
export class ResultBudget {
  private heldBytes = 0;

  constructor(readonly limitBytes: number) {
    if (!Number.isInteger(limitBytes) || limitBytes <= 0) throw new RangeError(`result budget must be a positive integer, got ${limitBytes}`);
  }

  /** Bytes currently held. */
  get held(): number {
    return this.heldBytes;
  }

  /** Take `bytes` if they fit; false (and nothing taken) when they do not. */
  take(bytes: number): boolean {
    if (this.heldBytes + bytes > this.limitBytes) return false;
    this.heldBytes += bytes;
    return true;
  }

  /** Give back `bytes` taken earlier. */
  give(bytes: number): void {
    this.heldBytes = Math.max(0, this.heldBytes - bytes);
  }
}
