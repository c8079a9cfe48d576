/**
 * The gateway core and its WebSocket transport in one process, with a
 * broadcast trigger on stdin (`broadcast N`), so fan-out is measured on the
 * real delivery path (audience guard, per-connection seq, buffer cap, corking).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resolveSettings } from "../runtime/config/settings.js";
import { Gateway } from "../runtime/core/gateway.js";
import { createLogger } from "../runtime/log.js";
import { DeviceStore } from "../runtime/state/device-store.js";
import { listen } from "../runtime/transport/server.js";

const [port, token] = [Number(process.argv[2]), process.argv[3]];
const stateDir = mkdtempSync(join(tmpdir(), "tidegate-fanout-"));
const settings = resolveSettings({ gateway: { limits: { maxConnectionsPerAddress: 10_000 } } }, { port, token });
const gateway = new Gateway({ settings, devices: new DeviceStore(stateDir), version: "bench", stateDir, configPath: join(stateDir, "tidegate.json"), log: createLogger("silent") });
await listen(gateway, settings);

process.stdin.on("data", (data) => {
  const [command, count] = String(data).trim().split(" ");
  if (command === "mem") {
    (globalThis as { gc?: () => void }).gc?.();
    process.stdout.write(JSON.stringify(process.memoryUsage()) + "\n");
    return;
  }
  if (command !== "broadcast") return;
  for (let i = 0; i < Number(count); i++) gateway.broadcast("tick", { ts: Date.now() });
});
process.stdout.write("listening\n");
