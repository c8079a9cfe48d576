/**
 * The protocol lock on a temporary copy of the repository, one schema edit per
 * rule: `protocol:check` reports each change on one line with its direction,
 * fails on a breaking one, and `protocol:gen` keeps the committed lock until
 * the change is acknowledged or the protocol version goes up.
 */

import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
let copy: string;

/** Run `protocol:<command>` in the copy; asynchronous, so the test worker stays responsive meanwhile. */
function protocol(command: "check" | "gen"): Promise<{ code: number | null; out: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(ROOT, "node_modules/tsx/dist/cli.mjs"), join(copy, "codegen/cli.ts"), command], { cwd: copy });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d));
    child.stderr.on("data", (d: Buffer) => (out += d));
    child.on("close", (code) => done({ code, out }));
  });
}

/** Reset schema/, generated/ and the lock, then apply `edits` (file → [from, to]). */
function edit(edits: Record<string, [string | RegExp, string][]>) {
  for (const dir of ["generated", "schema"]) {
    rmSync(join(copy, dir), { recursive: true, force: true });
    cpSync(join(ROOT, dir), join(copy, dir), { recursive: true, filter: (src) => !src.includes("/target") });
  }
  cpSync(join(ROOT, "protocol.lock.json"), join(copy, "protocol.lock.json"));
  for (const [file, replacements] of Object.entries(edits)) {
    const path = join(copy, "schema", file);
    let text = readFileSync(path, "utf8");
    for (const [from, to] of replacements) {
      const next = text.replace(from, to);
      if (next === text) throw new Error(`edit of ${file} matched nothing: ${from}`);
      text = next;
    }
    writeFileSync(path, text);
  }
}

/** The report line of change `id`. */
const line = (out: string, id: string) => out.split("\n").find((l) => l.includes(` ${id} [`)) ?? `(no line for ${id} in:\n${out})`;

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), "tidegate-lock-"));
  for (const entry of ["codegen", "runtime", "package.json", "Package.swift"]) cpSync(join(ROOT, entry), join(copy, entry), { recursive: true });
  symlinkSync(join(ROOT, "node_modules"), join(copy, "node_modules"));
});

afterAll(() => rmSync(copy, { recursive: true, force: true }));

const LOGS_TAIL_METHOD = / {2}"logs\.tail": method\(\{[\s\S]*?\n {2}\}\),\n/;
const HEARTBEAT_EVENT = / {2}heartbeat: event\(\{[\s\S]*?\n {2}\}\),\n/;

describe("protocol lock", { timeout: 180_000 }, () => {
  it("breaks on a removed method (client → server)", async () => {
    edit({ "methods/system.ts": [[LOGS_TAIL_METHOD, ""]] });
    const { code, out } = await protocol("check");
    expect(code).toBe(1);
    expect(line(out, "method-removed:logs.tail")).toMatch(
      /^ *BREAKING +method-removed:logs\.tail \[client → server\] .*old clients still call it.* add "method-removed:logs\.tail" to ACKNOWLEDGED_BREAKING_CHANGES/,
    );
  });

  it("breaks on a removed event (server → client)", async () => {
    edit({ "events.ts": [[HEARTBEAT_EVENT, ""]] });
    const { code, out } = await protocol("check");
    expect(code).toBe(1);
    expect(line(out, "event-removed:heartbeat")).toMatch(/BREAKING +event-removed:heartbeat \[server → client\]/);
  });

  it("breaks on a removed params field, a param made required and a param narrowed (client → server)", async () => {
    edit({
      "system.ts": [
        ['  maxBytes: Opt(Int("Most bytes to read.", { minimum: 1, maximum: 1000000 })),\n', ""],
        ['limit: Opt(Int("Most lines to return.", { minimum: 1, maximum: 5000 })),', 'limit: Int("Most lines to return.", { minimum: 1, maximum: 100 }),'],
      ],
    });
    const { code, out } = await protocol("check");
    expect(code).toBe(1);
    expect(line(out, "field-removed:LogsTailParams.maxBytes")).toMatch(/BREAKING .*\[client → server\] .*params of logs\.tail.*old clients still send it/);
    expect(line(out, "field-required:LogsTailParams.limit")).toMatch(/BREAKING .*\[client → server\] .*old clients leave it out/);
    expect(line(out, "field-narrowed:LogsTailParams.limit")).toMatch(/BREAKING .*\[client → server\] .*maximum 5000 → 100/);
  });

  it("breaks on a removed result field (server → client)", async () => {
    edit({ "system.ts": [['  size: Int("Current size of the log file in bytes."),\n', ""]] });
    const { code, out } = await protocol("check");
    expect(code).toBe(1);
    expect(line(out, "field-removed:LogsTailResult.size")).toMatch(/BREAKING .*\[server → client\] .*result of logs\.tail.*old clients require it/);
  });

  it("calls a widened result enum and a new optional field safe, and protocol:gen records them", async () => {
    edit({
      "agents.ts": [['["delta", "final", "aborted", "error"]', '["delta", "final", "aborted", "error", "paused"]']],
      "system.ts": [['ts: Int("Gateway time (ms since epoch)."),', 'ts: Int("Gateway time (ms since epoch)."),\n  jitterMs: Opt(Int("Jitter.")),']],
    });
    const check = await protocol("check");
    expect(line(check.out, "enum-value-added:ChatEventState.paused")).toMatch(/^ *safe +enum-value-added:ChatEventState\.paused \[server → client\] .*safe thanks to open enums/);
    expect(line(check.out, "field-added:TickEvent.jitterMs")).toMatch(/^ *safe .*old generated clients ignore unknown fields/);
    expect(check.out).not.toMatch(/BREAKING/);
    expect(check.out).toContain("Run `npm run protocol:gen`");
    expect((await protocol("gen")).code).toBe(0);
    expect(readFileSync(join(copy, "protocol.lock.json"), "utf8")).toContain('"paused"');
    expect((await protocol("check")).code).toBe(0);
  });

  it("keeps the committed lock on protocol:gen until the change is acknowledged in the schema", async () => {
    edit({ "methods/system.ts": [[LOGS_TAIL_METHOD, ""]] });
    const before = readFileSync(join(copy, "protocol.lock.json"), "utf8");
    const blocked = await protocol("gen");
    expect(blocked.code).toBe(1);
    expect(blocked.out).toContain("protocol.lock.json not updated");
    expect(readFileSync(join(copy, "protocol.lock.json"), "utf8")).toBe(before);
    const acks = join(copy, "schema/breaking-changes.ts");
    writeFileSync(
      acks,
      readFileSync(acks, "utf8").replace("ACKNOWLEDGED_BREAKING_CHANGES: readonly string[] = [", 'ACKNOWLEDGED_BREAKING_CHANGES: readonly string[] = [\n  "method-removed:logs.tail",'),
    );
    const accepted = await protocol("gen");
    expect(accepted.code).toBe(0);
    expect(line(accepted.out, "method-removed:logs.tail")).toMatch(/breaking \(acknowledged\) method-removed:logs\.tail/);
    expect(readFileSync(join(copy, "protocol.lock.json"), "utf8")).not.toContain('"logs.tail"');
    expect((await protocol("check")).code).toBe(0);
  });

  it("accepts a breaking change that comes with a protocol version bump", async () => {
    edit({ "events.ts": [[HEARTBEAT_EVENT, ""]], "version.ts": [["PROTOCOL_VERSION = 3", "PROTOCOL_VERSION = 4"]] });
    const { code, out } = await protocol("gen");
    expect(code).toBe(0);
    expect(line(out, "event-removed:heartbeat")).toMatch(/breaking \(protocol version bumped\)/);
    expect(JSON.parse(readFileSync(join(copy, "protocol.lock.json"), "utf8")).version).toBe(4);
  });
});
