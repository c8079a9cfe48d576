import { describe, expect, it } from "vitest";
import { formatLogLine } from "./src/log-line.js";

describe("log lines", () => {
  it("makes a JSONL record readable and leaves other text alone", () => {
    expect(formatLogLine('{"0":"connect refused","1":{"ip":"127.0.0.1","reason":"PAIRING_REQUIRED"},"time":"2026-11-30T12:37:01.123Z","level":"warn"}')).toBe(
      "12:37:01.123 WARN connect refused ip=127.0.0.1 reason=PAIRING_REQUIRED",
    );
    expect(formatLogLine('{"msg":"started","port":1,"ts":0}')).toBe("00:00:00.000 started port=1");
    expect(formatLogLine("plain text")).toBe("plain text");
    expect(formatLogLine("[1,2]")).toBe("[1,2]");
  });
});
