/**
 * Agent load, in its own process. Modes:
 *   runs    one caller, `agent` turns (1 delta each) back to back for D ms: µs per run;
 *           and `health` back to back for the same time as the baseline round trip
 *   deltas  W watchers + one caller; each turn streams N deltas: time until the caller has its
 *           final answer and every watcher has seen the run's lifecycle end
 * Prints one JSON line.
 */
import { randomUUID } from "node:crypto";
import WebSocket from "ws";

interface Options {
  url: string;
  token: string;
  mode: "runs" | "deltas";
  durationMs: number;
  watchers: number;
  deltas: number;
  turns: number;
}

const options = JSON.parse(process.argv[2]) as Options;

function open(scopes: string[]): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(options.url, { perMessageDeflate: false });
    ws.once("error", reject);
    ws.once("message", () => {
      const params = { minProtocol: 3, maxProtocol: 3, client: { id: "cli", version: "bench", platform: "linux", mode: "backend" }, role: "operator", scopes, auth: { token: options.token } };
      ws.send(JSON.stringify({ type: "req", id: "c", method: "connect", params }));
      ws.once("message", (reply) => {
        const res = JSON.parse(String(reply));
        if (res.ok) resolve(ws);
        else reject(new Error(JSON.stringify(res.error)));
      });
    });
  });
}

let counter = 0;
/** Run ids (idempotency keys) unique to this process: a repeated key would answer the earlier run. */
const PREFIX = randomUUID().slice(0, 8);
/** Send one request; resolves with the final (non-`accepted`) answer's time. */
function call(ws: WebSocket, method: string, params: object): Promise<void> {
  const id = `r${counter++}`;
  return new Promise((resolve, reject) => {
    const onMessage = (data: Buffer) => {
      const text = String(data);
      if (!text.startsWith('{"type":"res"') || !text.includes(`"id":"${id}"`)) return;
      if (text.includes('"status":"accepted"')) return;
      ws.off("message", onMessage);
      if (text.includes('"ok":true')) resolve();
      else reject(new Error(text.slice(0, 300)));
    };
    ws.on("message", onMessage);
    ws.send(JSON.stringify({ type: "req", id, method, params }));
  });
}

async function runs(): Promise<void> {
  const ws = await open(["operator.write"]);
  const measure = async (work: () => Promise<void>) => {
    for (let i = 0; i < 50; i++) await work(); // warm-up
    let done = 0;
    const started = performance.now();
    while (performance.now() - started < options.durationMs) {
      await work();
      done++;
    }
    return ((performance.now() - started) * 1000) / done;
  };
  let n = 0;
  const runUs = await measure(() => call(ws, "agent", { message: "hi", model: "bench/d1", sessionKey: `agent:main:dm:bench:s${n % 8}`, idempotencyKey: `${PREFIX}-run-${n++}` }));
  const healthUs = await measure(() => call(ws, "health", {}));
  process.stdout.write(JSON.stringify({ runUs, healthUs }) + "\n");
  ws.terminate();
}

async function deltas(): Promise<void> {
  const caller = await open(["operator.write"]);
  const watchers: WebSocket[] = [];
  for (let i = 0; i < options.watchers; i += 50) watchers.push(...(await Promise.all(Array.from({ length: Math.min(50, options.watchers - i) }, () => open(["operator.read"])))));
  let pending = 0;
  let allSeen: () => void = () => {};
  for (const ws of [caller, ...watchers]) {
    ws.on("message", (data: Buffer) => {
      const text = String(data);
      if (text.includes('"stream":"lifecycle"') && text.includes('"phase":"end"') && --pending === 0) allSeen();
    });
  }
  const times: number[] = [];
  for (let turn = 0; turn < options.turns + 1; turn++) {
    pending = watchers.length + 1;
    const seen = new Promise<void>((resolve) => (allSeen = resolve));
    const started = performance.now();
    await Promise.all([call(caller, "agent", { message: "go", model: `bench/d${options.deltas}`, sessionKey: "agent:main:dm:bench:deltas", idempotencyKey: `${PREFIX}-deltas-${turn}` }), seen]);
    if (turn > 0) times.push(performance.now() - started); // the first turn warms up
  }
  times.sort((a, b) => a - b);
  const ms = times[Math.floor(times.length / 2)];
  process.stdout.write(
    JSON.stringify({ ms, usPerDelta: (ms * 1000) / options.deltas, deltasPerS: (options.deltas / ms) * 1000, deliveriesPerS: ((options.deltas * (watchers.length + 1)) / ms) * 1000 }) + "\n",
  );
  for (const ws of [caller, ...watchers]) ws.terminate();
}

await (options.mode === "runs" ? runs() : deltas());
process.exit(0);
