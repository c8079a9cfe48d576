import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["schema/**/*.test.ts", "codegen/**/*.test.ts", "common/**/*.test.ts", "runtime/**/*.test.ts", "clients/**/*.test.ts", "cli/**/*.test.ts", "testing/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
