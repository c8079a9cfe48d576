/**
 * The `tidegate` command line.
 *
 *   tidegate gateway run [--port N] [--bind loopback|lan|custom --host H] [--token T] [--dev | --profile NAME]
 *   tidegate call <method> [--params JSON]     tidegate health | status
 *   tidegate devices list|approve|reject|remove|rotate|revoke      tidegate nodes list|describe|rename|invoke
 *   tidegate node run [--url U] [--token T] [--display-name N] [--allow BIN]...
 *   tidegate agent --message "…" [--agent ID] [--session KEY] [--json]    tidegate agents list|add|rm    tidegate chat
 *
 * Exit codes: 0 ok, 1 the gateway answered with an error, 2 usage error, 3 cannot reach the gateway.
 */
import { Command, CommanderError, Option } from "commander";
import { registerOperatorCommands } from "./commands.js";
import { registerAgentCommands } from "./agent-commands.js";
import { EXIT_USAGE } from "./output.js";
import { VERSION } from "../common/version.js";

const program = new Command("tidegate").description("Control-plane gateway for personal-agent systems (protocol v3)").version(VERSION);
program.exitOverride();
program.showHelpAfterError("(run with --help for usage)");

const gateway = program.command("gateway").description("run and manage the gateway");
gateway
  .command("run")
  .description("start the gateway in the foreground")
  .option("--port <port>", "TCP port (default 18789)")
  .addOption(new Option("--bind <mode>", "where to listen").choices(["loopback", "lan", "custom"]))
  .option("--host <address>", "address for --bind custom")
  .option("--token <token>", "shared token (also TIDEGATE_GATEWAY_TOKEN)")
  .option("--password <password>", "shared password (password mode)")
  .option("--dev", "use the dev profile: separate state directory and port 19789")
  .option("--profile <name>", "use a named profile: separate state directory and port")
  .addOption(new Option("--log-level <level>", "log verbosity").choices(["debug", "info", "warn", "error", "silent"]).default("info"))
  .action(async (options) => (await import("./gateway-run.js")).runGateway(options));

registerOperatorCommands(program);
registerAgentCommands(program);

const node = program.command("node").description("run this machine as a node");
node
  .command("run")
  .description("join a gateway as a node and serve system.which and system.run")
  .option("--url <url>", "gateway URL (default: the local gateway)")
  .option("--token <token>", "gateway token")
  .option("--display-name <name>", "how operators see this node (default: host name)")
  .option("--allow <binary>", "let system.run start this binary (repeatable; also node-allowlist.json)", (value: string, all: string[] = []) => [...all, value])
  .option("--state-dir <dir>", "where the node keeps its identity (default: <state>/node)")
  .action(async (options) => (await import("../clients/node-host/node-host.js")).runNodeHost(options));

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (!(error instanceof CommanderError)) throw error;
  const ok = error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.code === "commander.help";
  process.exitCode = ok ? 0 : EXIT_USAGE;
}
