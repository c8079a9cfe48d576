/**
 * vitest setup file: name the test file that blocks its worker's event loop.
 *
 * A worker blocked for 60 s misses the answer to its `onTaskUpdate` RPC and vitest fails the run
 * (`Timeout calling "onTaskUpdate"`, every test green) without saying which file did it. This
 * warns, naming the file, long before that limit. A warning, not a failure: on a busy machine
 * scheduling alone delays timers. TIDEGATE_EVENT_LOOP_REPORT=1 prints every file's longest block.
 */
import { relative } from "node:path";
import { afterAll } from "vitest";
import { REPO_ROOT } from "./gateway-process.js";

const WARN_MS = 10_000;
const TICK_MS = 100;

// A real timer (created before any test can install fake ones): how late it fires is how long the loop was blocked.
let last = performance.now();
let blockedMs = 0;
const sampler = setInterval(() => {
  const now = performance.now();
  blockedMs = Math.max(blockedMs, now - last - TICK_MS);
  last = now;
}, TICK_MS);
sampler.unref();

afterAll((suite) => {
  clearInterval(sampler);
  blockedMs = Math.max(blockedMs, performance.now() - last - TICK_MS);
  const file = relative(REPO_ROOT, "filepath" in suite ? suite.filepath : suite.file.filepath);
  if (process.env.TIDEGATE_EVENT_LOOP_REPORT === "1") console.log(`event loop: ${file} blocked its worker for at most ${Math.round(blockedMs)} ms`);
  if (blockedMs > WARN_MS) {
    console.warn(
      `${file} blocked its vitest worker's event loop for ${(blockedMs / 1000).toFixed(1)} s. At 60 s vitest fails the whole run ` +
        `(Timeout calling "onTaskUpdate"): move long synchronous work into a child process (testing/child.ts).`,
    );
  }
});
