import { describe, expect, it } from "vitest";
import { LogSampler } from "./log-sampler.js";

describe("LogSampler", () => {
  it("writes at most perWindow lines per window and reports the rest once in the next window", () => {
    let now = 0;
    const sampler = new LogSampler(3, 1000, () => now);
    const lines: string[] = [];
    for (let i = 0; i < 100; i++)
      sampler.sample(
        () => lines.push(`line ${i}`),
        (n) => lines.push(`suppressed ${n}`),
      );
    expect(lines).toEqual(["line 0", "line 1", "line 2"]);
    now += 1000;
    sampler.sample(
      () => lines.push("later"),
      (n) => lines.push(`suppressed ${n}`),
    );
    expect(lines.slice(3)).toEqual(["suppressed 97", "later"]);
  });
});
