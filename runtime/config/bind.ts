/**
 * Where a bind mode listens. `tailnet` needs a Tailscale address (IPv4 in
 * 100.64.0.0/10, the CGNAT range Tailscale assigns) on one of this host's
 * interfaces; `auto` takes that address when there is one, else loopback.
 */
import { type NetworkInterfaceInfo, networkInterfaces } from "node:os";

export type BindMode = "loopback" | "lan" | "tailnet" | "auto" | "custom";
export const BIND_MODES: readonly BindMode[] = ["loopback", "lan", "tailnet", "auto", "custom"];

export type Interfaces = Record<string, NetworkInterfaceInfo[] | undefined>;

/** A bind mode that cannot be satisfied on this host. */
export class BindError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BindError";
  }
}

/** Whether `address` is in 100.64.0.0/10 (Tailscale's addresses). */
export function isTailnetAddress(address: string): boolean {
  const m = /^100\.(\d{1,3})\.\d{1,3}\.\d{1,3}$/.exec(address);
  return m !== null && Number(m[1]) >= 64 && Number(m[1]) <= 127;
}

/** The first Tailscale IPv4 address on an interface (`tailscale0` preferred), if any. */
export function tailnetAddress(interfaces: Interfaces): string | undefined {
  const names = Object.keys(interfaces).sort((a, b) => Number(b.startsWith("tailscale")) - Number(a.startsWith("tailscale")));
  for (const name of names) {
    for (const info of interfaces[name] ?? []) if (info.family === "IPv4" && !info.internal && isTailnetAddress(info.address)) return info.address;
  }
  return undefined;
}

/** The address to listen on for `bind` (`host` for `custom`). Throws `BindError` for `tailnet` without a Tailscale address. */
export function bindHost(bind: BindMode, host: string | undefined, interfaces: Interfaces | (() => Interfaces) = networkInterfaces): string {
  const table = () => (typeof interfaces === "function" ? interfaces() : interfaces);
  switch (bind) {
    case "loopback":
      return "127.0.0.1";
    case "lan":
      return "0.0.0.0";
    case "custom":
      return host ?? "127.0.0.1";
    case "auto":
      return tailnetAddress(table()) ?? "127.0.0.1";
    case "tailnet": {
      const found = table();
      const address = tailnetAddress(found);
      if (address) return address;
      const seen = Object.entries(found)
        .flatMap(([name, infos]) => (infos ?? []).filter((i) => i.family === "IPv4").map((i) => `${name} ${i.address}`))
        .join(", ");
      throw new BindError(`--bind tailnet: no Tailscale address (100.64.0.0/10) on any interface (found: ${seen || "none"}); start Tailscale (\`tailscale up\`) or use --bind loopback|lan|custom`);
    }
  }
}
