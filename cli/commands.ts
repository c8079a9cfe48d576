/**
 * Operator commands: `call`, `health`, `status`, `devices …`, `nodes …`.
 * Each takes `--url`, `--token` and `--json`; exit 0 ok, 1 gateway error,
 * 2 usage error, 3 gateway unreachable.
 */
import type { Command } from "commander";
import type { GatewayClient } from "../clients/ts/index.js";
import { nearestNames } from "../common/suggest.js";
import { LIMITS, METHOD_NAMES, METHODS, OPERATOR_SCOPES } from "../generated/ts/registry.js";
import type { MethodName, Role, Scope } from "../generated/ts/types.js";
import { validateParams } from "../generated/ts/validators.js";
import { ago, EXIT_USAGE, fields, printJson, table, UsageError } from "./output.js";
import { resolveId } from "./resolve.js";
import { type ConnectionFlags, withGateway } from "./session.js";

const ALL_SCOPES: Scope[] = [...OPERATOR_SCOPES];

export function withConnection(command: Command): Command {
  return command
    .option("--url <url>", "gateway URL (default: the local gateway)")
    .option("--token <token>", "gateway token (default: TIDEGATE_GATEWAY_TOKEN or the local gateway's)")
    .option("--password <password>", "gateway password")
    .option("--tls-fingerprint <sha256>", "pin the gateway's TLS certificate (SHA-256, AA:BB:…; also TIDEGATE_TLS_FINGERPRINT)")
    .option("--json", "print exactly one JSON document")
    .option("--timeout <ms>", "give up on a call after this many milliseconds")
    .option("--dev", "talk to the dev profile's gateway")
    .option("--profile <name>", "talk to a named profile's gateway");
}

export function parseParams(text: string | undefined): unknown {
  if (text === undefined) return {};
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--params is not valid JSON: ${(error as Error).message}`);
  }
}

/** Run one operator action; usage errors exit 2 before anything is sent. */
export async function run(flags: ConnectionFlags, action: (client: GatewayClient) => Promise<void>): Promise<void> {
  process.exitCode = await withGateway(flags, ALL_SCOPES, action);
}

export function usageGuard<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args) => {
    try {
      await fn(...args);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      process.stderr.write(`tidegate: ${error.message}\n`);
      process.exitCode = EXIT_USAGE;
    }
  };
}

async function nodeIds(client: GatewayClient) {
  return (await client.call("node.list")).nodes.map((n) => ({ id: n.nodeId, name: n.displayName }));
}

async function deviceIds(client: GatewayClient) {
  return (await client.call("device.pair.list")).paired.map((d) => ({ id: d.deviceId, name: d.displayName }));
}

/** The registry's methods as `tidegate methods` lists them (no gateway needed). */
function methodRows() {
  return METHOD_NAMES.map((name) => {
    const entry = METHODS[name] as { scope: string; idempotencyKey: boolean; twoPhase?: boolean; unavailable?: string };
    return {
      method: name,
      scope: entry.scope,
      idempotencyKey: entry.idempotencyKey,
      twoPhase: entry.twoPhase ?? false,
      served: entry.unavailable === undefined,
      ...(entry.unavailable ? { unavailable: entry.unavailable } : {}),
    };
  });
}

export function registerOperatorCommands(program: Command): void {
  program
    .command("methods")
    .description("list every method of the protocol: scope, idempotency, and whether this gateway serves it yet")
    .option("--json", "print exactly one JSON document")
    .option("--unavailable", "only the methods this gateway does not serve yet, with the reason")
    .action((flags: { json?: boolean; unavailable?: boolean }) => {
      const rows = methodRows().filter((row) => !flags.unavailable || !row.served);
      if (flags.json) return printJson({ methods: rows });
      process.stdout.write(
        table(
          ["METHOD", "SCOPE", "SERVED"],
          rows.map((r) => [r.method, r.scope, r.served ? "yes" : `no: ${r.unavailable}`]),
        ) + "\n",
      );
    });

  withConnection(program.command("call <method>").description("call any method of the protocol (`tidegate methods` lists them and says which are not served yet)"))
    .option("--params <json>", "method params as JSON", undefined)
    .action(
      usageGuard(async (method: string, flags: ConnectionFlags & { params?: string }) => {
        if (!(METHOD_NAMES as readonly string[]).includes(method)) {
          const near = nearestNames(method, METHOD_NAMES);
          throw new UsageError(`unknown method '${method}'${near.length ? `; did you mean ${near.join(", ")}?` : ""} (see generated/docs/protocol.md)`);
        }
        const params = parseParams(flags.params);
        if (METHODS[method as MethodName].idempotencyKey && params && typeof params === "object" && !("idempotencyKey" in params)) {
          (params as Record<string, unknown>).idempotencyKey = crypto.randomUUID();
        }
        const checked = validateParams(method as MethodName, params);
        if (!checked.ok) throw new UsageError(`invalid params for ${method}: ${checked.message}`);
        await run(flags, async (client) => {
          const result = await client.request(method, params, flags.timeout ? { timeoutMs: Number(flags.timeout) } : {});
          printJson(result);
        });
      }),
    );

  withConnection(program.command("health").description("the gateway's health")).action((flags: ConnectionFlags) =>
    run(flags, async (client) => {
      const started = performance.now();
      const health = await client.call("health");
      if (flags.json) return printJson(health);
      process.stdout.write(`${health.ok ? "ok" : "NOT OK"} · ${client.options.url} · answered in ${Math.round(performance.now() - started)} ms\n`);
    }),
  );

  withConnection(program.command("status").description("a summary of the running gateway")).action((flags: ConnectionFlags) =>
    run(flags, async (client) => {
      const s = await client.call("status");
      if (flags.json) return printJson(s);
      // The v3 status summary: heartbeats, channels, queued system events, sessions.
      const heartbeats = s.heartbeat.agents.map((a) => `${a.agentId}: ${a.enabled ? a.every : "off"}`).join(", ");
      process.stdout.write(
        fields([
          ["default agent", s.heartbeat.defaultAgentId],
          ["heartbeats", heartbeats || "none"],
          ["channels", s.channelSummary.join("; ") || "none"],
          ["queued events", s.queuedSystemEvents.length],
          ["sessions", `${s.sessions.count}${s.sessions.defaults.model ? ` (default model ${s.sessions.defaults.model})` : ""}`],
          ...(s.tls ? ([["tls sha-256", `${s.tls.fingerprintSha256}${s.tls.selfSigned ? " (self-signed)" : ""}`]] as [string, unknown][]) : []),
        ]) + "\n",
      );
    }),
  );

  const devices = program.command("devices").description("paired devices and pairing requests");
  withConnection(devices.command("list").description("pending requests and paired devices")).action((flags: ConnectionFlags) =>
    run(flags, async (client) => {
      const list = await client.call("device.pair.list");
      if (flags.json) return printJson(list);
      const out: string[] = [];
      if (list.pending.length) {
        out.push(
          "Pending",
          table(
            ["REQUEST", "DEVICE", "NAME", "ROLE", "SCOPES", "FROM", "ASKED"],
            list.pending.map((p) => [p.requestId, p.deviceId.slice(0, 12), p.displayName, p.role, (p.scopes ?? []).join(","), p.remoteIp, ago(p.ts)]),
          ),
          "",
        );
      } else out.push("No pending requests.", "");
      out.push(
        list.paired.length
          ? table(
              ["DEVICE", "NAME", "PLATFORM", "ROLES", "SCOPES", "TOKENS"],
              list.paired.map((d) => [
                d.deviceId.slice(0, 12),
                d.displayName,
                d.platform,
                d.roles.join(","),
                d.scopes.join(","),
                d.tokens?.map((k) => `${k.role}${k.revokedAtMs ? " (revoked)" : ""}`).join(",") || "none",
              ]),
            )
          : "No paired devices.",
      );
      process.stdout.write(out.join("\n") + "\n");
    }),
  );
  for (const decision of ["approve", "reject"] as const) {
    withConnection(devices.command(`${decision} <requestId>`).description(`${decision} a pairing request`)).action((requestId: string, flags: ConnectionFlags) =>
      run(flags, async (client) => {
        const result = await client.call(decision === "approve" ? "device.pair.approve" : "device.pair.reject", { requestId });
        if (flags.json) return printJson(result);
        const deviceId = "device" in result ? result.device.deviceId : result.deviceId;
        process.stdout.write(`${decision === "approve" ? "approved" : "rejected"} ${deviceId.slice(0, 12)} (request ${requestId})\n`);
      }),
    );
  }
  withConnection(devices.command("remove <device>").description("forget a device and close its connections")).action(
    usageGuard((device: string, flags: ConnectionFlags) =>
      run(flags, async (client) => {
        const result = await client.call("device.pair.remove", { deviceId: resolveId(device, await deviceIds(client), "device") });
        if (flags.json) return printJson(result);
        process.stdout.write(`removed ${result.deviceId.slice(0, 12)} and closed its connections\n`);
      }),
    ),
  );
  withConnection(devices.command("rotate <device>").description("issue a new device token (the old one stops working)"))
    .option("--role <role>", "operator or node", "operator")
    .option("--scopes <list>", "comma-separated scopes for the new token")
    .action(
      usageGuard((device: string, flags: ConnectionFlags & { role: Role; scopes?: string }) =>
        run(flags, async (client) => {
          const scopes = flags.scopes?.split(",").map((s) => s.trim()) as Scope[] | undefined;
          const result = await client.call("device.token.rotate", { deviceId: resolveId(device, await deviceIds(client), "device"), role: flags.role, ...(scopes ? { scopes } : {}) });
          if (flags.json) return printJson(result);
          process.stdout.write(`new ${result.role} token for ${result.deviceId.slice(0, 12)}: ${result.token}\nscopes: ${result.scopes.join(", ") || "(none)"}\n`);
        }),
      ),
    );
  withConnection(devices.command("revoke <device>").description("revoke a device token and close the connections using it"))
    .option("--role <role>", "operator or node", "operator")
    .action(
      usageGuard((device: string, flags: ConnectionFlags & { role: Role }) =>
        run(flags, async (client) => {
          const result = await client.call("device.token.revoke", { deviceId: resolveId(device, await deviceIds(client), "device"), role: flags.role });
          if (flags.json) return printJson(result);
          process.stdout.write(`revoked the ${result.role} token of ${result.deviceId.slice(0, 12)} and closed the connections using it\n`);
        }),
      ),
    );

  const nodes = program.command("nodes").description("nodes and their commands");
  withConnection(nodes.command("list").description("paired and connected nodes")).action((flags: ConnectionFlags) =>
    run(flags, async (client) => {
      const list = await client.call("node.list");
      if (flags.json) return printJson(list);
      if (!list.nodes.length) return void process.stdout.write("No nodes.\n");
      process.stdout.write(
        table(
          ["NODE", "NAME", "PLATFORM", "STATE", "COMMANDS"],
          list.nodes.map((n) => [n.nodeId.slice(0, 12), n.displayName, n.platform, n.connected ? `connected ${ago(n.connectedAtMs)}` : "offline", n.commands.join(",")]),
        ) + "\n",
      );
    }),
  );
  withConnection(nodes.command("describe <node>").description("one node in detail")).action(
    usageGuard((node: string, flags: ConnectionFlags) =>
      run(flags, async (client) => {
        const n = await client.call("node.describe", { nodeId: resolveId(node, await nodeIds(client), "node") });
        if (flags.json) return printJson(n);
        process.stdout.write(
          fields([
            ["node", n.nodeId],
            ["name", n.displayName],
            ["platform", n.platform],
            ["version", n.version],
            ["state", n.connected ? `connected from ${n.remoteIp}` : "offline"],
            ["paired", n.paired],
            ["caps", n.caps.join(", ")],
            ["commands", n.commands.join(", ")],
          ]) + "\n",
        );
      }),
    ),
  );
  withConnection(nodes.command("rename <node> <name>").description("change a node's display name")).action(
    usageGuard((node: string, name: string, flags: ConnectionFlags) =>
      run(flags, async (client) => {
        const result = await client.call("node.rename", { nodeId: resolveId(node, await nodeIds(client), "node"), displayName: name });
        if (flags.json) return printJson(result);
        process.stdout.write(`renamed ${result.nodeId.slice(0, 12)} to ${result.displayName}\n`);
      }),
    ),
  );
  withConnection(nodes.command("invoke <node> <command>").description("run a command on a node"))
    .option("--params <json>", "command params as JSON")
    .option("--invoke-timeout <ms>", "how long the node may take (default 30000)")
    .action(
      usageGuard(async (node: string, command: string, flags: ConnectionFlags & { params?: string; invokeTimeout?: string }) => {
        const params = parseParams(flags.params);
        await run(flags, async (client) => {
          const nodeId = resolveId(node, await nodeIds(client), "node");
          const timeoutMs = flags.invokeTimeout ? Number(flags.invokeTimeout) : undefined;
          const result = await client.call(
            "node.invoke",
            { nodeId, command, params, ...(timeoutMs ? { timeoutMs } : {}), idempotencyKey: crypto.randomUUID() },
            { timeoutMs: (timeoutMs ?? LIMITS.nodeInvokeTimeoutMs) + 5000 },
          );
          if (flags.json) return printJson(result);
          printJson(result.payload);
        });
      }),
    );
}
