/**
 * Test support: a real IRC server (Debian's ngircd, installed by `make ngircd`)
 * on a free loopback port with a generated config in a temp dir — never the
 * system's ngircd service — that a test can stop, restart on the same port and
 * throw away. Servers still running when the worker exits are killed.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateSelfSigned } from "../runtime/transport/tls.js";
import { runProcess } from "./child.js";
import { freePort } from "./gateway-process.js";

/** Debian installs it in /usr/sbin, which is not on every user's PATH. */
export const NGIRCD = process.env.TIDEGATE_NGIRCD ?? (existsSync("/usr/sbin/ngircd") ? "/usr/sbin/ngircd" : "ngircd");

export interface IrcServerOptions {
  /** A server password (PASS) every client must give. */
  password?: string;
  /** A fixed port; a free one when absent. */
  port?: number;
  /** Also serve TLS (a self-signed certificate for 127.0.0.1, its PEM in `tls.cert`) on `tls.port`. */
  tls?: boolean;
}

export interface IrcServer {
  readonly host: "127.0.0.1";
  readonly port: number;
  /** The TLS port and the server's self-signed certificate (PEM), when started with `tls`. */
  readonly tls?: { port: number; cert: string; certPath: string };
  /** The server name it announces (`irc.tidegate.test`). */
  readonly name: string;
  readonly running: boolean;
  /** Everything ngircd printed, across restarts. */
  output(): string;
  /** Stop it (SIGTERM, or SIGKILL for a crash) and wait until it is gone. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Start it again on the same port and wait until it accepts. */
  start(): Promise<void>;
  /** Stop (if running) and remove its directory. */
  dispose(): Promise<void>;
}

const SERVER_NAME = "irc.tidegate.test";
const live = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of live) child.kill("SIGKILL");
});

function config(dir: string, port: number, options: IrcServerOptions, tlsPort?: number): string {
  return [
    "[Global]",
    `Name = ${SERVER_NAME}`,
    "Info = tidegate test server",
    "AdminInfo1 = tidegate tests",
    "AdminInfo2 = loopback only",
    "AdminEMail = tests@tidegate.invalid",
    "Listen = 127.0.0.1",
    `Ports = ${port}`,
    "MotdPhrase = tidegate test server",
    ...(options.password ? [`Password = ${options.password}`] : []),
    "[Limits]",
    "MaxConnectionsIP = 0",
    "MaxNickLength = 30",
    "PingTimeout = 120",
    "PongTimeout = 20",
    "[Options]",
    // Nothing from /etc/ngircd: no PAM, no ident or DNS look-ups that slow each connection down.
    `IncludeDir = ${join(dir, "conf.d")}`,
    "PAM = no",
    "Ident = no",
    "DNS = no",
    ...(tlsPort ? ["[SSL]", `CertFile = ${join(dir, "cert.pem")}`, `KeyFile = ${join(dir, "key.pem")}`, `Ports = ${tlsPort}`] : []),
    "",
  ].join("\n");
}

/** Start ngircd on a loopback port and wait until it accepts connections. */
export async function startIrcServer(options: IrcServerOptions = {}): Promise<IrcServer> {
  const dir = mkdtempSync(join(tmpdir(), "tidegate-ngircd-"));
  mkdirSync(join(dir, "conf.d"));
  const port = options.port ?? (await freePort());
  const confPath = join(dir, "ngircd.conf");
  let tls: IrcServer["tls"];
  if (options.tls) {
    const pair = await generateSelfSigned();
    writeFileSync(join(dir, "cert.pem"), pair.cert);
    writeFileSync(join(dir, "key.pem"), pair.key, { mode: 0o600 });
    tls = { port: await freePort(), cert: pair.cert, certPath: join(dir, "cert.pem") };
  }
  writeFileSync(confPath, config(dir, port, options, tls?.port));
  let output = "";
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const start = async () => {
    if (child) return;
    const proc = spawn(NGIRCD, ["-n", "-f", confPath], { stdio: ["ignore", "pipe", "pipe"] });
    child = proc;
    live.add(proc);
    exited = new Promise((done) =>
      proc.once("close", () => {
        live.delete(proc);
        if (child === proc) child = undefined;
        done();
      }),
    );
    const from = output.length;
    let onOutput: (() => void) | undefined;
    const append = (data: Buffer) => {
      output += data;
      onOutput?.();
    };
    proc.stdout!.on("data", append);
    proc.stderr!.on("data", append);
    let ready = false;
    await new Promise<void>((done, fail) => {
      onOutput = () => {
        const mine = output.slice(from);
        if (mine.includes(`Now listening on [127.0.0.1]:${port}`) && /Server ".*" .*ready/.test(mine)) {
          onOutput = undefined;
          ready = true;
          done();
        }
      };
      proc.once("error", (error) =>
        fail(new Error((error as NodeJS.ErrnoException).code === "ENOENT" ? `${NGIRCD} is not installed: run \`make ngircd\` (Debian package ngircd)` : `cannot start ${NGIRCD}: ${error.message}`)),
      );
      void exited.then(async () => {
        if (ready) return;
        const check = await runProcess(NGIRCD, ["--configtest", "-f", confPath]).catch(() => undefined);
        fail(new Error(`ngircd exited before it was ready:\n${output}\n${check?.out ?? ""}`));
      });
    });
  };

  const stop = async (signal: NodeJS.Signals = "SIGTERM") => {
    if (!child) return;
    child.kill(signal);
    await exited;
  };

  await start();
  return {
    host: "127.0.0.1",
    port,
    tls,
    name: SERVER_NAME,
    get running() {
      return child !== undefined;
    },
    output: () => output,
    stop,
    start,
    dispose: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
