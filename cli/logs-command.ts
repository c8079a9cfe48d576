/** `tidegate logs [--follow]`: the gateway log through the gateway, else from the files; following survives gateway restarts. */
import { join } from "node:path";
import type { Command } from "commander";
import { type GatewayClient, GatewayClientError } from "../clients/ts/index.js";
import { type ConnectionFlags, resolvePaths } from "../common/paths.js";
import { parseRecord } from "../runtime/logs/gateway-logger.js";
import { type TailResult, tailLogs } from "../runtime/logs/tail.js";
import { either, reconnected, withConnection } from "./gateway-or-files.js";

function printLogLines(result: TailResult, json: boolean | undefined, first: boolean): void {
  if (json) {
    if (first) process.stdout.write(JSON.stringify({ type: "meta", file: result.file, cursor: result.cursor, size: result.size }) + "\n");
    for (const raw of result.lines) {
      const r = parseRecord(raw);
      process.stdout.write(JSON.stringify(r ? { type: "log", time: r.time, level: r.level, message: r.message, raw } : { type: "raw", raw }) + "\n");
    }
    return;
  }
  if (first) process.stdout.write(`Log file: ${result.file}\n`);
  for (const raw of result.lines) {
    const r = parseRecord(raw);
    if (!r) process.stdout.write(raw + "\n");
    else {
      const extra = r.fields
        ? " " +
          Object.entries(r.fields)
            .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
            .join(" ")
        : "";
      process.stdout.write(`${r.time ?? ""} ${r.level ?? ""} ${r.message}${extra}\n`);
    }
  }
}

export function registerLogsCommand(program: Command): void {
  withConnection(program.command("logs").description("the gateway log (through the gateway, else the files)"))
    .option("--follow", "keep printing new lines")
    .option("--limit <n>", "most lines per read", "200")
    .option("--max-bytes <n>", "most bytes per read", "250000")
    .option("--interval <ms>", "poll interval with --follow", "1000")
    .action((flags: ConnectionFlags & { follow?: boolean; limit: string; maxBytes: string; interval: string }) => {
      const limit = Number(flags.limit);
      const maxBytes = Number(flags.maxBytes);
      const read = async (tail: (cursor?: number) => Promise<TailResult>) => {
        let result = await tail();
        printLogLines(result, flags.json, true);
        if (result.truncated && !flags.follow) process.stderr.write("Log tail truncated (increase --max-bytes).\n");
        while (flags.follow) {
          if (!result.truncated) await new Promise((r) => setTimeout(r, Number(flags.interval)));
          result = await tail(result.cursor);
          if (result.reset) process.stderr.write("(log rotated or truncated; continuing)\n");
          printLogLines(result, flags.json, false);
        }
      };
      /**
       * One `logs.tail` through the gateway. Following, a lost connection (the gateway restarting
       * in-process closes with 1012) waits for the client to reconnect and asks again from the same
       * cursor: a read repeats safely, and the cursor is a position in the log file, so no line is
       * printed twice or skipped (a rotated or truncated file is reported as `reset`).
       */
      const tailOnline = async (client: GatewayClient, cursor?: number): Promise<TailResult> => {
        for (;;) {
          try {
            return (await client.call("logs.tail", { ...(cursor === undefined ? {} : { cursor }), limit, maxBytes })) as TailResult;
          } catch (error) {
            const lost = error instanceof GatewayClientError && (error.code === "DISCONNECTED" || (error.code === "TIMEOUT" && !client.connected));
            if (!flags.follow || !lost) throw error;
            process.stderr.write("(connection to the gateway lost; reconnecting)\n");
            await reconnected(client);
            process.stderr.write("(reconnected; continuing)\n");
          }
        }
      };
      return either(
        flags,
        (client) => read((cursor) => tailOnline(client, cursor)),
        () => read(async (cursor) => tailLogs(join(resolvePaths(flags).stateDir, "logs"), { cursor, limit, maxBytes })),
        flags.follow,
      );
    });
}
