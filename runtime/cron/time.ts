/** The clock and timers the scheduler uses: real ones in the gateway, fake ones in tests. */
import { performance } from "node:perf_hooks";

export interface Clock {
  /** Wall-clock milliseconds since epoch (schedules, timestamps). */
  now(): number;
  /** Monotonic milliseconds (durations, timeouts); never jumps with the wall clock. */
  monotonic(): number;
}

export interface TimerSource {
  set(fn: () => void, delayMs: number): unknown;
  clear(handle: unknown): void;
}

export const systemClock: Clock = { now: () => Date.now(), monotonic: () => performance.now() };

export const systemTimers: TimerSource = {
  set: (fn, delayMs) => {
    const handle = setTimeout(fn, delayMs);
    handle.unref?.();
    return handle;
  },
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
