/**
 * vitest global setup: bring `dist/tidegate.js` up to date before any test runs, so the e2e tests
 * (which run `bin/tidegate.js`, that is the bundle) never test stale code after a source edit.
 * The build is scripts/build.mjs, the same as `make build`; it does nothing when the bundle is current.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "./gateway-process.js";

export default async function setup(): Promise<void> {
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, "scripts/build.mjs")], { cwd: REPO_ROOT, stdio: "inherit" });
    child.once("error", reject);
    child.once("close", resolve);
  });
  if (code !== 0) throw new Error(`scripts/build.mjs exited with ${code}: dist/tidegate.js could not be built`);
}
