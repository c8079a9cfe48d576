/** The webhook payload against a real loopback HTTP server. */

import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CronJob } from "../../generated/ts/types.js";
import { freePort } from "../../testing/gateway-process.js";
import { postWebhook } from "./webhook.js";

let server: Server;
let base = "";
const received: { path: string; headers: IncomingMessage["headers"]; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      received.push({ path: req.url ?? "", headers: req.headers, body });
      if (req.url === "/fail") res.writeHead(500).end("nope");
      else if (req.url === "/redirect") res.writeHead(302, { location: "/ok" }).end();
      else if (req.url === "/hang")
        return; // never answers
      else res.writeHead(200).end("thanks");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const job = { id: "hook", name: "Hook" } as CronJob;
const ctx = (signal = new AbortController().signal) => ({ job, runId: "r1", runAtMs: 1000, signal });

describe("postWebhook", () => {
  it("POSTs JSON describing the run and reports the status", async () => {
    const outcome = await postWebhook({ kind: "webhook", url: `${base}/ok`, headers: { "x-secret": "s" } }, ctx());
    expect(outcome.summary).toBe("HTTP 200: thanks");
    const last = received.at(-1)!;
    expect(last.headers["x-secret"]).toBe("s");
    expect(last.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(last.body)).toEqual({ jobId: "hook", name: "Hook", runId: "r1", runAtMs: 1000 });
  });

  it("sends a custom body as given", async () => {
    await postWebhook({ kind: "webhook", url: `${base}/ok`, body: "ping" }, ctx());
    expect(received.at(-1)!.body).toBe("ping");
  });

  it("fails on a non-2xx answer and on a redirect", async () => {
    await expect(postWebhook({ kind: "webhook", url: `${base}/fail` }, ctx())).rejects.toThrow("webhook answered HTTP 500: nope");
    await expect(postWebhook({ kind: "webhook", url: `${base}/redirect` }, ctx())).rejects.toThrow("HTTP 302");
  });

  it("times out on a server that never answers", async () => {
    await expect(postWebhook({ kind: "webhook", url: `${base}/hang`, timeoutMs: 100 }, ctx())).rejects.toThrow("webhook timed out after 100 ms");
  });

  it("stops when the run is aborted, and names a refused connection", async () => {
    const controller = new AbortController();
    const pending = postWebhook({ kind: "webhook", url: `${base}/hang` }, ctx(controller.signal));
    controller.abort(new Error("run timed out"));
    await expect(pending).rejects.toThrow("run timed out");
    await expect(postWebhook({ kind: "webhook", url: `http://127.0.0.1:${await freePort()}/x` }, ctx())).rejects.toThrow(/ECONNREFUSED/);
  });
});
