/**
 * TLS end to end against the real gateway process: a self-signed pair generated once into the
 * state directory, a configured pair, the fingerprint in hello-ok and status, and pinning in
 * the TS client, the CLI and the node host (a wrong pin is refused before anything is sent).
 */
import { spawn } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GatewayClient, GatewayClientError } from "../../clients/ts/index.js";
import { tidegate } from "../../testing/cli.js";
import { type GatewayProcess, startGateway, TIDEGATE_BIN } from "../../testing/gateway-process.js";
import { generateSelfSigned } from "../transport/tls.js";

/** Wait until the process has printed `text` (lines after "listening on" may arrive a little later). */
async function printed(proc: GatewayProcess, text: string): Promise<string> {
  for (let i = 0; i < 100 && !proc.output().includes(text); i++) await new Promise((r) => setTimeout(r, 50));
  return proc.output();
}

const WRONG = Array.from({ length: 32 }, () => "AB").join(":");

let gw: GatewayProcess;
let fingerprint: string;
beforeAll(async () => {
  gw = await startGateway({ args: ["--tls"] });
  fingerprint = new X509Certificate(readFileSync(join(gw.stateDir, "tls/gateway-cert.pem"))).fingerprint256;
});
afterAll(() => gw.dispose());

describe("self-signed TLS", () => {
  it("serves wss:// and https:// on the one port from a pair generated into <state>/tls (key 0600) and prints its fingerprint", async () => {
    expect(gw.url).toBe(`wss://127.0.0.1:${gw.port}`);
    expect(statSync(join(gw.stateDir, "tls/gateway-key.pem")).mode & 0o777).toBe(0o600);
    expect(await printed(gw, "TLS certificate")).toContain(`TLS certificate SHA-256 fingerprint: ${fingerprint} (self-signed`);
    const res = await new Promise<number | undefined>((done, fail) => {
      import("node:https").then(({ get }) => get(`https://127.0.0.1:${gw.port}/health`, { rejectUnauthorized: false }, (r) => (r.resume(), done(r.statusCode))).on("error", fail));
    });
    expect(res).toBe(200);
  });

  it("a client pinning the fingerprint connects; hello-ok.server and status carry the fingerprint", async () => {
    const client = new GatewayClient({ url: gw.url, token: gw.token, tlsFingerprint: fingerprint.replace(/:/g, "").toLowerCase(), reconnect: false });
    try {
      const hello = await client.start();
      expect(hello.server.tlsFingerprint).toBe(fingerprint);
      const status = await client.call("status");
      expect(status.tls).toEqual({ fingerprintSha256: fingerprint, selfSigned: true, certPath: join(gw.stateDir, "tls/gateway-cert.pem"), validTo: expect.any(String) });
    } finally {
      await client.close();
    }
  });

  it("a wrong pin is refused with TLS_FINGERPRINT_MISMATCH and never retried; no pin fails certificate verification with a hint", async () => {
    const retries: unknown[] = [];
    const pinned = new GatewayClient({ url: gw.url, token: gw.token, tlsFingerprint: WRONG, reconnect: true });
    pinned.onLifecycle("retry", (r) => retries.push(r));
    const error = await pinned.start().catch((e: GatewayClientError) => e);
    await pinned.close();
    expect(error).toBeInstanceOf(GatewayClientError);
    expect((error as GatewayClientError).code).toBe("TLS_FINGERPRINT_MISMATCH");
    expect((error as GatewayClientError).message).toContain(`expected ${WRONG}, got ${fingerprint}`);
    expect(retries).toEqual([]);

    const unpinned = new GatewayClient({ url: gw.url, token: gw.token, reconnect: false });
    const plain = (await unpinned.start().catch((e: GatewayClientError) => e)) as GatewayClientError;
    expect(plain.code).toBe("UNREACHABLE");
    expect(plain.message).toContain("pin its certificate");
    await unpinned.close();
  });

  it("a pin with a ws:// URL is refused as insecure", async () => {
    const client = new GatewayClient({ url: `ws://127.0.0.1:${gw.port}`, token: gw.token, tlsFingerprint: fingerprint, reconnect: false });
    expect(() => client.start()).toThrow(/not wss/);
  });

  it("the CLI: --tls-fingerprint pins (exit 0), a mismatch exits 1 with a clear error, and the local gateway's URL and fingerprint come from the state dir", async () => {
    const env = { TIDEGATE_STATE_DIR: gw.stateDir };
    const ok = await tidegate(["status", "--url", gw.url, "--token", gw.token, "--tls-fingerprint", fingerprint, "--json"], env);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).tls.fingerprintSha256).toBe(fingerprint);
    const human = await tidegate(["status", "--token", gw.token], env);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(new RegExp(`tls sha-256 +${fingerprint} \\(self-signed\\)`));
    const wrong = await tidegate(["health", "--url", gw.url, "--token", gw.token, "--tls-fingerprint", WRONG], env);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("error: TLS_FINGERPRINT_MISMATCH: the gateway's TLS certificate does not match the pinned fingerprint");
    const viaEnv = await tidegate(["health", "--url", gw.url, "--token", gw.token, "--json"], { ...env, TIDEGATE_TLS_FINGERPRINT: WRONG });
    expect(viaEnv.code).toBe(1);
    expect(JSON.parse(viaEnv.stdout).error.code).toBe("TLS_FINGERPRINT_MISMATCH");
    const malformed = await tidegate(["health", "--url", gw.url, "--token", gw.token, "--tls-fingerprint", "12:34"], env);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain("not a SHA-256 fingerprint: '12:34'");
  });

  it("the node host refuses a wrong pin and exits 1; with the right pin it joins", async () => {
    const nodeState = mkdtempSync(join(tmpdir(), "tidegate-tls-node-"));
    const run = (pin: string, until: RegExp) =>
      new Promise<{ code: number | null; output: string }>((done) => {
        const child = spawn(process.execPath, [TIDEGATE_BIN, "node", "run", "--url", gw.url, "--token", gw.token, "--tls-fingerprint", pin, "--state-dir", nodeState], {
          stdio: ["ignore", "pipe", "pipe"],
        });
        let output = "";
        const check = (d: Buffer) => {
          output += d;
          if (until.test(output)) child.kill("SIGTERM");
        };
        child.stdout.on("data", check);
        child.stderr.on("data", check);
        const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
        child.on("exit", (code) => (clearTimeout(timer), done({ code, output })));
      });
    const wrong = await run(WRONG, /$^/);
    expect(wrong.code).toBe(1);
    expect(wrong.output).toContain(`tidegate node: cannot join ${gw.url}: TLS_FINGERPRINT_MISMATCH`);
    const right = await run(fingerprint, /connected to/);
    expect(right.output).toContain(`connected to ${gw.url} as node`);
  });

  it("the pair is generated once: a restart on the same state directory serves the same certificate", async () => {
    const again = await startGateway({ stateDir: gw.stateDir, args: ["--tls"] });
    try {
      expect(await printed(again, "TLS certificate")).toContain(fingerprint);
    } finally {
      await again.stop();
    }
  });
});

describe("configured TLS", () => {
  it("serves the configured certificate and key; a missing key path names the problem", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tidegate-tls-cfg-"));
    const pair = await generateSelfSigned(["gateway.test"]);
    writeFileSync(join(dir, "cert.pem"), pair.cert);
    writeFileSync(join(dir, "key.pem"), pair.key, { mode: 0o600 });
    const expected = new X509Certificate(pair.cert).fingerprint256;
    const configured = await startGateway({ config: { gateway: { tls: { enabled: true, certPath: join(dir, "cert.pem"), keyPath: join(dir, "key.pem") } } } });
    try {
      const client = new GatewayClient({ url: configured.url, token: configured.token, tlsFingerprint: expected, reconnect: false });
      const hello = await client.start();
      expect(hello.server.tlsFingerprint).toBe(expected);
      expect((await client.call("status")).tls).toMatchObject({ selfSigned: false, certPath: join(dir, "cert.pem") });
      await client.close();
    } finally {
      await configured.dispose();
    }
    const broken = await startGateway({ config: { gateway: { tls: { enabled: true, certPath: join(dir, "cert.pem") } } } }).catch((e: Error) => e);
    expect(String(broken)).toContain("gateway.tls needs both certPath and keyPath");
  });
});
