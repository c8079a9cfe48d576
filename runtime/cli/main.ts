/**
 * The `tidegate` command line.
 *
 *   tidegate gateway run [--port N] [--bind loopback|lan|custom --host H] [--token T] [--dev | --profile NAME]
 */
import { Command, Option } from "commander";
import { runGateway, VERSION } from "./gateway-run.js";

const program = new Command("tidegate").description("Control-plane gateway for personal-agent systems (protocol v3)").version(VERSION);

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
  .action(runGateway);

program.showHelpAfterError("(run with --help for usage)");
await program.parseAsync(process.argv);
