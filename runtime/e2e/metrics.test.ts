/** /metrics end to end against the real gateway process: what it counts, who may read it. */
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GatewayClient } from "../../clients/ts/index.js";
import { type GatewayProcess, startGateway } from "../../testing/gateway-process.js";
import { RawClient } from "../../testing/raw-client.js";

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; type?: string }> {
  return new Promise((done, fail) => {
    const req = request({ host: "127.0.0.1", port, path, headers }, (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => done({ status: res.statusCode ?? 0, body, type: res.headers["content-type"] }));
    });
    req.on("error", fail);
    req.end();
  });
}

/** The value of one sample line (`name{labels} value`), or undefined. */
const sample = (text: string, line: string) => {
  const found = text.split("\n").find((l) => l.startsWith(line + " "));
  return found === undefined ? undefined : Number(found.slice(line.length + 1));
};

describe("metrics on loopback", () => {
  let gw: GatewayProcess;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(() => gw.dispose());

  it("counts requests by method and outcome with a latency histogram, connections by role, events and handshake failures", async () => {
    // A `backend` client is listed in presence: its arrival is broadcast (an event sent to it).
    const client = new GatewayClient({ url: gw.url, token: gw.token, reconnect: false, client: { id: "metrics-test", mode: "backend" } });
    const presence = new Promise<void>((done) => client.on("presence", () => done()));
    await client.start();
    await presence;
    await client.call("status");
    await client.call("status");
    await client.call("node.describe", { nodeId: "nope" }).catch(() => undefined);
    await client.request("no.such.method", {}).catch(() => undefined);
    const intruder = await RawClient.open(gw.url);
    await intruder.connect({ token: "wrong-token" });
    intruder.close();

    const { status, body, type } = await get(gw.port, "/metrics");
    expect(status).toBe(200);
    expect(type).toContain("text/plain; version=0.0.4");
    expect(sample(body, 'tidegate_requests_total{method="status",outcome="ok"}')).toBe(2);
    expect(body).toMatch(/tidegate_requests_total\{method="node.describe",outcome="[A-Z_]+"\} 1/);
    expect(sample(body, 'tidegate_requests_total{method="unknown",outcome="UNKNOWN_METHOD"}')).toBe(1);
    expect(sample(body, 'tidegate_request_duration_seconds_count{method="status"}')).toBe(2);
    expect(sample(body, 'tidegate_request_duration_seconds_bucket{le="+Inf",method="status"}')).toBe(2);
    expect(sample(body, 'tidegate_connections{role="operator"}')).toBe(1);
    expect(sample(body, 'tidegate_connections{role="node"}')).toBe(0);
    expect(sample(body, 'tidegate_handshake_failures_total{reason="AUTH_TOKEN_MISMATCH"}')).toBe(1);
    expect(sample(body, "tidegate_events_sent_total")).toBeGreaterThanOrEqual(1);
    expect(sample(body, "tidegate_events_dropped_total")).toBe(0);
    expect(body).toMatch(/tidegate_store_write_duration_seconds_count\{store="[^"]+"\} \d+/);
    expect(body).toContain("tidegate_process_resident_memory_bytes");
    await client.close();
  });

  it("refuses a request that came through an untrusted proxy (forwarding headers), and methods other than GET", async () => {
    expect((await get(gw.port, "/metrics", { "x-forwarded-for": "203.0.113.9" })).status).toBe(403);
    const post = await new Promise<number>((done) => request({ host: "127.0.0.1", port: gw.port, path: "/metrics", method: "POST" }, (r) => (r.resume(), done(r.statusCode ?? 0))).end());
    expect(post).toBe(405);
    expect((await get(gw.port, "/nothing-here")).status).toBe(404);
    expect((await get(gw.port, "/health")).status).toBe(200);
  });
});

describe("metrics with a token, and disabled", () => {
  it("with gateway.metrics.token only a matching Bearer token reads them (401 otherwise, even on loopback)", async () => {
    const token = "metrics-secret-0123456789";
    const gw = await startGateway({ config: { gateway: { metrics: { token } } } });
    try {
      expect((await get(gw.port, "/metrics")).status).toBe(401);
      expect((await get(gw.port, "/metrics", { authorization: "Bearer metrics-secret-wrong-0000" })).status).toBe(401);
      const ok = await get(gw.port, "/metrics", { authorization: `Bearer ${token}` });
      expect(ok.status).toBe(200);
      expect(ok.body).toContain("tidegate_connections");
    } finally {
      await gw.dispose();
    }
  });

  it("with gateway.metrics.enabled false there is no /metrics", async () => {
    const gw = await startGateway({ config: { gateway: { metrics: { enabled: false } } } });
    try {
      expect((await get(gw.port, "/metrics")).status).toBe(404);
    } finally {
      await gw.dispose();
    }
  });
});
