/** `tidegate cron …` and `tidegate approvals …` against the real gateway. */

import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tidegate } from "../testing/cli.js";
import { type GatewayProcess, startGateway } from "../testing/gateway-process.js";
import { RawClient } from "../testing/raw-client.js";
import { parseDuration } from "./automation.js";

let gw: GatewayProcess;
let env: Record<string, string>;
let server: Server;
let posts = 0;
let hook = "";

beforeAll(async () => {
  server = createServer((req, res) => {
    posts++;
    req.resume();
    res.writeHead(200).end("fine");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  hook = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  gw = await startGateway();
  env = { TIDEGATE_STATE_DIR: gw.stateDir, TIDEGATE_URL: gw.url, TIDEGATE_GATEWAY_TOKEN: gw.token };
});
afterAll(async () => {
  await gw.dispose();
  server.close();
});

const cli = (...args: string[]) => tidegate(args, env);

describe("tidegate cron", () => {
  it("add, list, run, runs, edit, status, rm", async () => {
    const added = await cli("cron", "add", "--name", "nightly hook", "--cron", "0 3 * * *", "--tz", "Europe/Berlin", "--webhook", hook, "--json");
    expect(added.code).toBe(0);
    const job = JSON.parse(added.stdout);
    expect(job).toMatchObject({ name: "nightly hook", schedule: { kind: "cron", expr: "0 3 * * *", tz: "Europe/Berlin" }, sessionTarget: "isolated", payload: { kind: "webhook", url: hook } });
    const prefix = job.id.slice(0, 8);

    expect((await cli("cron", "list")).stdout).toMatch(new RegExp(`^${prefix}\\s+nightly hook\\s+cron 0 3 \\* \\* \\* \\(Europe/Berlin\\)\\s+in \\d+s`, "m"));
    const ran = await cli("cron", "run", prefix);
    expect(ran).toMatchObject({ code: 0, stdout: `ran ${job.id}: ok\n` });
    expect(posts).toBe(1);
    expect((await cli("cron", "run", prefix, "--due")).stdout).toBe(`did not run ${job.id}: not-due\n`);
    const runs = await cli("cron", "runs", prefix);
    expect(runs.stdout).toMatch(/^WHEN\s+JOB\s+STATUS\s+TOOK\s+OUTCOME\n.*nightly hook\s+ok\s+\d+ ms\s+HTTP 200: fine\n$/);
    expect(JSON.parse((await cli("cron", "runs", "--json")).stdout)).toMatchObject({ total: 1, entries: [{ jobId: job.id, jobName: "nightly hook" }] });

    const edited = await cli("cron", "edit", prefix, "--every", "90s", "--disable", "--json");
    expect(JSON.parse(edited.stdout)).toMatchObject({ enabled: false, schedule: { kind: "every", everyMs: 90_000 } });
    expect((await cli("cron", "list")).stdout).toMatch(/No enabled jobs/);
    expect((await cli("cron", "list", "--all")).stdout).toMatch(/nightly hook \(disabled\)\s+every 90s/);
    expect((await cli("cron", "status")).stdout).toMatch(/^scheduler\s+running\njobs\s+1/m);
    expect((await cli("cron", "rm", prefix)).stdout).toBe(`removed ${job.id}\n`);
  });

  it("usage errors exit 2 before anything is sent; gateway errors exit 1", async () => {
    expect(await cli("cron", "add", "--name", "x", "--every", "soon", "--system-event", "x")).toMatchObject({ code: 2, stderr: expect.stringMatching(/'soon' is not a duration/) });
    expect(await cli("cron", "add", "--name", "x", "--every", "1s")).toMatchObject({ code: 2, stderr: expect.stringMatching(/give a payload/) });
    expect(await cli("cron", "add", "--name", "x", "--cron", "99 * * * *", "--system-event", "x")).toMatchObject({ code: 1, stderr: expect.stringMatching(/schedule\.expr/) });
    expect(await cli("cron", "rm", "zzzz")).toMatchObject({ code: 2, stderr: expect.stringMatching(/no job matches 'zzzz'/) });
    expect(parseDuration("2h")).toBe(7_200_000);
  });
});

describe("tidegate approvals", () => {
  it("list, allow, a second decision refused; deny; get and set", async () => {
    const asker = await RawClient.open(gw.url);
    await asker.connect({ token: gw.token, scopes: ["operator.approvals"] });
    const first = asker.request("exec.approval.request", { command: "make deploy", cwd: "/srv", timeoutMs: 20_000 }, 20_000);
    await asker.next((f) => f.event === "exec.approval.requested");
    const list = await cli("approvals", "list");
    expect(list.stdout).toMatch(/^REQUEST\s+COMMAND\s+NODE\s+CWD\s+ASKED\s+EXPIRES\n\w{8}\s+make deploy\s+-\s+\/srv\s+\d+s ago\s+in \d+s\n$/);
    const prefix = list.stdout.split("\n")[1].slice(0, 8);
    expect((await cli("approvals", "allow", prefix, "--always")).code).toBe(0);
    expect((await first).payload).toMatchObject({ decision: "allow-always" });
    // resolved requests leave the pending list; deciding again by full id is refused with the reason
    const id = (await first).payload.id as string;
    const again = await cli("approvals", "deny", id);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/no pending request matches/);
    expect(await cli("call", "exec.approval.resolve", "--params", JSON.stringify({ id, decision: "deny" }))).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/already resolved \(allow-always/),
    });

    const second = asker.request("exec.approval.request", { command: "rm -rf /", timeoutMs: 20_000 }, 20_000);
    await asker.next((f) => f.event === "exec.approval.requested" && f.payload.request.command === "rm -rf /");
    const pending = JSON.parse((await cli("approvals", "list", "--json")).stdout).pending;
    expect((await cli("approvals", "deny", pending[0].id.slice(0, 8))).code).toBe(0);
    expect((await second).payload).toMatchObject({ decision: "deny" });
    asker.close();

    const file = join(mkdtempSync(join(tmpdir(), "tidegate-approvals-cli-")), "approvals.json");
    writeFileSync(file, JSON.stringify({ version: 1, defaults: { ask: "always" } }));
    expect((await cli("approvals", "set", file)).stdout).toMatch(/^wrote .*exec-approvals\.json \(hash [0-9a-f]{64}\)\n$/);
    expect(JSON.parse((await cli("approvals", "get", "--json")).stdout)).toMatchObject({ exists: true, file: { defaults: { ask: "always" } } });
    expect(await cli("approvals", "set", file, "--base-hash", "stale")).toMatchObject({ code: 1, stderr: expect.stringMatching(/changed since it was read/) });
  });
});
