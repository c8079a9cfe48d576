/**
 * Load for the node-results section: one node that answers every request with
 * the same pre-built answer of `mib` MiB, and one caller that sends `concurrent`
 * requests at once, `rounds` times. Against the gateway (`node.invoke` /
 * `node.invoke.result`) or the bare relay baseline. Prints one JSON line:
 * MiB/s of answers delivered, and answers that failed.
 */
import WebSocket from "ws";
import { DeviceKey, RawClient } from "../testing/raw-client.js";

const { url, token, target, mib, concurrent, rounds } = JSON.parse(process.argv[2]) as {
  url: string;
  token: string;
  target: "gateway" | "relay";
  mib: number;
  concurrent: number;
  rounds: number;
};
const answerPayload = JSON.stringify({ format: "jpeg", base64: "Q".repeat(mib * 1024 * 1024) });

/** Send `text` and wait for the peer's answer frames: resolve after `count` arrive; returns the failures. */
type Round = () => Promise<number>;

async function gatewayRound(): Promise<Round> {
  const device = new DeviceKey();
  const node = await RawClient.open(url);
  await node.connect({ token, role: "node", device, commands: ["camera.snap"], caps: ["camera"] });
  node.ws.removeAllListeners("message");
  node.ws.on("message", (data) => {
    const frame = JSON.parse(String(data));
    if (frame.event !== "node.invoke.request") return;
    node.ws.send(
      `{"type":"req","id":"r-${frame.payload.id}","method":"node.invoke.result","params":{"id":"${frame.payload.id}","nodeId":"${device.id}","ok":true,"payloadJSON":${JSON.stringify(answerPayload)}}}`,
    );
  });
  const caller = await RawClient.open(url);
  await caller.connect({ token, scopes: ["operator.admin"] });
  caller.ws.removeAllListeners("message");
  let waiting: { left: number; failed: number; done: (failed: number) => void } | undefined;
  caller.ws.on("message", (data: Buffer) => {
    const head = data.subarray(0, 200).toString();
    if (!head.startsWith('{"type":"res"')) return;
    if (!waiting) return;
    if (!head.includes('"ok":true')) waiting.failed++;
    if (--waiting.left === 0) waiting.done(waiting.failed);
  });
  let n = 0;
  return () =>
    new Promise((done) => {
      waiting = { left: concurrent, failed: 0, done };
      for (let i = 0; i < concurrent; i++) {
        caller.ws.send(JSON.stringify({ type: "req", id: `c${n}`, method: "node.invoke", params: { nodeId: device.id, command: "camera.snap", params: {}, idempotencyKey: `k${n++}` } }));
      }
    });
}

async function relayRound(): Promise<Round> {
  const open = async (role: string) => {
    const ws = new WebSocket(url, { perMessageDeflate: false, maxPayload: 32 * 1024 * 1024 });
    await new Promise((done) => ws.once("open", done));
    ws.send(role);
    return ws;
  };
  const node = await open("node");
  node.on("message", (data) => {
    const { id } = JSON.parse(String(data));
    node.send(`{"type":"res","id":"${id}","ok":true,"payloadJSON":${JSON.stringify(answerPayload)}}`);
  });
  const caller = await open("caller");
  let waiting: { left: number; done: (failed: number) => void } | undefined;
  caller.on("message", () => {
    if (waiting && --waiting.left === 0) waiting.done(0);
  });
  let n = 0;
  return () =>
    new Promise((done) => {
      waiting = { left: concurrent, done };
      for (let i = 0; i < concurrent; i++) caller.send(JSON.stringify({ id: `c${n++}` }));
    });
}

const round = target === "gateway" ? await gatewayRound() : await relayRound();
process.stdout.write("ready\n"); // connected: the server's RSS is read now
await new Promise<void>((done) => process.stdin.once("data", () => done()));
let failed = await round(); // warm-up: counts for memory, not for time
const started = performance.now();
for (let r = 0; r < rounds; r++) failed += await round();
const seconds = (performance.now() - started) / 1000;
process.stdout.write(`${JSON.stringify({ mibPerS: (rounds * concurrent * mib) / seconds, failed, seconds })}\n`);
process.exit(0);
