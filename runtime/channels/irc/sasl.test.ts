/**
 * SASL PLAIN, which ngircd does not offer: a scripted server on a loopback
 * socket speaks just enough IRCv3 (CAP LS/REQ, AUTHENTICATE, 903/904, 001) to
 * see what the account sends and how it takes a refusal.
 */
import { createServer, type Server, type Socket } from "node:net";
import { createInterface } from "node:readline";
import { afterEach, describe, expect, it } from "vitest";
import { recordingContext } from "../../../testing/channel-context.js";
import type { ChannelAccount } from "../types.js";
import { createIrcAccount } from "./index.js";

const ACCOUNT_PASSWORD = "correct horse";

interface Scripted {
  port: number;
  /** Every line clients sent, in order. */
  lines: string[];
  close(): Promise<void>;
}

async function saslServer(): Promise<Scripted> {
  const lines: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    let nick = "*";
    const send = (line: string) => socket.write(`:sasl.test ${line}\r\n`);
    createInterface({ input: socket }).on("line", (line) => {
      lines.push(line);
      const [command, ...params] = line.split(" ");
      if (command === "CAP" && params[0] === "LS") send("CAP * LS :sasl multi-prefix");
      else if (command === "CAP" && params[0] === "REQ") send(`CAP * ACK ${params.slice(1).join(" ")}`);
      else if (command === "NICK") nick = params[0];
      else if (command === "AUTHENTICATE" && params[0] === "PLAIN") socket.write("AUTHENTICATE +\r\n");
      else if (command === "AUTHENTICATE") {
        const [, user, password] = Buffer.from(params[0], "base64").toString("utf8").split("\0");
        if (password === ACCOUNT_PASSWORD) send(`900 ${nick} ${nick}!u@h ${user} :You are now logged in as ${user}`), send(`903 ${nick} :SASL authentication successful`);
        else send(`904 ${nick} :SASL authentication failed`);
      } else if (command === "CAP" && params[0] === "END") send(`001 ${nick} :Welcome`);
      else if (command === "PING") send(`PONG sasl.test :${params.at(-1)?.replace(/^:/, "")}`);
      else if (command === "QUIT") socket.end();
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return {
    port: (server.address() as { port: number }).port,
    lines,
    close: () =>
      new Promise((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
}

let server: Scripted | undefined;
let account: ChannelAccount | undefined;
afterEach(async () => {
  await account?.stop();
  await server?.close();
});

const FAST = { reconnect: { initialMs: 50, maxMs: 200 } };

describe("SASL PLAIN", () => {
  it("logs in as the nick with saslPassword, and sends the server password only as PASS", async () => {
    server = await saslServer();
    const context = recordingContext({ server: "127.0.0.1", port: server.port, tls: false, nick: "saslbot", password: "server-pass", saslPassword: ACCOUNT_PASSWORD });
    account = createIrcAccount(context, FAST);
    await account.start();
    await context.waitForState((s) => s.connected === true, "connected");
    const auth = server.lines.filter((l) => l.startsWith("AUTHENTICATE "));
    expect(auth[0]).toBe("AUTHENTICATE PLAIN");
    expect(Buffer.from(auth[1].slice("AUTHENTICATE ".length), "base64").toString()).toBe(`saslbot\0saslbot\0${ACCOUNT_PASSWORD}`);
    expect(server.lines).toContain("PASS server-pass");
  });

  it("without saslPassword, does not offer the server password to SASL", async () => {
    server = await saslServer();
    const context = recordingContext({ server: "127.0.0.1", port: server.port, tls: false, nick: "passbot", password: "server-pass" });
    account = createIrcAccount(context, FAST);
    await account.start();
    await context.waitForState((s) => s.connected === true, "connected");
    expect(server.lines.filter((l) => l.startsWith("AUTHENTICATE"))).toEqual([]);
  });

  it("reports a refused SASL login and keeps retrying instead of going on unauthenticated", async () => {
    server = await saslServer();
    const context = recordingContext({ server: "127.0.0.1", port: server.port, tls: false, nick: "saslbot", saslPassword: "wrong" });
    account = createIrcAccount(context, FAST);
    await account.start();
    const state = await context.waitForState((s) => (s.reconnectAttempts as number) >= 2, "two refused logins");
    expect(state).toMatchObject({ connected: false, lastError: "SASL login failed (SASL authentication failed)" });
    expect(context.reports.some((r) => r.connected === true)).toBe(false);
  });
});
