/**
 * The kill -9 durability check, shared by the e2e test (50 rounds) and the
 * bench (200): each round starts the real gateway on one state directory,
 * patches sessions and config in a loop with writes in flight, SIGKILLs it at
 * a moment that moves from round to round, then checks that every store
 * parses and holds every write that was acknowledged before the kill.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type GatewayProcess, startGateway } from "./gateway-process.js";
import { RawClient } from "./raw-client.js";

export interface DurabilityReport {
  rounds: number;
  /** Writes acknowledged before a kill (sessions + config). */
  acknowledged: number;
  /** Problems found; empty when every acknowledged write survived. */
  violations: string[];
  stateDir: string;
  gateways: GatewayProcess[];
}

export async function runDurability(rounds: number, keys = 13): Promise<DurabilityReport> {
  const first = await startGateway();
  const gateways = [first];
  const { stateDir, port, token } = first;
  const acked = new Map<string, number>();
  let ackedTick = 0;
  let acknowledged = 0;
  let n = 0;
  const violations: string[] = [];
  let gw = first;
  for (let round = 0; round < rounds; round++) {
    if (round > 0) {
      gw = await startGateway({ stateDir, port, token });
      gateways.push(gw);
    }
    const c = await RawClient.open(gw.url);
    const hello = await c.connect({ token, scopes: ["operator.admin"] });
    if (!hello.ok) throw new Error(`round ${round}: connect failed: ${JSON.stringify(hello.error)}`);
    let { hash } = (await c.request("config.get")).payload;
    const closed = c.waitClose(60_000).then(
      () => undefined,
      () => undefined,
    );
    const exited = new Promise((r) => gw.child.once("exit", r));
    const victim = gw;
    setTimeout(() => victim.child.kill("SIGKILL"), 20 + ((round * 37) % 150));
    for (;;) {
      const i = ++n;
      const names = [0, 1, 2].map((j) => `agent:main:subagent:r${(i * 3 + j) % keys}`);
      const calls = Promise.all([
        ...names.map((key) => c.request("sessions.patch", { key, label: `L${i}-${key.split(":").at(-1)}`, spawnDepth: i }, 30_000)),
        c.request("config.patch", { raw: JSON.stringify({ gateway: { tickIntervalMs: 1000 + i } }), baseHash: hash }, 30_000),
      ]);
      const answers = await Promise.race([calls, closed]);
      if (!answers) break;
      answers.slice(0, 3).forEach((r, j) => {
        if (r.ok) {
          acked.set(names[j], i);
          acknowledged++;
        }
      });
      const kr = answers[3];
      if (kr.ok) {
        ackedTick = 1000 + i;
        hash = kr.payload.hash;
        acknowledged++;
      } else if (kr.error?.details?.currentHash) hash = kr.error.details.currentHash;
    }
    await exited;
    c.close();
    const storePath = join(stateDir, "agents/main/sessions/sessions.json");
    if (existsSync(storePath) || acked.size) {
      try {
        const store = JSON.parse(readFileSync(storePath, "utf8")) as Record<string, { spawnDepth?: number }>;
        for (const [key, i] of acked) if (!((store[key]?.spawnDepth ?? -1) >= i)) violations.push(`round ${round}: ${key} lost write ${i} (has ${store[key]?.spawnDepth})`);
      } catch (error) {
        violations.push(`round ${round}: sessions.json does not parse: ${(error as Error).message}`);
      }
    }
    if (ackedTick) {
      try {
        const config = JSON.parse(readFileSync(join(stateDir, "tidegate.json"), "utf8")) as { gateway?: { tickIntervalMs?: number } };
        if (!((config.gateway?.tickIntervalMs ?? 0) >= ackedTick)) violations.push(`round ${round}: config lost tickIntervalMs ${ackedTick} (has ${config.gateway?.tickIntervalMs})`);
      } catch (error) {
        violations.push(`round ${round}: tidegate.json does not parse: ${(error as Error).message}`);
      }
    }
  }
  return { rounds, acknowledged, violations, stateDir, gateways };
}
