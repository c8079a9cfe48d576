/**
 * `tidegate logs --follow` across an in-process restart of the gateway (sockets
 * closed with 1012): the CLI reconnects with its client's backoff and resumes
 * from its cursor, so every line written before and after arrives exactly once.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GatewayProcess, startGateway, TIDEGATE_BIN } from "../testing/gateway-process.js";
import { RawClient } from "../testing/raw-client.js";

let gw: GatewayProcess;
let follow: ChildProcess | undefined;

beforeAll(async () => {
  gw = await startGateway({ config: { gateway: { reload: { debounceMs: 20 } } } });
});
afterAll(async () => {
  if (follow && follow.exitCode === null) follow.kill("SIGTERM");
  await gw.dispose();
});

/** A node that raises `node.event`s: each is one `node event` line in the gateway log, naming the event. */
async function marker(names: string[]) {
  const node = await RawClient.open(gw.url);
  expect((await node.connect({ token: gw.token, role: "node", commands: [] })).ok).toBe(true);
  for (const event of names) expect((await node.request("node.event", { event })).ok).toBe(true);
  node.close();
}

/** How a `node event` line naming `event` looks in `--json` output (the raw record, JSON-escaped). */
const logged = (event: string) => `\\"event\\":\\"${event}\\"`;

describe("logs --follow", () => {
  it("keeps following through a restart: reconnects, resumes from its cursor, no line twice or lost", async () => {
    await marker(["before-1", "before-2"]);
    follow = spawn(process.execPath, [TIDEGATE_BIN, "logs", "--follow", "--json", "--interval", "50", "--limit", "1000"], {
      env: { ...process.env, TIDEGATE_STATE_DIR: gw.stateDir, TIDEGATE_URL: gw.url, TIDEGATE_GATEWAY_TOKEN: gw.token },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    const waiters: { test: () => boolean; done: () => void }[] = [];
    const check = () => waiters.splice(0).forEach((w) => (w.test() ? w.done() : waiters.push(w)));
    follow.stdout!.on("data", (d) => ((stdout += d), check()));
    follow.stderr!.on("data", (d) => ((stderr += d), check()));
    const seen = (text: string, where: () => string = () => stdout) =>
      new Promise<void>((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`no '${text}' from logs --follow; stdout:\n${stdout.slice(-2000)}\nstderr:\n${stderr}`)), 60_000);
        waiters.push({ test: () => where().includes(text), done: () => (clearTimeout(timer), done()) });
        check();
      });

    await seen(logged("before-2"));
    await marker(["during-1"]);
    await seen(logged("during-1"));

    // A change that needs a restart: the gateway restarts in-process and closes every socket with 1012.
    const operator = await RawClient.open(gw.url);
    await operator.connect({ token: gw.token, scopes: ["operator.admin"] });
    const closing = operator.waitClose(30_000);
    const { hash } = (await operator.request("config.get")).payload;
    const patched = await operator.request("config.patch", { raw: "{ gateway: { limits: { maxPayload: 262144 } } }", baseHash: hash });
    expect(patched.payload.restart).toMatchObject({ mode: "restart" });
    expect((await closing).code).toBe(1012);
    await seen("reconnecting", () => stderr);
    await seen("reconnected", () => stderr);

    await marker(["after-1", "after-2"]);
    await seen(logged("after-2"));
    expect(follow.exitCode).toBeNull();

    const lines = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { type: string; raw?: string });
    expect(lines.filter((l) => l.type === "meta")).toHaveLength(1);
    const raws = lines.filter((l) => l.raw !== undefined).map((l) => l.raw as string);
    expect(new Set(raws).size).toBe(raws.length); // no line twice
    const events = raws.map((r) => /"event":"([a-z]+-\d)"/.exec(r)).flatMap((m) => (m ? [m[1]] : []));
    expect(events).toEqual(["before-1", "before-2", "during-1", "after-1", "after-2"]);
    expect(raws.some((r) => r.includes("restarted, listening on"))).toBe(true); // the restart's own lines came through too
  }, 120_000);
});
