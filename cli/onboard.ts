/**
 * `tidegate onboard`: the gateway's onboarding wizard (`wizard.*`) on the
 * terminal. Each step the gateway sends is asked on stdin: a numbered list
 * for choices, a line for text (hidden for secrets), y/n for confirmations;
 * Enter takes the default. A wrong answer is explained and asked again.
 * Ctrl-C or the end of input cancels the wizard on the gateway. With `--json`
 * the questions go to stderr and stdout gets one JSON document at the end.
 *
 *   tidegate onboard [--url ws://…] [--token T]
 */
import { createInterface } from "node:readline";
import { Writable } from "node:stream";
import type { Command } from "commander";
import { type GatewayClient, GatewayClientError } from "../clients/ts/index.js";
import type { WizardNextResult, WizardStep } from "../generated/ts/types.js";
import { run, usageGuard, withConnection } from "./commands.js";
import { printJson, UsageError } from "./output.js";
import type { ConnectionFlags } from "./session.js";

/** Lines of stdin, with echo that can be muted (secrets). */
function terminal(out: NodeJS.WriteStream) {
  let muted = false;
  const echo = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) out.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output: echo, terminal: Boolean(process.stdin.isTTY) });
  const lines = rl[Symbol.asyncIterator]();
  return {
    async ask(prompt: string, secret = false): Promise<string | undefined> {
      out.write(prompt);
      muted = secret;
      try {
        const line = await lines.next();
        return line.done ? undefined : line.value;
      } finally {
        muted = false;
        if (secret) out.write("\n");
      }
    },
    close: () => rl.close(),
  };
}

type Terminal = ReturnType<typeof terminal>;
class InputEnded extends Error {}

const show = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

/** Ask one step on the terminal; resolves with the value to send (undefined: the step's default). */
async function askStep(step: WizardStep, term: Terminal, out: NodeJS.WriteStream): Promise<unknown> {
  const need = async (prompt: string, secret = false) => {
    const line = await term.ask(prompt, secret);
    if (line === undefined) throw new InputEnded();
    return line.trim();
  };
  if (step.title) out.write(`\n== ${step.title} ==\n`);
  if (step.type === "note") {
    if (step.message) out.write(`${step.message}\n`);
    return undefined;
  }
  if (step.type === "select" || step.type === "multiselect") {
    const options = step.options ?? [];
    const defaults = step.type === "select" ? [step.initialValue] : Array.isArray(step.initialValue) ? step.initialValue : [];
    out.write(`${step.message ?? ""}\n`);
    options.forEach((o, i) => {
      const mark = defaults.some((d) => show(d) === show(o.value)) ? "*" : " ";
      out.write(` ${mark}${i + 1}) ${o.label}${o.hint ? ` — ${o.hint}` : ""}\n`);
    });
    for (;;) {
      const line = await need(step.type === "select" ? "choose a number (Enter: *): " : "choose numbers separated by commas (Enter: *): ");
      if (!line) return undefined;
      const picks = line.split(",").map((s) => Number(s.trim()));
      if (picks.every((n) => Number.isInteger(n) && n >= 1 && n <= options.length) && (step.type === "multiselect" || picks.length === 1)) {
        const values = picks.map((n) => options[n - 1].value);
        return step.type === "select" ? values[0] : values;
      }
      out.write(`  answer ${step.type === "select" ? "one number" : "numbers"} from 1 to ${options.length}\n`);
    }
  }
  if (step.type === "confirm") {
    const hint = step.initialValue === false ? "[y/N]" : step.initialValue === true ? "[Y/n]" : "[y/n]";
    for (;;) {
      const line = (await need(`${step.message ?? ""} ${hint} `)).toLowerCase();
      if (!line) return undefined;
      if (line === "y" || line === "yes") return true;
      if (line === "n" || line === "no") return false;
      out.write("  answer y or n\n");
    }
  }
  // text (and anything newer: answered as text)
  const shown = step.initialValue !== undefined && step.initialValue !== "" && !step.sensitive ? ` [${show(step.initialValue)}]` : step.placeholder ? ` (e.g. ${step.placeholder})` : "";
  const line = await need(`${step.message ?? ""}${shown}: `, step.sensitive === true);
  return line === "" ? undefined : line;
}

/** Drive one wizard session to its end; returns the final result. */
export async function driveWizard(client: GatewayClient, term: Terminal, out: NodeJS.WriteStream): Promise<WizardNextResult> {
  const start = await client.call("wizard.start", { mode: "local" });
  const sessionId = start.sessionId;
  let result: WizardNextResult = start;
  const cancel = () => void client.call("wizard.cancel", { sessionId }).catch(() => undefined);
  process.once("SIGINT", cancel);
  try {
    while (!result.done && result.step) {
      const step = result.step;
      const value = await askStep(step, term, out).catch(async (error) => {
        if (error instanceof InputEnded) {
          await client.call("wizard.cancel", { sessionId }).catch(() => undefined);
          throw new UsageError("the input ended before the wizard did; it was cancelled and nothing was written");
        }
        throw error;
      });
      try {
        result = await client.call("wizard.next", { sessionId, answer: { stepId: step.id, ...(value === undefined ? {} : { value }) } });
      } catch (error) {
        const e = error as GatewayClientError;
        // A wrong answer: say why and ask the same step again.
        if (e.detailCode === "INVALID_PARAMS") {
          out.write(`  ${e.message}\n`);
          continue;
        }
        // The last note answered while the gateway restarts to apply the new config: the wizard did finish.
        if (step.title === "Done" && step.type === "note") return { done: true, status: "done" };
        throw error;
      }
    }
    return result;
  } finally {
    process.removeListener("SIGINT", cancel);
  }
}

export function registerOnboardCommand(program: Command): void {
  withConnection(program.command("onboard").description("set up the gateway's config step by step: model provider, default model, access (the gateway's wizard)")).action(
    usageGuard((flags: ConnectionFlags) =>
      run(flags, async (client) => {
        const out = flags.json ? process.stderr : process.stdout;
        const term = terminal(out);
        try {
          const end = await driveWizard(client, term, out);
          // A wizard that ended in error or was cancelled exits 1 like any gateway error.
          if (end.status !== "done") throw new GatewayClientError("UNAVAILABLE", `the wizard ${end.status === "error" ? "failed" : "was cancelled"}: ${end.error ?? end.status}`);
          if (flags.json) printJson({ status: "done" });
        } finally {
          term.close();
        }
      }),
    ),
  );
}
