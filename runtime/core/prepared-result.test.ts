/** A result spliced from JSON text: the same JSON whether built as a string or written into one UTF-8 buffer. */
import { describe, expect, it } from "vitest";
import { PreparedResult } from "./prepared-result.js";

describe("PreparedResult", () => {
  it("splices raw JSON and string fields after the plain ones, as text and as UTF-8 bytes (multi-byte text intact)", () => {
    const json = JSON.stringify({ caption: "café ☕ 🌊", quote: '"\\' });
    const result = new PreparedResult(
      { ok: true, nodeId: "n" },
      [
        ["payload", json, "json"],
        ["payloadJSON", json, "string"],
      ],
      () => {},
    );
    const expected = { ok: true, nodeId: "n", payload: JSON.parse(json), payloadJSON: json };
    expect(JSON.parse(result.text()!)).toEqual(expected);
    const bytes = result.utf8('{"frame":', "}")!;
    expect(JSON.parse(bytes.toString("utf8"))).toEqual({ frame: expected });
  });

  it("with no plain fields, the raw ones alone make the object; releasing runs once and drops the text", () => {
    let released = 0;
    const result = new PreparedResult({}, [["payload", "[1]", "json"]], () => released++);
    expect(result.text()).toBe('{"payload":[1]}');
    result.release();
    result.release();
    expect(released).toBe(1);
    expect(result.text()).toBeUndefined();
    expect(result.utf8("", "")).toBeUndefined();
  });
});
