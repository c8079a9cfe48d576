/**
 * End to end, found by review (issue 9, items 1 and 2 and "also seen"): what an
 * unauthenticated or dead peer can hold. Each test names the threat it covers
 * (threats.md "Transport and framing" and "Found by review"). Every test also
 * checks that the process stays up and that a client connected before the abuse
 * is unaffected.
 */
import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GatewayProcess, startGateway } from "../../testing/gateway-process.js";
import { RawClient } from "../../testing/raw-client.js";
import { clientFrame, closeCode, openTcp, openUpgraded, type RawSocket, upgradeRequest } from "../../testing/raw-socket.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A client that connected before the abuse: it must keep working through it. */
async function bystander(gw: GatewayProcess): Promise<RawClient> {
  const client = await RawClient.open(gw.url);
  expect((await client.connect({ token: gw.token })).ok).toBe(true);
  return client;
}

async function stillServes(gw: GatewayProcess, client: RawClient): Promise<void> {
  expect(gw.child.exitCode).toBeNull();
  expect(client.closed).toBeUndefined();
  expect((await client.request("health")).ok).toBe(true);
}

const isHttpStatus = (status: number) => (d: Buffer) => d.toString("latin1").startsWith(`HTTP/1.1 ${status}`);

describe("pre-auth size cap on the declared length (review item 1)", () => {
  let gw: GatewayProcess;
  let other: RawClient;
  beforeAll(async () => {
    gw = await startGateway();
    other = await bystander(gw);
  });
  afterAll(() => gw.dispose());

  it("threat 'Pre-auth size cap enforced on the frame's declared length, before buffering': a pre-auth frame DECLARING 256 KiB closes 1009 after its header, without sending the rest", async () => {
    const raw = await openUpgraded(gw.port);
    // Header declares 256 KiB; only 1 KiB follows. The old gateway buffered and waited.
    raw.socket.write(clientFrame({ declaredLength: 256 * 1024, payload: Buffer.alloc(1024, 0x20) }));
    await raw.until((d) => closeCode(d) !== undefined, 3000);
    expect(closeCode(raw.received())).toBe(1009);
    await stillServes(gw, other);
  });

  it("threat 'Pre-auth size cap ... before buffering': fragments whose declared lengths add up past 64 KiB close 1009", async () => {
    const raw = await openUpgraded(gw.port);
    raw.socket.write(clientFrame({ fin: false, declaredLength: 40 * 1024, payload: Buffer.alloc(40 * 1024, 0x20) }));
    raw.socket.write(clientFrame({ opcode: 0, fin: false, declaredLength: 40 * 1024 }));
    await raw.until((d) => closeCode(d) !== undefined, 3000);
    expect(closeCode(raw.received())).toBe(1009);
    await stillServes(gw, other);
  });

  it("threat 'fragment floods are bounded': 2000 one-byte fragments of one message close the socket (1008) before the message completes", async () => {
    const raw = await openUpgraded(gw.port);
    const frames = [clientFrame({ fin: false, declaredLength: 1, payload: Buffer.from("{") })];
    for (let i = 0; i < 2000; i++) frames.push(clientFrame({ opcode: 0, fin: false, declaredLength: 1, payload: Buffer.from(" ") }));
    raw.socket.write(Buffer.concat(frames));
    await raw.until((d) => closeCode(d) !== undefined, 3000);
    expect(closeCode(raw.received())).toBe(1008);
    await stillServes(gw, other);
  });

  it("after hello-ok the socket accepts frames up to maxPayload (the cap is lifted only by authentication)", async () => {
    const client = await RawClient.open(gw.url);
    await client.connect({ token: gw.token });
    const res = await client.request("health", { pad: "x".repeat(200 * 1024) });
    // Over the pre-auth cap, under maxPayload: answered (params are rejected by the schema, not by size).
    expect(res.type).toBe("res");
    expect(client.closed).toBeUndefined();
    client.close();
  });
});

describe("half-open and slow sockets (review item 2)", () => {
  it("threat 'Time to first byte ... bounded': a TCP connection that never sends a byte is closed", async () => {
    const gw = await startGateway({ config: { gateway: { limits: { firstByteTimeoutMs: 300 } } } });
    try {
      const other = await bystander(gw);
      const silent = await openTcp(gw.port);
      await Promise.race([silent.closed, sleep(5000).then(() => Promise.reject(new Error("half-open socket still open")))]);
      await stillServes(gw, other);
    } finally {
      await gw.dispose();
    }
  });

  it("threat 'header time ... bounded' (slowloris): an upgrade sent one header byte at a time gets HTTP 408 and is closed", async () => {
    const gw = await startGateway({ config: { gateway: { limits: { headersTimeoutMs: 600, firstByteTimeoutMs: 300 } } } });
    try {
      const other = await bystander(gw);
      const slow = await openTcp(gw.port);
      const request = upgradeRequest(gw.port);
      let i = 0;
      const dripping = setInterval(() => {
        if (i < request.length - 4 && !slow.isClosed()) slow.socket.write(request[i++]);
      }, 50);
      try {
        await Promise.race([slow.closed, sleep(8000).then(() => Promise.reject(new Error("slowloris socket still open")))]);
      } finally {
        clearInterval(dripping);
      }
      expect(slow.received().toString("latin1")).toMatch(/^HTTP\/1\.1 408/);
      await stillServes(gw, other);
    } finally {
      await gw.dispose();
    }
  });

  it("threat 'pre-upgrade sockets bounded per address and globally': of 300 idle sockets from one address only the per-address budget is held (the rest get 429); another address then meets the global cap (503)", async () => {
    const gw = await startGateway({ config: { gateway: { limits: { maxPendingConnectionsPerAddress: 10, maxPendingConnections: 15, firstByteTimeoutMs: 20_000 } } } });
    const sockets: RawSocket[] = [];
    try {
      const other = await bystander(gw);
      for (let i = 0; i < 300; i++) sockets.push(await openTcp(gw.port));
      await Promise.all(sockets.slice(10).map((s) => s.until(isHttpStatus(429))));
      // The first ten are held (they are within budget and have 20 s to send a byte).
      expect(sockets.slice(0, 10).every((s) => s.received().length === 0 && !s.isClosed())).toBe(true);
      const fromOther: RawSocket[] = [];
      for (let i = 0; i < 6; i++) fromOther.push(await openTcp(gw.port, "127.0.0.2"));
      sockets.push(...fromOther);
      await fromOther[5].until(isHttpStatus(503));
      expect(fromOther.slice(0, 5).every((s) => s.received().length === 0)).toBe(true);
      // A new upgrade from the capped address is refused while the abuse lasts, and accepted once it ends.
      await expect(RawClient.open(gw.url)).rejects.toThrow();
      sockets.forEach((s) => s.socket.destroy());
      await sleep(100);
      await stillServes(gw, other);
      const after = await RawClient.open(gw.url);
      expect((await after.connect({ token: gw.token })).ok).toBe(true);
      after.close();
    } finally {
      sockets.forEach((s) => s.socket.destroy());
      await gw.dispose();
    }
  });

  it("threat 'silent sockets ... closed at the handshake timeout' (also seen): after the handshake-timeout close frame a client that never answers loses its socket and per-address slot after a short grace, not ~30 s", async () => {
    const gw = await startGateway({ config: { gateway: { limits: { handshakeTimeoutMs: 300, maxConnectionsPerAddress: 2 } } } });
    try {
      const other = await bystander(gw);
      const silent = await openUpgraded(gw.port);
      await silent.until((d) => closeCode(d) !== undefined, 3000);
      expect(closeCode(silent.received())).toBe(1008);
      // We never answer the close frame; the gateway drops the TCP socket after its grace.
      await Promise.race([silent.closed, sleep(8000).then(() => Promise.reject(new Error("socket kept after the close frame")))]);
      // The slot is free again: with a per-address budget of 2 (one is the bystander) a new client gets in.
      const next = await RawClient.open(gw.url);
      expect((await next.connect({ token: gw.token })).ok).toBe(true);
      next.close();
      await stillServes(gw, other);
    } finally {
      await gw.dispose();
    }
  });
});

describe("memory and descriptors return to baseline (review: 'the process stays up and memory returns to baseline')", () => {
  const rssKb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]);
  const fds = (pid: number) => readdirSync(`/proc/${pid}/fd`).length;

  it("threat 'thousands of half-open sockets are bounded ... memory returns to baseline once the offending sockets close': half-open, slowloris and oversize-declaring sockets leave no sockets or memory behind", async () => {
    const gw = await startGateway({ config: { gateway: { limits: { firstByteTimeoutMs: 500, headersTimeoutMs: 1000, handshakeTimeoutMs: 500, maxPendingConnectionsPerAddress: 64 } } } });
    const pid = gw.child.pid!;
    const abusive: RawSocket[] = [];
    try {
      const other = await bystander(gw);
      // Warm up the code paths the abuse will take, then take the baseline.
      for (let i = 0; i < 20; i++) {
        const c = await RawClient.open(gw.url);
        await c.connect({ token: gw.token });
        c.close();
        await c.waitClose();
      }
      await sleep(300);
      const baseline = { rss: rssKb(pid), fds: fds(pid) };
      for (let round = 0; round < 3; round++) {
        for (let i = 0; i < 20; i++) {
          const big = await openUpgraded(gw.port);
          big.socket.write(clientFrame({ declaredLength: 512 * 1024, payload: Buffer.alloc(60 * 1024, 0x20) }));
          abusive.push(big);
        }
        for (let i = 0; i < 100; i++) abusive.push(await openTcp(gw.port));
        for (let i = 0; i < 20; i++) {
          const slow = await openTcp(gw.port, "127.0.0.3");
          slow.socket.write("GET / HTTP/1.1\r\n");
          abusive.push(slow);
        }
        await stillServes(gw, other);
        // Every abusive socket is closed by the gateway on its own (we never close them).
        await Promise.all(abusive.map((s) => Promise.race([s.closed, sleep(10_000).then(() => Promise.reject(new Error("abusive socket still open")))])));
      }
      let now = { rss: rssKb(pid), fds: fds(pid) };
      for (let i = 0; i < 50 && now.fds > baseline.fds; i++) {
        await sleep(100);
        now = { rss: rssKb(pid), fds: fds(pid) };
      }
      expect(now.fds).toBeLessThanOrEqual(baseline.fds);
      // Some heap growth is the JIT and GC timing; a leak of 540 sockets' buffers would be far more.
      expect(now.rss - baseline.rss).toBeLessThan(12 * 1024);
      await stillServes(gw, other);
    } finally {
      abusive.forEach((s) => s.socket.destroy());
      await gw.dispose();
    }
  });
});

describe("dead peers (also seen)", () => {
  it("a peer that stops answering pings is detected dead and dropped; a live idle one stays", async () => {
    const gw = await startGateway({ config: { gateway: { limits: { pingIntervalMs: 200 } } } });
    try {
      const live = await bystander(gw);
      const dead = await RawClient.open(gw.url, {}, { autoPong: false });
      expect((await dead.connect({ token: gw.token })).ok).toBe(true);
      const closed = await dead.waitClose(5000);
      expect(closed.code).toBe(1006);
      await sleep(600);
      await stillServes(gw, live);
    } finally {
      await gw.dispose();
    }
  });
});
