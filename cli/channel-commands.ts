/**
 * Messaging channels from the command line:
 *
 *   tidegate channels status [--probe] [--timeout MS] [--json]
 *   tidegate channels logout <channel> [--account ID] [--json]
 *   tidegate pairing list [channel] [--json]
 *   tidegate pairing approve <channel> <code> [--json]      (also: --channel C <code>)
 *   tidegate pairing reject <channel> <code> [--json]
 *   tidegate message send --channel C --to TARGET [--account ID] [-m TEXT | TEXT…] [--json]
 */
import { randomUUID } from "node:crypto";
import type { Command } from "commander";
import { run, usageGuard, withConnection } from "./commands.js";
import { ago, printJson, table, UsageError } from "./output.js";
import type { ConnectionFlags } from "./session.js";

type Flags = ConnectionFlags & { json?: boolean };

export function registerChannelCommands(program: Command): void {
  const channels = program.command("channels").description("messaging channels (IRC …): their accounts and state");
  withConnection(channels.command("status").description("every channel account: connected, last message, last error"))
    .option("--probe", "check each account's connection now")
    .action((flags: Flags & { probe?: boolean }) =>
      run(flags, async (client) => {
        const status = await client.call("channels.status", { probe: flags.probe === true, ...(flags.timeout ? { timeoutMs: Number(flags.timeout) } : {}) });
        if (flags.json) return printJson(status);
        const rows = status.channelOrder.flatMap((id) =>
          status.channelAccounts[id].map((a) => [
            status.channelLabels[id] ?? id,
            a.accountId,
            !a.enabled ? "disabled" : !a.configured ? "not configured" : a.connected ? "connected" : a.running ? "connecting" : "stopped",
            a.dmPolicy,
            ago(a.lastInboundAt),
            ago(a.lastOutboundAt),
            a.probe === undefined ? undefined : JSON.stringify(a.probe),
            a.lastError,
          ]),
        );
        process.stdout.write(
          rows.length
            ? table(["CHANNEL", "ACCOUNT", "STATE", "DM POLICY", "LAST IN", "LAST OUT", "PROBE", "LAST ERROR"], rows) + "\n"
            : "No messaging channel is configured: add one under `channels` in the config (such as channels.irc; see README, Channels).\n",
        );
      }),
    );
  withConnection(channels.command("logout [channel]").description("log a channel account out and forget its stored session"))
    .option("--channel <channel>", "the channel (instead of the argument)")
    .option("--account <id>", "the account (default: the channel's default account)")
    .action(
      usageGuard(async (channel: string | undefined, flags: Flags & { channel?: string; account?: string }) => {
        const id = channel ?? flags.channel;
        if (!id) throw new UsageError("name the channel: tidegate channels logout <channel> (see `tidegate channels status`)");
        await run(flags, async (client) => {
          const result = await client.call("channels.logout", { channel: id, ...(flags.account ? { accountId: flags.account } : {}) });
          if (flags.json) return printJson(result);
          process.stdout.write(`${result.channel} ${result.accountId}: ${result.cleared ? "logged out, stored session removed" : "nothing stored to remove"}\n`);
        });
      }),
    );

  const pairing = program.command("pairing").description('senders of a channel waiting for approval (dmPolicy "pairing")');
  withConnection(pairing.command("list [channel]").description("pairing codes waiting for approval"))
    .option("--channel <channel>", "only this channel")
    .action((channel: string | undefined, flags: Flags & { channel?: string }) =>
      run(flags, async (client) => {
        const id = channel ?? flags.channel;
        const { requests } = await client.call("channels.pairing.list", id ? { channel: id } : {});
        if (flags.json) return printJson({ requests });
        if (requests.length === 0) return void process.stdout.write(`No pairing requests${id ? ` for ${id}` : ""}.\n`);
        const now = Date.now();
        process.stdout.write(
          table(
            ["CHANNEL", "ACCOUNT", "CODE", "SENDER", "ASKED", "EXPIRES IN"],
            requests.map((r) => [
              r.channel,
              r.accountId,
              r.code,
              r.senderName ? `${r.senderId} (${r.senderName})` : r.senderId,
              ago(r.createdAt, now),
              `${Math.max(0, Math.round((r.expiresAt - now) / 60_000))} min`,
            ]),
          ) + `\napprove one with: tidegate pairing approve <channel> <code>\n`,
        );
      }),
    );
  for (const decision of ["approve", "reject"] as const) {
    withConnection(pairing.command(`${decision} <channelOrCode> [code]`).description(decision === "approve" ? "let the sender of a pairing code message the agent" : "refuse a pairing code"))
      .option("--channel <channel>", "the channel (then the only argument is the code)")
      .action(
        usageGuard(async (first: string, second: string | undefined, flags: Flags & { channel?: string }) => {
          const [channel, code] = second !== undefined ? [first, second] : [flags.channel, first];
          if (!channel) throw new UsageError(`name the channel: tidegate pairing ${decision} <channel> <code> (see \`tidegate pairing list\`)`);
          await run(flags, async (client) => {
            const result = await client.call(`channels.pairing.${decision}`, { channel, code });
            if (flags.json) return printJson(result);
            const r = result.request;
            process.stdout.write(
              decision === "approve" ? `approved: ${r.senderId} may now message the agent on ${r.channel} (account ${r.accountId})\n` : `rejected: code ${r.code} of ${r.senderId} on ${r.channel}\n`,
            );
          });
        }),
      );
  }

  const message = program.command("message").description("messages through a channel");
  withConnection(message.command("send [text...]").description("send a message to a user or group of a channel"))
    .option("--channel <channel>", "the channel (default: the only configured one)")
    .option("-t, --to <target>", "recipient: a user, or a group such as #ops")
    .option("--target <target>", "same as --to")
    .option("-m, --message <text>", "the text (or give it as arguments)")
    .option("--account <id>", "the channel account (default: its default account)")
    .option("--thread-id <id>", "thread inside the group")
    .option("--idempotency-key <key>", "repeat-safe key (default: a new one)")
    .action(
      usageGuard(async (words: string[], flags: Flags & { channel?: string; to?: string; target?: string; message?: string; account?: string; threadId?: string; idempotencyKey?: string }) => {
        const to = flags.to ?? flags.target;
        if (!to) throw new UsageError("name the recipient with --to (a user, or a group such as #ops)");
        const text = flags.message ?? words.join(" ");
        if (!text.trim()) throw new UsageError("give the text with -m or as arguments");
        await run(flags, async (client) => {
          const result = await client.call("send", {
            to,
            message: text,
            ...(flags.channel ? { channel: flags.channel } : {}),
            ...(flags.account ? { accountId: flags.account } : {}),
            ...(flags.threadId ? { threadId: flags.threadId } : {}),
            idempotencyKey: flags.idempotencyKey ?? randomUUID(),
          });
          if (flags.json) return printJson(result);
          process.stdout.write(`sent to ${to} via ${result.channel} (message ${result.messageId})\n`);
        });
      }),
    );
}
