/**
 * Skill commands, through the running gateway (`skills.*`):
 *   tidegate skills [list] [--agent ID] [--eligible]     every skill, whether it can be used and what it lacks
 *   tidegate skills enable|disable KEY                   skills.entries.<key>.enabled
 *   tidegate skills env KEY NAME=VALUE…                  skills.entries.<key>.env (an empty VALUE removes NAME)
 *   tidegate skills install NAME [INSTALL_ID] [--timeout-seconds N]   run the installer skills list offers
 */
import type { Command } from "commander";
import type { SkillStatus } from "../generated/ts/types.js";
import { run, usageGuard, withConnection } from "./commands.js";
import { printJson, table, UsageError } from "./output.js";
import type { ConnectionFlags } from "./session.js";

/** What a skill lacks, in a few words (`bins: gh; env: GH_TOKEN`). */
export function missingText(skill: SkillStatus): string {
  if (skill.disabled) return "disabled in config";
  if (skill.blockedByAllowlist) return "not in skills.allowBundled";
  const m = skill.missing;
  const parts: string[] = [];
  if (m.bins.length) parts.push(`bins: ${m.bins.join(", ")}`);
  if (m.anyBins.length) parts.push(`one of: ${m.anyBins.join(", ")}`);
  if (m.env.length) parts.push(`env: ${m.env.join(", ")}`);
  if (m.config.length) parts.push(`config: ${m.config.join(", ")}`);
  if (m.os.length) parts.push(`os: ${m.os.join(", ")}`);
  return parts.join("; ");
}

export function registerSkillsCommands(program: Command): void {
  const skills = program.command("skills").description("agent skills: what each can do here and what it lacks");
  const list = (flags: ConnectionFlags & { agent?: string; eligible?: boolean }) =>
    run(flags, async (client) => {
      const status = await client.call("skills.status", flags.agent ? { agentId: flags.agent } : {});
      const shown = flags.eligible ? status.skills.filter((s) => s.eligible) : status.skills;
      if (flags.json) return printJson({ ...status, skills: shown });
      if (!shown.length) {
        process.stdout.write(`no skills${flags.eligible ? " ready" : ""}: add folders with a SKILL.md to ${status.workspaceDir}/skills or ${status.managedSkillsDir}\n`);
        return;
      }
      const rows = shown.map((s) => [`${s.emoji ? `${s.emoji} ` : ""}${s.name}`, s.eligible ? "ready" : "missing", s.source, s.eligible ? "" : missingText(s), s.install.map((i) => i.id).join(", ")]);
      process.stdout.write(table(["SKILL", "STATUS", "SOURCE", "LACKS", "INSTALL"], rows) + "\n");
    });
  withConnection(skills.command("list", { isDefault: true }).description("every skill and whether it can be used"))
    .option("--agent <id>", "the agent whose workspace to read (default: the default agent)")
    .option("--eligible", "only skills ready to use")
    .action(list);
  for (const [name, enabled] of [
    ["enable", true],
    ["disable", false],
  ] as const) {
    withConnection(skills.command(`${name} <key>`).description(`${name} a skill (skills.entries.<key>.enabled)`)).action((key: string, flags: ConnectionFlags) =>
      run(flags, async (client) => {
        const result = await client.call("skills.update", { skillKey: key, enabled });
        if (flags.json) return printJson(result);
        process.stdout.write(`skill ${key} ${name}d\n`);
      }),
    );
  }
  withConnection(skills.command("env <key> <assignments...>").description("set environment variables of a skill (NAME=VALUE; an empty VALUE removes NAME)")).action(
    usageGuard(async (key: string, assignments: string[], flags: ConnectionFlags) => {
      const env: Record<string, string> = {};
      for (const a of assignments) {
        const at = a.indexOf("=");
        if (at < 1) throw new UsageError(`'${a}' is not NAME=VALUE`);
        env[a.slice(0, at)] = a.slice(at + 1);
      }
      await run(flags, async (client) => {
        const result = await client.call("skills.update", { skillKey: key, env });
        if (flags.json) return printJson(result);
        process.stdout.write(`skill ${key}: env ${Object.keys(env).join(", ")} updated\n`);
      });
    }),
  );
  withConnection(skills.command("install <name> [installId]").description("run a skill's installer (the one `skills list` offers when no id is given)"))
    .option("--timeout-seconds <n>", "give up after this many seconds (default 300)")
    .action(
      usageGuard(async (name: string, installId: string | undefined, flags: ConnectionFlags & { timeoutSeconds?: string }) => {
        const seconds = flags.timeoutSeconds === undefined ? undefined : Number(flags.timeoutSeconds);
        if (seconds !== undefined && !(seconds >= 1)) throw new UsageError("--timeout-seconds must be at least 1");
        await run({ ...flags, timeout: flags.timeout ?? String(((seconds ?? 300) + 30) * 1000) }, async (client) => {
          let id = installId;
          if (!id) {
            const skill = (await client.call("skills.status", {})).skills.find((s) => s.name === name);
            if (!skill) throw new UsageError(`no skill named '${name}' (tidegate skills lists them)`);
            if (!skill.install.length) throw new UsageError(`skill '${name}' offers no installer for this host`);
            id = skill.install[0].id;
          }
          const result = await client.call("skills.install", { name, installId: id, ...(seconds ? { timeoutMs: seconds * 1000 } : {}) });
          if (flags.json) return printJson(result);
          process.stdout.write(`${result.message}\n`);
        });
      }),
    );
}
