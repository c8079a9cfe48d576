/** The bench sections: each measures the gateway and a bare `ws` baseline in the same run. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../testing/gateway-process.js";
import { BIN, load, ROOT, type Running, rssKiB, sleep, start, ts, whenListening } from "./processes.js";
import { type Figure, figure } from "./stats.js";

export interface Scale {
  runs: number;
  durationMs: number;
  fanoutConnections: number;
  fanoutEvents: number;
  memoryConnections: number;
}

const TOKEN = "bench-token";
const repeat = async (runs: number, measure: () => Promise<number>): Promise<Figure> => {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push(await measure());
  return figure(samples);
};

/** The real gateway process (bundled CLI) with limits raised for a thousand sockets from one address. */
export async function startGatewayProcess(): Promise<{ proc: Running; port: number }> {
  const port = await freePort();
  const stateDir = mkdtempSync(join(tmpdir(), "tidegate-bench-"));
  writeFileSync(
    join(stateDir, "tidegate.json"),
    JSON.stringify({
      gateway: {
        auth: { trustLocalWithoutDevice: true },
        limits: { maxConnectionsPerAddress: 20_000, maxConnections: 20_000, maxPendingConnectionsPerAddress: 20_000, maxPendingConnections: 20_000 },
      },
    }),
  );
  // Started the way an operator starts it: the `tidegate` executable (its shebang sets the heap flags).
  const proc = start(BIN, ["gateway", "run", "--port", String(port), "--token", TOKEN, "--log-level", "warn"], { TIDEGATE_STATE_DIR: stateDir, TIDEGATE_CONFIG_PATH: "" });
  await proc.next((l) => l.startsWith("Connect with"));
  return { proc, port };
}

async function startEcho(): Promise<{ proc: Running; port: number }> {
  const port = await freePort();
  const proc = start(process.execPath, ts("bench/echo-server.ts", String(port)));
  await proc.next((l) => l === "listening");
  return { proc, port };
}

export const RPC_SHAPES = [
  [1, 1],
  [1, 8],
  [10, 8],
  [100, 8],
] as const;

export async function benchRpc(scale: Scale) {
  const result: Record<string, Record<string, { rps: Figure; p50_ms: Figure; p99_ms: Figure }>> = {};
  for (const kind of ["echo", "gateway"] as const) {
    const server = kind === "echo" ? await startEcho() : await startGatewayProcess();
    result[kind] = {};
    for (const [connections, inflight] of RPC_SHAPES) {
      const reports: Record<string, number>[] = [];
      for (let i = 0; i < scale.runs; i++) {
        reports.push(await load({ url: `ws://127.0.0.1:${server.port}`, mode: "rpc", gateway: kind === "gateway", token: TOKEN, connections, inflight, durationMs: scale.durationMs, concurrency: 1 }));
      }
      result[kind][`${connections}x${inflight}`] = { rps: figure(reports.map((r) => r.rps)), p50_ms: figure(reports.map((r) => r.p50)), p99_ms: figure(reports.map((r) => r.p99)) };
    }
    await server.proc.stop();
  }
  return { ...result, rpc_ratio: result.gateway["10x8"].rps.median / result.echo["10x8"].rps.median };
}

export async function benchFanout(scale: Scale) {
  const perSecond: Record<string, Figure> = {};
  for (const kind of ["bare", "gateway"] as const) {
    const port = await freePort();
    const server = start(process.execPath, ts(kind === "bare" ? "bench/echo-server.ts" : "bench/fanout-gateway.ts", String(port), TOKEN));
    await server.next((l) => l === "listening");
    const clients = start(
      process.execPath,
      ts(
        "bench/load.ts",
        JSON.stringify({ url: `ws://127.0.0.1:${port}`, mode: "hold", gateway: kind === "gateway", token: TOKEN, connections: scale.fanoutConnections, inflight: 0, durationMs: 0, concurrency: 1 }),
      ),
    );
    await clients.next((l) => l.startsWith('{"open"'), 120_000);
    perSecond[kind] = await repeat(scale.runs, async () => {
      clients.send(`expect ${scale.fanoutEvents}`);
      await sleep(50);
      server.send(`broadcast ${scale.fanoutEvents}`);
      const { received, ms } = JSON.parse(await clients.next((l) => l.startsWith('{"received"'), 120_000));
      return (received / ms) * 1000;
    });
    await clients.stop();
    await server.stop();
  }
  return { connections: scale.fanoutConnections, deliveries_per_s: perSecond, fanout_ratio: perSecond.gateway.median / perSecond.bare.median };
}

export async function benchHandshakes(scale: Scale) {
  const perSecond: Record<string, Figure> = {};
  const measure = (port: number, gateway: boolean, device: boolean) =>
    repeat(
      scale.runs,
      async () =>
        (await load({ url: `ws://127.0.0.1:${port}`, mode: "handshake", gateway, device, token: TOKEN, connections: 0, inflight: 0, durationMs: scale.durationMs, concurrency: 4 })).perSecond,
    );
  const echo = await startEcho();
  perSecond.upgrade_plus_echo = await measure(echo.port, false, false);
  await echo.proc.stop();
  const gateway = await startGatewayProcess();
  perSecond.gateway_connect = await measure(gateway.port, true, true);
  // Diagnostic: the same connect without a device identity (no Ed25519 on either side).
  perSecond.gateway_connect_without_device = await measure(gateway.port, true, false);
  await gateway.proc.stop();
  return { per_s: perSecond, handshake_ratio: perSecond.gateway_connect.median / perSecond.upgrade_plus_echo.median };
}

export async function benchMemory(scale: Scale) {
  const perConnection: Record<string, Figure> = {};
  for (const kind of ["echo", "gateway"] as const) {
    perConnection[kind] = await repeat(scale.runs, async () => {
      const server = kind === "echo" ? await startEcho() : await startGatewayProcess();
      // Warm up (first connections load and compile code paths), then measure the base.
      const holdOptions = { url: `ws://127.0.0.1:${server.port}`, mode: "hold", gateway: kind === "gateway", token: TOKEN, inflight: 0, durationMs: 0, concurrency: 1 };
      const warm = start(process.execPath, ts("bench/load.ts", JSON.stringify({ ...holdOptions, connections: 50 })));
      await warm.next((l) => l.startsWith('{"open"'), 120_000);
      await warm.stop();
      await sleep(500);
      const base = rssKiB(server.proc.child.pid!);
      const clients = start(
        process.execPath,
        ts(
          "bench/load.ts",
          JSON.stringify({
            url: `ws://127.0.0.1:${server.port}`,
            mode: "hold",
            gateway: kind === "gateway",
            token: TOKEN,
            connections: scale.memoryConnections,
            inflight: 0,
            durationMs: 0,
            concurrency: 1,
          }),
        ),
      );
      await clients.next((l) => l.startsWith('{"open"'), 120_000);
      await sleep(500);
      const loaded = rssKiB(server.proc.child.pid!);
      await clients.stop();
      await server.proc.stop();
      return ((loaded - base) * 1024) / scale.memoryConnections;
    });
  }
  return { connections: scale.memoryConnections, bytes_per_connection: perConnection, memory_ratio: perConnection.gateway.median / perConnection.echo.median };
}

export async function benchStartup(scale: Scale) {
  const nodeStart = await repeat(scale.runs, async () => {
    const t0 = performance.now();
    await new Promise((r) => start(process.execPath, ["-e", "0"]).child.once("exit", r));
    return performance.now() - t0;
  });
  const gatewayListening = await repeat(scale.runs, async () => {
    const port = await freePort();
    const stateDir = mkdtempSync(join(tmpdir(), "tidegate-start-"));
    const t0 = performance.now();
    const proc = start(BIN, ["gateway", "run", "--port", String(port), "--token", TOKEN, "--log-level", "warn"], { TIDEGATE_STATE_DIR: stateDir });
    await whenListening(port);
    const ms = performance.now() - t0;
    await proc.stop();
    return ms;
  });
  const validators = await repeat(scale.runs, async () => {
    const proc = start(process.execPath, [
      "--input-type=module",
      "-e",
      `const t = performance.now(); await import(${JSON.stringify(join(ROOT, "generated/ts/validators.compiled.js"))}); console.log(performance.now() - t);`,
    ]);
    return Number(await proc.next(() => true));
  });
  const { proc: gateway, port } = await startGatewayProcess();
  const cliWall: number[] = [];
  const cliRss: number[] = [];
  for (let i = 0; i < scale.runs; i++) {
    const t0 = performance.now();
    const cli = start(process.execPath, ["--max-semi-space-size=1", "--require", join(ROOT, "bench/max-rss.cjs"), BIN, "call", "health", "--url", `ws://127.0.0.1:${port}`, "--token", TOKEN], {
      TIDEGATE_STATE_DIR: mkdtempSync(join(tmpdir(), "tidegate-cli-bench-")),
      MAX_RSS_FD: "1",
    });
    const rssLine = await cli.next((l) => l.startsWith("maxrss "));
    cliWall.push(performance.now() - t0);
    cliRss.push(Number(rssLine.slice(7)) / 1024);
  }
  await gateway.stop();
  return {
    node_process_ms: nodeStart,
    gateway_listening_ms: gatewayListening,
    validators_import_ms: validators,
    cli_call_health_ms: figure(cliWall),
    cli_call_health_peak_rss_mib: figure(cliRss),
  };
}
