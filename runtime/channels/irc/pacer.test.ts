import { describe, expect, it } from "vitest";
import { FakeTime } from "../../../testing/fake-time.js";
import { LinePacer } from "./pacer.js";

function pacer(burst = 3, intervalMs = 1000) {
  const time = new FakeTime(0);
  const written: [number, string][] = [];
  const p = new LinePacer((line) => void written.push([time.clock.monotonic(), line]), { burst, intervalMs }, time.clock, time.timerSource);
  return { time, written, pacer: p };
}

describe("LinePacer", () => {
  it("lets a burst out at once, then one line per interval, in order, and resolves each send when its last line is out", async () => {
    const { time, written, pacer: p } = pacer();
    const done: string[] = [];
    void p.send(["a1", "a2"]).then(() => done.push("a"));
    void p.send(["b1", "b2", "b3", "b4"]).then(() => done.push("b"));
    await time.settle();
    expect(written).toEqual([
      [0, "a1"],
      [0, "a2"],
      [0, "b1"],
    ]);
    expect(done).toEqual(["a"]);
    expect(p.backlog).toBe(3);
    await time.advance(5000);
    expect(written.slice(3)).toEqual([
      [1000, "b2"],
      [2000, "b3"],
      [3000, "b4"],
    ]);
    expect(done).toEqual(["a", "b"]);
  });

  it("refills the burst after a quiet spell, but not beyond it", async () => {
    const { time, written, pacer: p } = pacer(2, 500);
    await p.send(["1", "2"]);
    await time.advance(60_000);
    void p.send(["3", "4", "5"]);
    await time.settle();
    expect(written.map(([, line]) => line)).toEqual(["1", "2", "3", "4"]);
    await time.advance(500);
    expect(written.at(-1)).toEqual([60_500, "5"]);
  });

  it("rejects what is still queued when the connection goes, and stops its timer", async () => {
    const { time, written, pacer: p } = pacer(1, 1000);
    const sent = p.send(["x", "y", "z"]);
    p.fail(new Error("disconnected"));
    await expect(sent).rejects.toThrow("disconnected");
    expect(time.pendingTimers).toBe(0);
    await time.advance(5000);
    expect(written.map(([, line]) => line)).toEqual(["x"]);
  });

  it("rejects a send whose line the writer refuses, and goes on with the next", async () => {
    const time = new FakeTime(0);
    const written: string[] = [];
    const p = new LinePacer(
      (line) => {
        if (line === "bad") throw new Error("refused");
        written.push(line);
      },
      { burst: 5, intervalMs: 100 },
      time.clock,
      time.timerSource,
    );
    await expect(p.send(["bad", "never"])).rejects.toThrow("refused");
    await p.send(["good"]);
    expect(written).toEqual(["good"]);
  });
});
