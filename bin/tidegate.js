#!/usr/bin/env -S node --max-semi-space-size=1
// The `tidegate` command: runs the bundled CLI built by `make build`.
// A 1 MiB young generation keeps what each idle gateway socket costs low (see README, Performance).
import { existsSync } from "node:fs";

const bundle = new URL("../dist/tidegate.js", import.meta.url);
if (!existsSync(bundle)) {
  console.error("tidegate: the CLI is not built yet; run `make build` in the tidegate checkout");
  process.exit(2);
}
await import(bundle.href);
