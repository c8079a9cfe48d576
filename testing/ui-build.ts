/**
 * Test support: bring `dist/ui/` (the Control UI, `make ui`) up to date before a browser test,
 * so a bare `npx vitest run ui` never tests a stale build. Runs Vite in a child process
 * (the worker's event loop stays free) and only when a source is newer than the build.
 */
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { runProcess } from "./child.js";
import { REPO_ROOT } from "./gateway-process.js";

const SOURCE_DIRS = ["ui/src", "ui/public", "clients/browser", "clients/ts", "common", "generated/ts"];
const SOURCE_FILES = ["ui/index.html", "ui/vite.config.ts", "pnpm-lock.yaml"];

async function newestSource(): Promise<number> {
  const files = SOURCE_FILES.map((f) => join(REPO_ROOT, f));
  for (const dir of SOURCE_DIRS) {
    for (const entry of await readdir(join(REPO_ROOT, dir), { recursive: true, withFileTypes: true }).catch(() => [])) {
      if (entry.isFile()) files.push(join(entry.parentPath, entry.name));
    }
  }
  const times = await Promise.all(
    files.map((f) =>
      stat(f).then(
        (s) => s.mtimeMs,
        () => 0,
      ),
    ),
  );
  return Math.max(...times);
}

export async function ensureUiBuilt(): Promise<void> {
  const builtAt = await stat(join(REPO_ROOT, "dist/ui/index.html")).then(
    (s) => s.mtimeMs,
    () => 0,
  );
  if (builtAt && (await newestSource()) <= builtAt) return;
  const result = await runProcess(process.execPath, [join(REPO_ROOT, "node_modules/vite/bin/vite.js"), "build", "--config", "ui/vite.config.ts"], { cwd: REPO_ROOT });
  if (result.code !== 0) throw new Error(`the Control UI build failed (make ui):\n${result.out}`);
}
