/**
 * The gateway, started through the composition root, with a broadcast
 * trigger on stdin (`broadcast N`), so fan-out is measured on the real
 * delivery path (audience guard, per-connection seq, buffer cap, corking).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger } from "../runtime/log.js";
import { startGateway } from "../runtime/start.js";

const [port, token] = [Number(process.argv[2]), process.argv[3]];
const stateDir = mkdtempSync(join(tmpdir(), "tidegate-fanout-"));
const gateway = await startGateway({
  stateDir,
  configPath: join(stateDir, "tidegate.json"),
  config: { gateway: { auth: { trustLocalWithoutDevice: true }, limits: { maxConnectionsPerAddress: 10_000, maxPendingConnectionsPerAddress: 10_000, maxPendingConnections: 10_000 } } },
  overrides: { port, token },
  log: createLogger("silent"),
});
const { events } = gateway.services;

process.stdin.on("data", (data) => {
  const [command, count] = String(data).trim().split(" ");
  if (command === "mem") {
    (globalThis as { gc?: () => void }).gc?.();
    process.stdout.write(JSON.stringify(process.memoryUsage()) + "\n");
    return;
  }
  if (command !== "broadcast") return;
  for (let i = 0; i < Number(count); i++) events.broadcast("tick", { ts: Date.now() });
});
process.stdout.write("listening\n");
