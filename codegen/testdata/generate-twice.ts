/**
 * For generate.test.ts, in a child process (whole-protocol generation is seconds of synchronous
 * work, which must not block the test worker): generate every file twice in one process and write
 * both runs as JSON to the path given.   node tsx/dist/cli.mjs codegen/testdata/generate-twice.ts OUT.json
 */
import { writeFileSync } from "node:fs";
import { generateFiles } from "../generate.js";

const out = process.argv[2];
if (!out) throw new Error("usage: generate-twice.ts OUT.json");
const first = await generateFiles();
const second = await generateFiles();
writeFileSync(out, JSON.stringify({ first, second }));
