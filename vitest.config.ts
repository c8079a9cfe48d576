import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["schema/**/*.test.ts", "codegen/**/*.test.ts", "common/**/*.test.ts", "runtime/**/*.test.ts", "clients/**/*.test.ts", "cli/**/*.test.ts", "testing/**/*.test.ts", "ui/**/*.test.ts"],
    // Rebuild dist/ (what bin/tidegate.js runs) when its sources changed: e2e tests never run a stale bundle.
    globalSetup: ["testing/global-setup.ts"],
    // Hang guards, not timings: on a saturated machine an e2e test that takes 0.5 s idle can take 20 s.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    teardownTimeout: 60_000,
    // Each test file in its own process. A worker must keep its event loop free (no long synchronous work,
    // no spawnSync: see testing/child.ts): vitest's worker RPC times out after 60 s of blocking
    // ("Timeout calling onTaskUpdate") and fails a run in which every test passed.
    // testing/event-loop-guard.ts names a file that blocks its worker for long.
    setupFiles: ["testing/event-loop-guard.ts"],
    pool: "forks",
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
