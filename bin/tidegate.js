#!/usr/bin/env node
// The `tidegate` command: runs the bundled CLI built by `make build`.
import { existsSync } from "node:fs";

const bundle = new URL("../dist/tidegate.js", import.meta.url);
if (!existsSync(bundle)) {
  console.error("tidegate: the CLI is not built yet; run `make build` in the tidegate checkout");
  process.exit(2);
}
await import(bundle.href);
