import { mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GatewayLogger, parseRecord } from "./gateway-logger.js";
import { listLogFiles } from "./log-files.js";
import { Redactor } from "./redact.js";
import { tailLogs } from "./tail.js";

const dir = () => mkdtempSync(join(tmpdir(), "tidegate-logs-"));

describe("redaction", () => {
  const r = new Redactor();
  r.addSecret("gw-token-1234567890");
  it.each([
    ["Authorization: Bearer abc.def-ghi", "Authorization: Bearer [REDACTED]"],
    ["got token=abcdef123 from x", "got token=[REDACTED] from x"],
    ['{"password":"hunter22","ok":1}', '{"password":"[REDACTED]","ok":1}'],
    ["deviceToken: zzzzzzzz", "deviceToken: [REDACTED]"],
    ["url ws://h/?token=qqqqqqq&x=1", "url ws://h/?token=[REDACTED]&x=1"],
    ["connect with gw-token-1234567890 now", "connect with [REDACTED] now"],
    ["auth mode token", "auth mode token"],
  ])("%s", (input, output) => {
    expect(r.text(input)).toBe(output);
  });

  it("masks fields by name at any depth", () => {
    expect(r.value({ auth: { token: "x", password: "y", mode: "token" }, headers: { Authorization: "Bearer q" }, deviceToken: "d", n: 1, migratedTokens: 2 })).toEqual({
      auth: { token: "[REDACTED]", password: "[REDACTED]", mode: "token" },
      headers: { Authorization: "[REDACTED]" },
      deviceToken: "[REDACTED]",
      n: 1,
      migratedTokens: 2,
    });
  });
});

describe("GatewayLogger", () => {
  it("writes redacted JSONL (0600) and redacted terminal lines", () => {
    const d = dir();
    const lines: string[] = [];
    const log = new GatewayLogger({ dir: d, write: (l) => lines.push(l), isTTY: false });
    log.redactor.addSecret("super-secret-token");
    log.info("listening with super-secret-token", { auth: { token: "super-secret-token" }, port: 1 });
    log.debug("hidden");
    log.close();
    const file = readFileSync(join(d, "gateway.log"), "utf8");
    expect(file).not.toContain("super-secret-token");
    expect(lines.join("\n")).not.toContain("super-secret-token");
    const entry = JSON.parse(file.trim());
    expect(entry).toMatchObject({ level: "info", 0: "listening with [REDACTED]", 1: { auth: { token: "[REDACTED]" }, port: 1 }, _meta: { logLevelName: "INFO" } });
    expect(parseRecord(file.trim())).toMatchObject({ level: "info", message: "listening with [REDACTED]", fields: { port: 1 } });
    expect(lines[0]).toMatch(/^\d{4}-.* info {2}listening with \[REDACTED\] auth=\{"token":"\[REDACTED\]"\} port=1$/);
    expect(statSync(join(d, "gateway.log")).mode & 0o777).toBe(0o600);
  });

  it("pretty on a terminal", () => {
    const lines: string[] = [];
    new GatewayLogger({ write: (l) => lines.push(l), isTTY: true }).warn("careful");
    expect(lines[0]).toContain("WARN");
    expect(lines[0]).toContain("\x1b[");
  });

  it("rotates by size and bounds the total", () => {
    const d = dir();
    const log = new GatewayLogger({ dir: d, maxFileBytes: 4096, maxFiles: 2, write: () => {} });
    for (let i = 0; i < 500; i++) log.info(`line ${i} ${"x".repeat(50)}`);
    log.close();
    const files = readdirSync(d);
    expect(files.filter((f) => /^gateway\.\d+\.log$/.test(f))).toHaveLength(2);
    const total = files.reduce((n, f) => n + statSync(join(d, f)).size, 0);
    expect(total).toBeLessThanOrEqual(3 * 4096);
  });
});

describe("tail", () => {
  it("returns the last lines, then continues from the cursor across rotation without gaps", () => {
    const d = dir();
    const log = new GatewayLogger({ dir: d, maxFileBytes: 4096, maxFiles: 50, write: () => {} });
    for (let i = 0; i < 10; i++) log.info(`m${i}`);
    const first = tailLogs(d, { limit: 3 });
    expect(first.lines.map((l) => JSON.parse(l)[0])).toEqual(["m7", "m8", "m9"]);
    // The log is shorter than maxBytes: nothing was cut (v3), `limit` only picked the last lines.
    expect(first.truncated).toBe(false);
    expect(first.cursor).toBe(first.size);
    for (let i = 10; i < 300; i++) log.info(`m${i} ${"y".repeat(40)}`);
    expect(listLogFiles(d).length).toBeGreaterThan(3);
    const seen: string[] = [];
    let cursor = first.cursor;
    for (let round = 0; round < 100; round++) {
      const page = tailLogs(d, { cursor, limit: 37, maxBytes: 3000 });
      expect(page.reset).toBe(false);
      seen.push(...page.lines.map((l) => JSON.parse(l)[0].split(" ")[0]));
      cursor = page.cursor;
      if (!page.truncated) break;
    }
    expect(seen).toEqual(Array.from({ length: 290 }, (_, i) => `m${i + 10}`));
    log.close();
  });

  it("a cursor beyond the end or rotated away resets", () => {
    const d = dir();
    const log = new GatewayLogger({ dir: d, maxFileBytes: 4096, maxFiles: 1, write: () => {} });
    for (let i = 0; i < 400; i++) log.info(`n${i} ${"z".repeat(40)}`);
    log.close();
    expect(tailLogs(d, { cursor: 10 }).reset).toBe(true);
    const beyond = tailLogs(d, { cursor: 10 ** 12, limit: 1 });
    expect(beyond.reset).toBe(true);
    expect(JSON.parse(beyond.lines[0])[0]).toContain("n399");
  });

  it("an empty directory tails to nothing", () => {
    expect(tailLogs(join(dir(), "none"))).toMatchObject({ lines: [], cursor: 0, size: 0 });
  });
});
