/**
 * The gateway (in process) starts channel accounts from its config and applies
 * config writes to them: policy in place, connection changes by restarting only
 * that account; an account that cannot start leaves the gateway running.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../log.js";
import { type RunningGateway, startGateway } from "../start.js";
import { MemoryChannel } from "./test-support.js";
import { webchatPlugin } from "./webchat/plugin.js";

let gateway: RunningGateway | undefined;
afterEach(async () => {
  await gateway?.stop("test");
  gateway = undefined;
});

async function start(config: unknown, channel: MemoryChannel) {
  const stateDir = mkdtempSync(join(tmpdir(), "tidegate-channels-reload-"));
  const configPath = join(stateDir, "tidegate.json");
  writeFileSync(configPath, JSON.stringify(config));
  gateway = await startGateway({
    stateDir,
    configPath,
    log: createLogger("silent"),
    overrides: { port: 0, token: "t".repeat(32) },
    channelPlugins: [webchatPlugin, channel.plugin],
  });
  return gateway.services;
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("channels in the gateway", () => {
  it("policy changes apply in place; a connection change restarts only that account", async () => {
    const irc = new MemoryChannel("irc");
    const s = await start({ channels: { irc: { dmPolicy: "allowlist", allowFrom: ["x"], accounts: { one: { server: "a" }, two: { server: "b" } } } } }, irc);
    await until(() => irc.accounts.get("one")?.starts === 1 && irc.accounts.get("two")?.starts === 1, "both accounts to start");
    expect((await s.channels.status()).channelOrder).toEqual(["irc"]);

    let { hash } = await s.config.get();
    const policy = await s.config.patch(JSON.stringify({ channels: { irc: { dmPolicy: "open", allowFrom: ["*"] } } }), hash);
    expect(policy.restart.mode).toBe("hot");
    expect(s.channels.pipeline.policy("irc", "one").dmPolicy).toBe("open");

    ({ hash } = await s.config.get());
    const moved = await s.config.patch(JSON.stringify({ channels: { irc: { accounts: { two: { server: "c" } } } } }), hash);
    expect(moved.restart.mode).toBe("hot");
    await until(() => irc.accounts.get("two")?.starts === 2, "account two to restart");
    expect(irc.accounts.get("two")!.context.config.server).toBe("c");
    expect(irc.accounts.get("one")!.starts).toBe(1);

    ({ hash } = await s.config.get());
    await s.config.patch(JSON.stringify({ channels: { irc: { enabled: false } } }), hash);
    await until(() => irc.accounts.get("one")!.stopped && irc.accounts.get("two")!.stopped, "the channel to stop");
    expect(s.channels.summary().every((line) => line.includes("disabled"))).toBe(true);
  });

  it("an account that cannot start is reported (health event) and retried; the gateway keeps serving", async () => {
    const irc = new MemoryChannel("irc");
    irc.failing.add("default");
    const s = await start({ channels: { irc: { server: "nowhere" } } }, irc);
    await until(() => s.channels.states.get("irc", "default")?.lastError !== undefined, "the failure to be reported");
    await until(() => s.stateVersion.health > 1, "a health event announcing the failure");
    const health = s.health.current();
    expect(health.ok).toBe(true);
    expect(health.channelOrder).toEqual(["irc"]);
    expect(health.channels?.irc).toMatchObject({ configured: true, connected: false, lastError: "start failed: cannot reach default" });
    expect(s.channels.summary()[0]).toContain("error: start failed: cannot reach default");
  });
});
