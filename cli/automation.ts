/**
 * `tidegate cron list|status|add|edit|rm|run|runs` and
 * `tidegate approvals list|allow|deny|get|set`. Job, request and node
 * arguments accept an id prefix (or a name).
 */
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import type { GatewayClient } from "../clients/ts/index.js";
import type { CronDelivery, CronJob, CronJobPatch, CronPayload, CronSchedule, ExecApprovalsFile } from "../generated/ts/types.js";
import { run, usageGuard, withConnection } from "./commands.js";
import { ago, fields, printJson, table, UsageError } from "./output.js";
import { resolveId } from "./resolve.js";
import type { ConnectionFlags } from "./session.js";

interface JobFlags {
  name?: string;
  description?: string;
  every?: string;
  cron?: string;
  tz?: string;
  at?: string;
  systemEvent?: string;
  message?: string;
  webhook?: string;
  session?: string;
  wake?: string;
  agent?: string;
  deliverWebhook?: string;
  enable?: boolean;
  disable?: boolean;
  deleteAfterRun?: boolean;
}

/** `1500`, `500ms`, `10s`, `5m`, `2h`, `1d` → milliseconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+)(ms|s|m|h|d)?$/.exec(text.trim());
  if (!m) throw new UsageError(`'${text}' is not a duration (examples: 500ms, 10s, 5m, 2h)`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(m[2] ?? "ms") as "ms"];
  const ms = Number(m[1]) * unit;
  if (ms < 1) throw new UsageError("a duration must be at least 1 ms");
  return ms;
}

function scheduleOf(flags: JobFlags): CronSchedule | undefined {
  const given = [flags.every, flags.cron, flags.at].filter((v) => v !== undefined).length;
  if (given > 1) throw new UsageError("give one of --every, --cron, --at");
  if (flags.tz !== undefined && flags.cron === undefined) throw new UsageError("--tz goes with --cron");
  if (flags.every !== undefined) return { kind: "every", everyMs: parseDuration(flags.every) };
  if (flags.cron !== undefined) return { kind: "cron", expr: flags.cron, ...(flags.tz !== undefined && { tz: flags.tz }) };
  if (flags.at !== undefined) {
    if (!Number.isFinite(Date.parse(flags.at))) throw new UsageError(`--at '${flags.at}' is not an ISO 8601 time`);
    return { kind: "at", at: new Date(Date.parse(flags.at)).toISOString() };
  }
  return undefined;
}

function payloadOf(flags: JobFlags): CronPayload | undefined {
  const given = [flags.systemEvent, flags.message, flags.webhook].filter((v) => v !== undefined).length;
  if (given > 1) throw new UsageError("give one of --system-event, --message, --webhook");
  if (flags.systemEvent !== undefined) return { kind: "systemEvent", text: flags.systemEvent };
  if (flags.message !== undefined) return { kind: "agentTurn", message: flags.message };
  if (flags.webhook !== undefined) {
    if (!/^https?:\/\//.test(flags.webhook)) throw new UsageError("--webhook needs an http:// or https:// URL");
    return { kind: "webhook", url: flags.webhook };
  }
  return undefined;
}

function enumFlag<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of ${allowed.join(", ")}`);
  return value as T;
}

function patchOf(flags: JobFlags): CronJobPatch {
  if (flags.enable && flags.disable) throw new UsageError("give --enable or --disable, not both");
  const delivery: CronDelivery | undefined = flags.deliverWebhook !== undefined ? { mode: "webhook", to: flags.deliverWebhook } : undefined;
  const patch: CronJobPatch = {
    ...(flags.name !== undefined && { name: flags.name }),
    ...(flags.description !== undefined && { description: flags.description }),
    ...(flags.agent !== undefined && { agentId: flags.agent }),
    ...(flags.enable && { enabled: true }),
    ...(flags.disable && { enabled: false }),
    ...(flags.deleteAfterRun && { deleteAfterRun: true }),
    ...(delivery && { delivery }),
  };
  const schedule = scheduleOf(flags);
  const payload = payloadOf(flags);
  const sessionTarget = enumFlag(flags.session, ["main", "isolated"] as const, "--session");
  const wakeMode = enumFlag(flags.wake, ["now", "next-heartbeat"] as const, "--wake");
  return { ...patch, ...(schedule && { schedule }), ...(payload && { payload }), ...(sessionTarget && { sessionTarget }), ...(wakeMode && { wakeMode }) };
}

function jobOptions(command: Command): Command {
  return command
    .option("--name <name>", "job name")
    .option("--description <text>", "what the job is for")
    .option("--every <duration>", "run every 10s, 5m, 2h, …")
    .option("--cron <expr>", "run on a cron expression (5 or 6 fields)")
    .option("--tz <zone>", "IANA time zone of --cron")
    .option("--at <time>", "run once at an ISO 8601 time")
    .option("--system-event <text>", "payload: a system event into the session")
    .option("--message <text>", "payload: an agent turn with this message")
    .option("--webhook <url>", "payload: POST to this URL")
    .option("--deliver-webhook <url>", "deliver each run's outcome as JSON to this URL")
    .option("--session <target>", "main or isolated")
    .option("--wake <mode>", "now or next-heartbeat")
    .option("--agent <id>", "agent that runs it")
    .option("--delete-after-run", "remove the job after its first successful run");
}

const describeSchedule = (s: CronSchedule) =>
  s.kind === "every"
    ? `every ${s.everyMs >= 1000 && s.everyMs % 1000 === 0 ? `${s.everyMs / 1000}s` : `${s.everyMs}ms`}`
    : s.kind === "cron"
      ? `cron ${s.expr}${s.tz ? ` (${s.tz})` : ""}`
      : `at ${s.at}`;
const describePayload = (p: CronPayload) => (p.kind === "systemEvent" ? `event: ${p.text}` : p.kind === "agentTurn" ? `agent: ${p.message}` : `POST ${p.url}`);
const inFuture = (ms: number | undefined) => (ms === undefined ? undefined : ms >= Date.now() ? `in ${Math.round((ms - Date.now()) / 1000)}s` : ago(ms));

async function jobIds(client: GatewayClient) {
  return (await client.call("cron.list", { enabled: "all" })).jobs.map((j) => ({ id: j.id, name: j.name }));
}

function printJob(job: CronJob): void {
  process.stdout.write(
    fields([
      ["id", job.id],
      ["name", job.name],
      ["enabled", job.enabled],
      ["schedule", describeSchedule(job.schedule)],
      ["payload", describePayload(job.payload)],
      ["session", job.sessionTarget],
      ["wake", job.wakeMode],
      ["next run", inFuture(job.state.nextRunAtMs)],
      ["last run", job.state.lastRunAtMs ? `${ago(job.state.lastRunAtMs)} (${job.state.lastStatus})` : undefined],
    ]) + "\n",
  );
}

export function registerCronCommands(program: Command): void {
  const cron = program.command("cron").description("scheduled jobs");

  withConnection(cron.command("list").description("jobs, by next run"))
    .option("--all", "include disabled jobs")
    .action((flags: ConnectionFlags & { all?: boolean }) =>
      run(flags, async (client) => {
        const list = await client.call("cron.list", { enabled: flags.all ? "all" : "enabled" });
        if (flags.json) return printJson(list);
        if (!list.jobs.length) return void process.stdout.write(flags.all ? "No jobs.\n" : "No enabled jobs (--all shows disabled ones).\n");
        process.stdout.write(
          table(
            ["ID", "NAME", "SCHEDULE", "NEXT", "LAST", "PAYLOAD"],
            list.jobs.map((j) => [
              j.id.slice(0, 8),
              j.enabled ? j.name : `${j.name} (disabled)`,
              describeSchedule(j.schedule),
              inFuture(j.state.nextRunAtMs),
              j.state.lastStatus ? `${j.state.lastStatus} ${ago(j.state.lastRunAtMs)}` : undefined,
              describePayload(j.payload),
            ]),
          ) + "\n",
        );
      }),
    );

  withConnection(cron.command("status").description("the scheduler")).action((flags: ConnectionFlags) =>
    run(flags, async (client) => {
      const s = await client.call("cron.status");
      if (flags.json) return printJson(s);
      process.stdout.write(
        fields([
          ["scheduler", s.enabled ? "running" : "off"],
          ["jobs", s.jobs],
          ["next wake", inFuture(s.nextWakeAtMs ?? undefined)],
          ["store", s.storePath],
        ]) + "\n",
      );
    }),
  );

  withConnection(jobOptions(cron.command("add").description("add a job")))
    .option("--disabled", "add it disabled")
    .action(
      usageGuard(async (flags: ConnectionFlags & JobFlags & { disabled?: boolean }) => {
        const patch = patchOf(flags);
        if (!patch.name) throw new UsageError("--name is required");
        if (!patch.schedule) throw new UsageError("give a schedule: --every, --cron or --at");
        if (!patch.payload) throw new UsageError("give a payload: --system-event, --message or --webhook");
        await run(flags, async (client) => {
          const job = await client.call("cron.add", {
            ...patch,
            name: patch.name!,
            schedule: patch.schedule!,
            payload: patch.payload!,
            sessionTarget: patch.sessionTarget ?? (patch.payload!.kind === "systemEvent" ? "main" : "isolated"),
            wakeMode: patch.wakeMode ?? "now",
            agentId: patch.agentId ?? undefined,
            sessionKey: undefined,
            ...(flags.disabled && { enabled: false }),
          });
          if (flags.json) return printJson(job);
          printJob(job);
        });
      }),
    );

  withConnection(jobOptions(cron.command("edit <job>").description("change a job")))
    .option("--enable", "enable it")
    .option("--disable", "disable it")
    .action(
      usageGuard(async (job: string, flags: ConnectionFlags & JobFlags) => {
        const patch = patchOf(flags);
        if (Object.keys(patch).length === 0) throw new UsageError("nothing to change: give at least one option (see --help)");
        await run(flags, async (client) => {
          const updated = await client.call("cron.update", { id: resolveId(job, await jobIds(client), "job"), patch });
          if (flags.json) return printJson(updated);
          printJob(updated);
        });
      }),
    );

  withConnection(cron.command("rm <job>").description("remove a job (its run log stays)")).action(
    usageGuard((job: string, flags: ConnectionFlags) =>
      run(flags, async (client) => {
        const id = resolveId(job, await jobIds(client), "job");
        const result = await client.call("cron.remove", { id });
        if (flags.json) return printJson(result);
        process.stdout.write(result.removed ? `removed ${id}\n` : `no job ${id}\n`);
      }),
    ),
  );

  withConnection(cron.command("run <job>").description("run a job now and wait for it"))
    .option("--due", "only if it is due")
    .action(
      usageGuard((job: string, flags: ConnectionFlags & { due?: boolean }) =>
        run(flags, async (client) => {
          const id = resolveId(job, await jobIds(client), "job");
          const result = await client.call("cron.run", { id, mode: flags.due ? "due" : "force" }, { timeoutMs: flags.timeout ? Number(flags.timeout) : 600_000 });
          if (flags.json) return printJson(result);
          if (!result.ran) return void process.stdout.write(`did not run ${id}: ${result.reason}\n`);
          // The answer says only that it ran; the outcome is the newest entry of its run log.
          const outcome = (await client.call("cron.runs", { id, limit: 1, sortDir: "desc" })).entries[0]?.status ?? "unknown";
          process.stdout.write(`ran ${id}: ${outcome}\n`);
          if (outcome !== "ok") process.exitCode = 1;
        }),
      ),
    );

  withConnection(cron.command("runs [job]").description("the run log, newest first (every job without an argument)"))
    .option("--limit <n>", "entries per page", "20")
    .option("--offset <n>", "entries to skip", "0")
    .option("--status <status>", "only ok, error or skipped")
    .action(
      usageGuard(async (job: string | undefined, flags: ConnectionFlags & { limit: string; offset: string; status?: string }) => {
        const limit = Number(flags.limit);
        const offset = Number(flags.offset);
        if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new UsageError("--limit must be 1..200");
        if (!Number.isInteger(offset) || offset < 0) throw new UsageError("--offset must be a whole number");
        const status = enumFlag(flags.status, ["ok", "error", "skipped"] as const, "--status");
        await run(flags, async (client) => {
          const jobs = job === undefined ? [] : await jobIds(client);
          const id = job === undefined ? undefined : resolveId(job, jobs, "job");
          // A job's own log does not repeat its name (v3); take it from the listing.
          const nameOf = (jobId: string) => jobs.find((j) => j.id === jobId)?.name;
          const page = await client.call("cron.runs", { scope: id ? "job" : "all", ...(id && { id }), limit, offset, ...(status && { status }) });
          if (flags.json) return printJson(page);
          if (!page.entries.length) return void process.stdout.write("No runs.\n");
          process.stdout.write(
            table(
              ["WHEN", "JOB", "STATUS", "TOOK", "OUTCOME"],
              page.entries.map((e) => [
                ago(e.runAtMs ?? e.ts),
                e.jobName ?? nameOf(e.jobId) ?? e.jobId.slice(0, 8),
                e.status,
                e.durationMs === undefined ? undefined : `${e.durationMs} ms`,
                e.error ?? e.summary,
              ]),
            ) + "\n",
          );
          if (page.hasMore) process.stdout.write(`… ${page.total - offset - page.entries.length} more (--offset ${page.nextOffset})\n`);
        });
      }),
    );
}

async function nodeIds(client: GatewayClient) {
  return (await client.call("node.list")).nodes.map((n) => ({ id: n.nodeId, name: n.displayName }));
}

async function requestIds(client: GatewayClient) {
  return (await client.call("exec.approval.list")).pending.map((p) => ({ id: p.id }));
}

function readFileArg(path: string): ExecApprovalsFile {
  let text: string;
  try {
    text = readFileSync(path === "-" ? 0 : path, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as ExecApprovalsFile;
  } catch (error) {
    throw new UsageError(`${path} is not JSON: ${(error as Error).message}`);
  }
}

export function registerApprovalsCommands(program: Command): void {
  const approvals = program.command("approvals").description("exec approval requests and the approvals files");

  withConnection(approvals.command("list").description("requests waiting for a decision")).action((flags: ConnectionFlags) =>
    run(flags, async (client) => {
      const list = await client.call("exec.approval.list");
      if (flags.json) return printJson(list);
      if (!list.pending.length) return void process.stdout.write("No pending requests.\n");
      process.stdout.write(
        table(
          ["REQUEST", "COMMAND", "NODE", "CWD", "ASKED", "EXPIRES"],
          list.pending.map((p) => [p.id.slice(0, 8), p.request.command, p.request.nodeId?.slice(0, 12) ?? undefined, p.request.cwd ?? undefined, ago(p.createdAtMs), inFuture(p.expiresAtMs)]),
        ) + "\n",
      );
    }),
  );

  withConnection(approvals.command("allow <request>").description("allow a request once (--always: and add it to the allowlist)"))
    .option("--always", "allow always: the node adds the binary to its allowlist")
    .action(
      usageGuard((request: string, flags: ConnectionFlags & { always?: boolean }) =>
        run(flags, async (client) => {
          const id = resolveId(request, await requestIds(client), "pending request");
          const decision = flags.always ? "allow-always" : "allow-once";
          const result = await client.call("exec.approval.resolve", { id, decision });
          if (flags.json) return printJson({ ...result, id, decision });
          process.stdout.write(`${decision} ${id}\n`);
        }),
      ),
    );

  withConnection(approvals.command("deny <request>").description("deny a request")).action(
    usageGuard((request: string, flags: ConnectionFlags) =>
      run(flags, async (client) => {
        const id = resolveId(request, await requestIds(client), "pending request");
        const result = await client.call("exec.approval.resolve", { id, decision: "deny" });
        if (flags.json) return printJson({ ...result, id, decision: "deny" });
        process.stdout.write(`denied ${id}\n`);
      }),
    ),
  );

  withConnection(approvals.command("get").description("the gateway's (or a node's) approvals file"))
    .option("--node <node>", "a node's file instead of the gateway's")
    .action(
      usageGuard((flags: ConnectionFlags & { node?: string }) =>
        run(flags, async (client) => {
          const snapshot = flags.node ? await client.call("exec.approvals.node.get", { nodeId: resolveId(flags.node, await nodeIds(client), "node") }) : await client.call("exec.approvals.get");
          if (flags.json) return printJson(snapshot);
          process.stdout.write(`# ${snapshot.path} (${snapshot.exists ? "exists" : "not written yet"}) hash ${snapshot.hash}\n`);
          printJson(snapshot.file);
        }),
      ),
    );

  withConnection(approvals.command("set <file>").description("replace the approvals file with a JSON file ('-': stdin)"))
    .option("--node <node>", "a node's file instead of the gateway's")
    .option("--base-hash <hash>", "fail unless the file still has this hash (default: the hash read just before)")
    .action(
      usageGuard(async (path: string, flags: ConnectionFlags & { node?: string; baseHash?: string }) => {
        const file = readFileArg(path);
        await run(flags, async (client) => {
          const nodeId = flags.node ? resolveId(flags.node, await nodeIds(client), "node") : undefined;
          const baseHash = flags.baseHash ?? (nodeId ? await client.call("exec.approvals.node.get", { nodeId }) : await client.call("exec.approvals.get")).hash;
          const snapshot = nodeId ? await client.call("exec.approvals.node.set", { nodeId, file, baseHash }) : await client.call("exec.approvals.set", { file, baseHash });
          if (flags.json) return printJson(snapshot);
          process.stdout.write(`wrote ${snapshot.path} (hash ${snapshot.hash})\n`);
        });
      }),
    );
}
