import { describe, expect, it } from "vitest";
import { chunkText } from "./chunk.js";

describe("chunkText", () => {
  it("keeps a short reply whole", () => {
    expect(chunkText("hello there", 100)).toEqual(["hello there"]);
  });

  it("prefers paragraph, then line, then word boundaries", () => {
    expect(chunkText("first para\n\nsecond para", 15)).toEqual(["first para", "second para"]);
    expect(chunkText("line one\nline two", 12)).toEqual(["line one", "line two"]);
    expect(chunkText("alpha beta gamma delta", 11)).toEqual(["alpha beta", "gamma delta"]);
  });

  it("cuts inside a word only when it must, and never splits a surrogate pair", () => {
    expect(chunkText("abcdefghij", 4)).toEqual(["abcd", "efgh", "ij"]);
    const chunks = chunkText("ab😀cd", 3);
    expect(chunks.join("")).toBe("ab😀cd");
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(3);
    expect(chunks[0]).toBe("ab");
  });

  it("every chunk fits the limit", () => {
    const text = Array.from({ length: 200 }, (_, i) => `word${i}`).join(" ");
    const chunks = chunkText(text, 50);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(50);
    expect(chunks.join(" ")).toBe(text);
  });
});
