/**
 * Agent commands:
 *   tidegate agent --message "…" [--agent ID] [--session KEY] [--model P/M] [--json]
 *       runs one turn and streams the reply as it is written (Ctrl-C aborts the run)
 *   tidegate agents list | add NAME [--workspace DIR] [--model P/M] [--emoji E] | rm ID [--delete-files]
 *   tidegate chat [--agent ID] [--session KEY]     a line-by-line chat (`/abort`, `/exit`)
 */

import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline";
import type { Command } from "commander";
import type { AgentEvent, ChatEvent } from "../generated/ts/types.js";
import { run, usageGuard, withConnection } from "./commands.js";
import { printJson, table, UsageError } from "./output.js";
import type { ConnectionFlags } from "./session.js";

interface AgentFlags extends ConnectionFlags {
  message?: string;
  agent?: string;
  session?: string;
  model?: string;
  runTimeout?: string;
}

export function registerAgentCommands(program: Command): void {
  withConnection(program.command("agent").description("run an agent turn and stream its reply"))
    .option("-m, --message <text>", "the message for the agent")
    .option("--agent <id>", "agent id (default: the gateway's default agent)")
    .option("--session <key>", "session key (default: the agent's main session)")
    .option("--model <ref>", "model for this turn, as provider/model")
    .option("--run-timeout <seconds>", "give up on the run after this many seconds")
    .action(
      usageGuard(async (flags: AgentFlags) => {
        if (!flags.message?.trim()) throw new UsageError("--message is required");
        const runId = randomUUID();
        const runTimeout = flags.runTimeout ? Number(flags.runTimeout) : undefined;
        if (runTimeout !== undefined && !(runTimeout > 0)) throw new UsageError("--run-timeout must be a positive number of seconds");
        await run(flags, async (client) => {
          let wrote = false;
          let sessionKey = flags.session;
          const stop = client.on("agent", (event: AgentEvent) => {
            if (event.runId !== runId) return;
            if (event.stream === "lifecycle" && typeof event.data.sessionKey === "string") sessionKey = event.data.sessionKey;
            if (!flags.json && event.stream === "assistant" && typeof event.data.delta === "string") {
              process.stdout.write(event.data.delta);
              wrote = true;
            }
          });
          const interrupt = () => {
            if (sessionKey) void client.call("chat.abort", { sessionKey, runId }).catch(() => undefined);
          };
          process.once("SIGINT", interrupt);
          try {
            const result = await client.call(
              "agent",
              {
                message: flags.message!,
                idempotencyKey: runId,
                ...(flags.agent ? { agentId: flags.agent } : {}),
                ...(flags.session ? { sessionKey: flags.session } : {}),
                ...(flags.model ? { model: flags.model } : {}),
                ...(runTimeout ? { timeout: Math.ceil(runTimeout) } : {}),
              },
              { timeoutMs: flags.timeout ? Number(flags.timeout) : ((runTimeout ?? 600) + 30) * 1000 },
            );
            if (flags.json) return printJson(result);
            if (wrote) process.stdout.write("\n");
            else if (result.result?.payloads.length) process.stdout.write(result.result.payloads.map((p) => p.text ?? "").join("\n") + "\n");
            if (result.status !== "ok") process.stderr.write(`(${result.status}${result.summary && result.summary !== result.status ? `: ${result.summary}` : ""})\n`);
          } finally {
            stop();
            process.off("SIGINT", interrupt);
            if (wrote && flags.json) process.stdout.write("\n");
          }
        });
      }),
    );

  withConnection(program.command("chat").description("chat with an agent, one line at a time (/abort, /exit)"))
    .option("--agent <id>", "agent id (default: the gateway's default agent)")
    .option("--session <key>", "session key (default: the agent's main session)")
    .action((flags: AgentFlags) =>
      run(flags, async (client) => {
        const sessionKey = flags.session ?? `agent:${flags.agent ?? client.hello?.snapshot.sessionDefaults?.defaultAgentId ?? "main"}:main`;
        let current: { runId: string; done: () => void } | undefined;
        const stopAgent = client.on("agent", (event: AgentEvent) => {
          if (event.runId === current?.runId && event.stream === "assistant" && typeof event.data.delta === "string") process.stdout.write(event.data.delta);
        });
        const stopChat = client.on("chat", (event: ChatEvent) => {
          if (event.runId !== current?.runId || event.state === "delta") return;
          if (event.state === "error") process.stderr.write(`\n(error: ${event.errorMessage ?? "failed"})`);
          if (event.state === "aborted") process.stderr.write("\n(aborted)");
          process.stdout.write("\n");
          current.done();
        });
        const lines = createInterface({ input: process.stdin, terminal: false });
        const interactive = process.stdin.isTTY;
        if (interactive) process.stdout.write(`${sessionKey} — /abort stops a reply, /exit leaves\n> `);
        try {
          for await (const line of lines) {
            const text = line.trim();
            if (text === "/exit" || text === "/quit") break;
            if (text === "/abort") {
              await client.call("chat.abort", { sessionKey });
            } else if (text) {
              const runId = randomUUID();
              const finished = new Promise<void>((done) => (current = { runId, done }));
              await client.call("chat.send", { sessionKey, message: text, idempotencyKey: runId });
              await finished;
            }
            if (interactive) process.stdout.write("> ");
          }
        } finally {
          stopAgent();
          stopChat();
          lines.close();
        }
      }),
    );

  const agents = program.command("agents").description("configured agents");
  withConnection(agents.command("list").description("the gateway's agents")).action((flags: ConnectionFlags) =>
    run(flags, async (client) => {
      const list = await client.call("agents.list");
      if (flags.json) return printJson(list);
      process.stdout.write(
        table(
          ["ID", "NAME", "EMOJI", ""],
          list.agents.map((a) => [a.id, a.name ?? a.identity?.name, a.identity?.emoji, a.id === list.defaultId ? "(default)" : ""]),
        ) + "\n",
      );
    }),
  );
  withConnection(agents.command("add <name>").description("create an agent"))
    .option("--workspace <dir>", "its workspace directory (default: <gateway state>/workspace-<id>)")
    .option("--model <ref>", "its model, as provider/model")
    .option("--emoji <emoji>", "its emoji")
    .action((name: string, flags: ConnectionFlags & { workspace?: string; model?: string; emoji?: string }) =>
      run(flags, async (client) => {
        const slug =
          name
            .toLowerCase()
            .replace(/[^a-z0-9_-]+/g, "-")
            .replace(/^[-_]+|[-_]+$/g, "") || "agent";
        const workspace = flags.workspace ?? `${client.hello?.snapshot.stateDir ?? "~/.tidegate"}/workspace-${slug}`;
        const result = await client.call("agents.create", { name, workspace, ...(flags.model ? { model: flags.model } : {}), ...(flags.emoji ? { emoji: flags.emoji } : {}) });
        if (flags.json) return printJson(result);
        process.stdout.write(`created agent ${result.agentId} (workspace ${result.workspace})\n`);
      }),
    );
  withConnection(agents.command("rm <id>").description("delete an agent"))
    .option("--delete-files", "also delete its workspace (only one the gateway created in its state directory)")
    .action((id: string, flags: ConnectionFlags & { deleteFiles?: boolean }) =>
      run(flags, async (client) => {
        const result = await client.call("agents.delete", { agentId: id, ...(flags.deleteFiles ? { deleteFiles: true } : {}) });
        if (flags.json) return printJson(result);
        process.stdout.write(`deleted agent ${result.agentId}\n`);
      }),
    );
}
