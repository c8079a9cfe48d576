/**
 * A load process (run as its own process so it does not share an event loop
 * with the server). Modes:
 *   rpc        N connections × K requests in flight for D ms: requests/s, p50, p99
 *   handshake  C concurrent loops of open → (challenge, Ed25519 connect, hello-ok | one echo) → close
 *   hold       open N connections, report, hold them until stdin closes (memory, fan-out)
 * With `gateway: true` connections authenticate with the full v3 handshake.
 * Prints one JSON line per report.
 */
import { createHash, generateKeyPairSync, randomUUID, sign } from "node:crypto";
import WebSocket from "ws";
import { signedStringV3 } from "../common/signed-string.js";

interface Options {
  url: string;
  mode: "rpc" | "handshake" | "hold";
  gateway: boolean;
  token?: string;
  connections: number;
  inflight: number;
  durationMs: number;
  concurrency: number;
  /** handshake mode: sign with a device identity (default true). */
  device?: boolean;
}

const options = JSON.parse(process.argv[2]) as Options;
const { privateKey, publicKey } = generateKeyPairSync("ed25519");
const raw = (publicKey.export({ format: "der", type: "spki" }) as Buffer).subarray(12);
const deviceId = createHash("sha256").update(raw).digest("hex");
const REQUEST = (id: string) => `{"type":"req","id":"${id}","method":"health","params":{}}`;

function report(value: object): void {
  process.stdout.write(JSON.stringify(value) + "\n");
}

/** Open one socket; for the gateway, complete the handshake (with a device only when asked). */
function open(withDevice: boolean): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(options.url, { perMessageDeflate: false });
    ws.once("error", reject);
    if (!options.gateway) {
      ws.once("open", () => resolve(ws));
      return;
    }
    ws.once("message", (data) => {
      const nonce = JSON.parse(String(data)).payload.nonce as string;
      const params: Record<string, unknown> = {
        minProtocol: 3,
        maxProtocol: 3,
        client: { id: "cli", version: "bench", platform: "linux", mode: "cli" },
        role: "operator",
        scopes: ["operator.read"],
        auth: { token: options.token },
      };
      if (withDevice) {
        const signedAt = Date.now();
        const text = signedStringV3({
          deviceId,
          clientId: "cli",
          clientMode: "cli",
          role: "operator",
          scopes: ["operator.read"],
          signedAtMs: signedAt,
          token: options.token ?? "",
          nonce,
          platform: "linux",
        });
        params.device = { id: deviceId, publicKey: raw.toString("base64url"), signature: sign(null, Buffer.from(text), privateKey).toString("base64url"), signedAt, nonce };
      }
      ws.send(JSON.stringify({ type: "req", id: "c", method: "connect", params }));
      ws.once("message", (reply) => {
        const res = JSON.parse(String(reply));
        if (res.ok) resolve(ws);
        else reject(new Error(JSON.stringify(res.error)));
      });
    });
  });
}

/** Keep `inflight` health requests outstanding on each connection for `durationMs`. */
async function rpc(): Promise<void> {
  let stopping = false;
  const sockets = await Promise.all(Array.from({ length: options.connections }, () => open(false)));
  const latencies: number[] = [];
  const started = performance.now();
  setTimeout(() => (stopping = true), options.durationMs);
  await Promise.all(
    sockets.map(
      (ws) =>
        new Promise<void>((done) => {
          const sentAt = new Map<string, number>();
          let counter = 0;
          const fire = () => {
            const id = String(counter++);
            sentAt.set(id, performance.now());
            ws.send(REQUEST(id));
          };
          ws.on("message", (data) => {
            const text = String(data);
            const at = text.indexOf('"id":"') + 6;
            const id = text.slice(at, text.indexOf('"', at));
            const t0 = sentAt.get(id);
            if (t0 === undefined) return;
            sentAt.delete(id);
            latencies.push(performance.now() - t0);
            if (!stopping) fire();
            else if (sentAt.size === 0) done();
          });
          for (let i = 0; i < options.inflight; i++) fire();
        }),
    ),
  );
  const elapsed = performance.now() - started;
  latencies.sort((a, b) => a - b);
  report({ requests: latencies.length, rps: (latencies.length / elapsed) * 1000, p50: latencies[Math.floor(latencies.length * 0.5)], p99: latencies[Math.floor(latencies.length * 0.99)] });
  sockets.forEach((ws) => ws.terminate());
}

async function handshakes(): Promise<void> {
  let done = 0;
  const deadline = performance.now() + options.durationMs;
  const started = performance.now();
  const loop = async () => {
    while (performance.now() < deadline) {
      const ws = await open(options.device !== false);
      if (!options.gateway) {
        // Baseline: one echo after the upgrade.
        await new Promise<void>((resolve) => {
          ws.once("message", () => resolve());
          ws.send(REQUEST(randomUUID()));
        });
      }
      ws.terminate();
      done++;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, loop));
  report({ handshakes: done, perSecond: (done / (performance.now() - started)) * 1000 });
}

async function hold(): Promise<void> {
  const sockets: WebSocket[] = [];
  for (let i = 0; i < options.connections; i += 50) {
    sockets.push(...(await Promise.all(Array.from({ length: Math.min(50, options.connections - i) }, () => open(false)))));
  }
  // Fan-out: time from the first to the last expected delivery.
  let received = 0;
  let target = 0;
  let firstAt = 0;
  for (const ws of sockets) {
    ws.on("message", () => {
      if (!target) return;
      if (received++ === 0) firstAt = performance.now();
      if (received >= target) {
        report({ received: received - 1, ms: performance.now() - firstAt });
        target = 0;
      }
    });
  }
  report({ open: sockets.length });
  process.stdin.on("data", (data) => {
    const command = String(data).trim();
    if (command.startsWith("expect ")) {
      received = 0;
      target = Number(command.slice(7)) * sockets.length;
    }
  });
  process.stdin.on("end", () => process.exit(0));
}

if (options.mode === "rpc") await rpc();
else if (options.mode === "handshake") await handshakes();
else await hold();
if (options.mode !== "hold") process.exit(0);
