/**
 * The `tidegate` command line.
 *
 *   tidegate gateway run [--port N] [--bind loopback|lan|tailnet|auto|custom --host H] [--tls] [--token T] [--dev | --profile NAME]
 *   tidegate gateway install [--force] | uninstall | start | stop | restart | status [--all]   (exit 69: no user service manager)
 *   tidegate call <method> [--params JSON]     tidegate health | status
 *   tidegate devices list|approve|reject|remove|rotate|revoke      tidegate nodes list|describe|rename|invoke
 *   tidegate cron list|status|add|edit|rm|run|runs                 tidegate approvals list|allow|deny|get|set
 *   tidegate node run [--url U] [--token T] [--display-name N] [--allow BIN]...
 *   tidegate agent --message "…" [--agent ID] [--session KEY] [--json]    tidegate agents list|add|rm    tidegate chat
 *
 * Exit codes: 0 ok, 1 the gateway answered with an error, 2 usage error, 3 cannot reach the gateway.
 */
import { Command, CommanderError, Option } from "commander";
import { VERSION } from "../common/version.js";
import { BIND_MODES } from "../runtime/config/bind.js";
import { registerAgentCommands } from "./agent-commands.js";
import { registerApprovalsCommands, registerCronCommands } from "./automation.js";
import { registerChannelCommands } from "./channel-commands.js";
import { registerOperatorCommands } from "./commands.js";
import { EXIT_USAGE } from "./output.js";
import { registerStateCommands } from "./state-commands.js";

const program = new Command("tidegate").description("Control-plane gateway for personal-agent systems (protocol v3)").version(VERSION);
program.exitOverride();
program.showHelpAfterError("(run with --help for usage)");

const gateway = program.command("gateway").description("run and manage the gateway");
gateway
  .command("run")
  .description("start the gateway in the foreground")
  .option("--port <port>", "TCP port (default 18789)")
  .addOption(new Option("--bind <mode>", "where to listen (tailnet: this host's Tailscale address; auto: that, else loopback)").choices([...BIND_MODES]))
  .option("--host <address>", "address for --bind custom")
  .option("--tls", "serve wss:// and https:// (gateway.tls; a self-signed pair is generated once into <state>/tls/)")
  .option("--token <token>", "shared token (also TIDEGATE_GATEWAY_TOKEN)")
  .option("--password <password>", "shared password (password mode)")
  .option("--dev", "use the dev profile: separate state directory and port 19789")
  .option("--profile <name>", "use a named profile: separate state directory and port")
  .addOption(new Option("--log-level <level>", "log verbosity").choices(["debug", "info", "warn", "error", "silent"]).default("info"))
  .action(async (options) => (await import("./gateway-run.js")).runGateway(options));

const service = (description: string, command: string) =>
  gateway.command(command).description(description).option("--dev", "the dev profile's service").option("--profile <name>", "a named profile's service");
const exitWith = (code: number) => void (process.exitCode = code);
service("install the gateway as a user service (systemd user unit on Linux, launchd agent on macOS) and start it", "install")
  .option("--force", "overwrite an existing unit that differs")
  .action(async (flags) => exitWith((await import("./service/manager.js")).install(flags)));
service("stop the user service and remove its unit", "uninstall").action(async (flags) => exitWith((await import("./service/manager.js")).uninstall(flags)));
for (const action of ["start", "stop", "restart"] as const) {
  service(`${action} the installed user service`, action).action(async (flags) => exitWith((await import("./service/manager.js")).control(action, flags)));
}
service("the service manager's view and a live probe of the port (exit 3 when the gateway does not answer)", "status")
  .option("--all", "every profile's gateway on this host: port and whether it answers")
  .option("--json", "print exactly one JSON document")
  .action(async (flags) => exitWith(await (await import("./service/manager.js")).status(flags)));

registerOperatorCommands(program);
registerStateCommands(program);
registerCronCommands(program);
registerApprovalsCommands(program);
registerAgentCommands(program);
registerChannelCommands(program);

const node = program.command("node").description("run this machine as a node");
node
  .command("run")
  .description("join a gateway as a node and serve system.which, system.run (asking operators outside the allowlist) and its approvals file")
  .option("--url <url>", "gateway URL (default: the local gateway)")
  .option("--token <token>", "gateway token")
  .option("--tls-fingerprint <sha256>", "pin the gateway's TLS certificate (SHA-256, AA:BB:…; also TIDEGATE_TLS_FINGERPRINT)")
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
