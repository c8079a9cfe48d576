/** Bind modes over a given interface table, and on this host through the real process. */
import { mkdtempSync } from "node:fs";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runProcess } from "../../testing/child.js";
import { freePort, TIDEGATE_BIN } from "../../testing/gateway-process.js";
import { BindError, bindHost, type Interfaces, isTailnetAddress, tailnetAddress } from "./bind.js";
import { resolveSettings } from "./settings.js";

const nic = (address: string, family: "IPv4" | "IPv6" = "IPv4", internal = false) => ({ address, family, internal, netmask: "", mac: "", cidr: null }) as never;
const withTailscale: Interfaces = { lo: [nic("127.0.0.1", "IPv4", true)], eth0: [nic("192.168.1.20")], tailscale0: [nic("100.101.102.103"), nic("fd7a:115c:a1e0::1", "IPv6")] };
const without: Interfaces = { lo: [nic("127.0.0.1", "IPv4", true)], eth0: [nic("192.168.1.20")] };

describe("bind modes", () => {
  it("recognises Tailscale's 100.64.0.0/10 and nothing else", () => {
    expect(isTailnetAddress("100.64.0.1")).toBe(true);
    expect(isTailnetAddress("100.127.255.254")).toBe(true);
    expect(isTailnetAddress("100.63.0.1")).toBe(false);
    expect(isTailnetAddress("100.128.0.1")).toBe(false);
    expect(isTailnetAddress("10.100.0.1")).toBe(false);
    expect(tailnetAddress({ wg0: [nic("100.70.0.9")], tailscale0: [nic("100.101.102.103")] })).toBe("100.101.102.103");
  });

  it("loopback, lan, custom, auto and tailnet resolve to an address", () => {
    expect(bindHost("loopback", undefined, withTailscale)).toBe("127.0.0.1");
    expect(bindHost("lan", undefined, withTailscale)).toBe("0.0.0.0");
    expect(bindHost("custom", "192.168.1.20", withTailscale)).toBe("192.168.1.20");
    expect(bindHost("tailnet", undefined, withTailscale)).toBe("100.101.102.103");
    expect(bindHost("auto", undefined, withTailscale)).toBe("100.101.102.103");
    expect(bindHost("auto", undefined, without)).toBe("127.0.0.1");
    expect(resolveSettings({ gateway: { bind: "tailnet" } }, { token: "t" }, withTailscale).host).toBe("100.101.102.103");
  });

  it("tailnet without a Tailscale address is a clear error naming what is missing and what was found", () => {
    expect(() => bindHost("tailnet", undefined, without)).toThrow(BindError);
    expect(() => bindHost("tailnet", undefined, without)).toThrow(
      "--bind tailnet: no Tailscale address (100.64.0.0/10) on any interface (found: lo 127.0.0.1, eth0 192.168.1.20); start Tailscale (`tailscale up`) or use --bind loopback|lan|custom",
    );
  });

  const hasTailnet = tailnetAddress(networkInterfaces()) !== undefined;
  it.skipIf(hasTailnet)("`gateway run --bind tailnet` on a host without Tailscale exits 1 with that message (skipped on a host that has a Tailscale address)", async () => {
    const stateDir = mkdtempSync(join(tmpdir(), "tidegate-bind-"));
    const result = await runProcess(process.execPath, [TIDEGATE_BIN, "gateway", "run", "--bind", "tailnet", "--port", String(await freePort()), "--token", "t"], {
      env: { TIDEGATE_STATE_DIR: stateDir },
      timeoutMs: 30_000,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("tidegate: --bind tailnet: no Tailscale address (100.64.0.0/10) on any interface");
  });
});
