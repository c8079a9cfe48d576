/**
 * The Control UI in a real browser (Debian's chromium, driven by playwright-core; never a
 * downloaded browser) against the real gateway process: connect, pairing approved from a raw
 * operator client, a node appears and is invoked, devices approve/reject, pages whose methods
 * the registry marks unavailable say so, the shared secret is never stored, a reload
 * reconnects with the device token; the IRC channel (a loopback ngircd) shows on the Channels page,
 * an unknown IRC sender's pairing request appears live and is approved there. Screenshots of every page go to dist/ui-screenshots/.
 * dist/ is brought up to date first (vitest's global setup, testing/ui-build.ts); needs /usr/bin/chromium (`make chromium`)
 * and ngircd (`make ngircd`).
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { METHODS } from "../generated/ts/registry.js";
import { type GatewayProcess, REPO_ROOT, startGateway } from "../testing/gateway-process.js";
import { TestIrcClient } from "../testing/irc-client.js";
import { type IrcServer, startIrcServer } from "../testing/irc-server.js";
import { DeviceKey, type Frame, RawClient } from "../testing/raw-client.js";
import { ensureUiBuilt } from "../testing/ui-build.js";

const CHROMIUM = "/usr/bin/chromium";
/** The registry's examples (generated/examples.json): valid params for any method. */
const examples = (JSON.parse(readFileSync(join(REPO_ROOT, "generated", "examples.json"), "utf8")) as { vectors: { name: string; value: unknown }[] }).vectors;
const SHOTS = join(REPO_ROOT, "dist", "ui-screenshots");

/** Chat is served once the agents family lands (its registry marks gone): then the test streams a reply for real. */
const CHAT_SERVED = !(METHODS["chat.send"] as { unavailable?: string }).unavailable;

/** The IRC nick of the gateway's channel account. */
const BOT = "tidebot";

let gw: GatewayProcess;
let irc: IrcServer;
const ircUsers: TestIrcClient[] = [];
let backend: { baseUrl: string; close(): Promise<void> } | undefined;
let browser: Browser;
let page: Page;
let operator: RawClient;
const consoleErrors: string[] = [];

const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
const origin = () => `http://127.0.0.1:${gw.port}`;

async function open(pageId: string): Promise<void> {
  await page.click(`nav a[href="#/${pageId}"]`);
  await page.waitForSelector(`main[data-page="${pageId}"]`);
}

beforeAll(async () => {
  await ensureUiBuilt();
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run \`make chromium\` (apt-get install chromium)`);
  mkdirSync(SHOTS, { recursive: true });
  irc = await startIrcServer();
  // The IRC channel against the loopback ngircd (plain text: loopback only); unknown DMs need pairing.
  let config: Record<string, unknown> = { channels: { irc: { server: "127.0.0.1", port: irc.port, tls: false, nick: BOT, dmPolicy: "pairing" } } };
  if (CHAT_SERVED) {
    // The agents family's loopback Chat Completions server (testing/fake-openai.ts): `echo` streams "Echo: <message>", `slow` never ends.
    const fakeOpenAi = "../testing/fake-openai.js";
    const { startFakeOpenAi } = await import(/* @vite-ignore */ fakeOpenAi);
    backend = await startFakeOpenAi({ apiKey: "sk-fake" });
    config = {
      ...config,
      models: { providers: { fake: { baseUrl: backend!.baseUrl, apiKeyEnv: "FAKE_KEY", models: [{ id: "echo" }, { id: "slow" }] } } },
      agents: {
        list: [
          { id: "main", model: "fake/echo" },
          { id: "slowpoke", model: "fake/slow" },
        ],
      },
    };
  }
  gw = await startGateway({ config, env: { FAKE_KEY: "sk-fake" } });
  operator = await RawClient.open(gw.url);
  expect((await operator.connect({ token: gw.token, scopes: ["operator.admin"] })).ok).toBe(true);
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
  page = await browser.newPage({ viewport: { width: 1280, height: 820 } });
  page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
  page.on("pageerror", (e) => consoleErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  operator?.close();
  for (const u of ircUsers) await u.close().catch(() => {});
  await gw?.dispose();
  await irc?.dispose();
  await backend?.close();
});

describe("Control UI in chromium", () => {
  it("is served at / with a strict CSP and asks for the token", async () => {
    const res = await page.goto(`${origin()}/`);
    expect(res?.status()).toBe(200);
    const headers = res!.headers();
    expect(headers["content-security-policy"]).toContain("default-src 'self'");
    expect(headers["content-security-policy"]).not.toContain("unsafe-inline");
    expect(headers["cache-control"]).toBe("no-cache");
    await page.waitForSelector("form.connect input[name=token]");
    expect(gw.output()).toContain(`Control UI: http://127.0.0.1:${gw.port}/`);
    await shot("01-connect");
  });

  it("connects, waits for pairing approval, and is approved by an operator", async () => {
    await page.fill("input[name=token]", gw.token);
    await page.click("form.connect button[type=submit]");
    await page.waitForSelector("[data-testid=pairing]");
    const requestId = (await page.textContent("[data-testid=request-id]"))!.trim();
    await shot("02-pairing");
    const list = await operator.request("device.pair.list");
    const pending = list.payload.pending.find((r: { requestId: string }) => r.requestId === requestId);
    expect(pending).toMatchObject({ clientId: "control-ui", clientMode: "ui", role: "operator" });
    expect((await operator.request("device.pair.approve", { requestId })).ok).toBe(true);
    await page.waitForSelector("[data-testid=status]:text('connected')", { timeout: 20_000 });
    await page.waitForSelector("#presence tbody tr");
    expect(await page.textContent("#status")).toContain("Default agent");
    await shot("03-overview");
  });

  it("never keeps the shared secret in storage or the URL", async () => {
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + location.href);
    expect(stored).not.toContain(gw.token);
  });

  it("shows a node as it connects, describes it and invokes a command", async () => {
    await open("nodes");
    const device = new DeviceKey();
    const node = await RawClient.open(gw.url);
    expect((await node.connect({ token: gw.token, role: "node", device, commands: ["system.which", "system.run"], caps: ["system"], client: { displayName: "ui-test-node" } })).ok).toBe(true);
    node.ws.on("message", (data) => {
      const frame = JSON.parse(String(data)) as Frame;
      if (frame.event !== "node.invoke.request") return;
      const { bins } = JSON.parse(frame.payload.paramsJSON);
      const payload = { bins: Object.fromEntries(bins.map((b: string) => [b, `/usr/bin/${b}`])) };
      node.sendRaw(
        JSON.stringify({
          type: "req",
          id: `r-${frame.payload.id}`,
          method: "node.invoke.result",
          params: { id: frame.payload.id, nodeId: frame.payload.nodeId, ok: true, payloadJSON: JSON.stringify(payload) },
        }),
      );
    });
    const row = page.locator("#nodes tbody tr", { hasText: "ui-test-node" });
    await row.waitFor({ timeout: 10_000 });
    await row.getByRole("button", { name: "Describe" }).click();
    await page.waitForSelector("#node form.invoke");
    await page.selectOption("#node select", "system.which");
    await page.fill("#node textarea[name=params]", JSON.stringify({ bins: ["sh"] }));
    await page.click("#node button[type=submit]");
    const result = page.locator("[data-testid=invoke-result]");
    await result.waitFor();
    expect(await result.textContent()).toContain("/usr/bin/sh");
    await shot("04-nodes");
    node.close();
  });

  it("lists a pending device live, rejects one and approves another from the Devices page", async () => {
    await open("devices");
    await page.waitForSelector("#paired tbody tr");
    expect(await page.textContent("#paired")).toContain("this browser");
    // Same-origin browsers are allowed without gateway.allowedOrigins; a browser Origin is never local: pairing needed.
    const ask = async () => {
      const raw = await RawClient.open(gw.url, { origin: origin() });
      const answer = await raw.connect({ token: gw.token, device: new DeviceKey() });
      expect(answer.error?.details?.code).toBe("PAIRING_REQUIRED");
      raw.close();
      return answer.error!.details.requestId as string;
    };
    const first = await ask();
    const second = await ask();
    const rowOf = (id: string) => page.locator("#pending tbody tr", { hasText: id.slice(0, 12) });
    await rowOf(first).waitFor();
    await rowOf(second).waitFor();
    await shot("05-devices");
    await rowOf(first).getByRole("button", { name: "Reject" }).click();
    await rowOf(second).getByRole("button", { name: "Approve" }).click();
    await rowOf(first).waitFor({ state: "detached" });
    await rowOf(second).waitFor({ state: "detached" });
    const after = await operator.request("device.pair.list");
    expect(after.payload.pending.map((r: { requestId: string }) => r.requestId)).not.toContain(first);
    expect(after.payload.paired.length).toBeGreaterThanOrEqual(3);
  });

  it("refuses a foreign Origin before the upgrade", async () => {
    await expect(RawClient.open(gw.url, { origin: "http://evil.example" })).rejects.toThrow(/403/);
  });

  for (const [id, card, methods] of [
    ["sessions", "#sessions", ["sessions.list", "sessions.preview", "sessions.patch", "sessions.reset"]],
    ["cron", "#cron-jobs", ["cron.list", "cron.status", "cron.run", "cron.remove"]],
    ["config", "#config", ["config.get", "config.schema", "config.set"]],
    ["logs", "#logs", ["logs.tail"]],
    ["approvals", "#prompts", ["exec.approval.resolve", "exec.approvals.get"]],
    ["chat", "#chat", ["chat.send", "chat.history", "chat.abort"]],
    ["channels", "#channels", ["channels.status", "channels.logout"]],
    ["usage", "#usage-cost", ["usage.cost", "sessions.usage"]],
  ] as const) {
    it(`${id}: says plainly when the registry marks its methods unavailable, else shows the page without errors`, async () => {
      await open(id);
      const reason = methods.map((m) => (METHODS[m] as { unavailable?: string }).unavailable).find(Boolean);
      if (reason) expect(await page.textContent("[data-testid=unavailable]")).toContain(reason);
      else {
        await page.locator(card).waitFor();
        await page.waitForTimeout(500); // let the page's first calls answer
        expect(await page.locator("main [role=alert]").allTextContents()).toEqual([]);
      }
      await shot(`06-${id}`);
    });
  }

  it("config: a field edited in the schema form is saved as a merge patch with the base hash (when the gateway serves config)", async () => {
    if ((METHODS["config.patch"] as { unavailable?: string }).unavailable) return;
    await open("config");
    await page.locator('[name="gateway.logRequests"]').selectOption("true");
    await page.click(".config-form button[type=submit]");
    await expect.poll(async () => (await operator.request("config.get")).payload?.config?.gateway?.logRequests, { timeout: 15_000 }).toBe(true);
    await page.locator("#config .muted", { hasText: "saved at" }).waitFor();
    await shot("06-config-saved");
  });

  it("sessions: one is listed, relabelled and reset from the page (when the gateway serves sessions)", async () => {
    if ((METHODS["sessions.patch"] as { unavailable?: string }).unavailable) return;
    const key = "agent:main:group:webchat:ui-test";
    expect((await operator.request("sessions.patch", { key, label: "made by the test" })).error).toBeUndefined();
    await open("sessions");
    const row = page.locator("#sessions tbody tr", { hasText: key });
    await row.waitFor();
    await row.getByRole("button", { name: "Open" }).click();
    await page.fill("#session input[name=label]", "renamed in the browser");
    await page.click("#session button[type=submit]");
    await page.locator("#sessions tbody tr", { hasText: "renamed in the browser" }).waitFor();
    const before = (await operator.request("sessions.list")).payload.sessions.find((x: { key: string }) => x.key === key);
    page.once("dialog", (dialog) => void dialog.accept());
    await page.click("#session button.danger");
    await expect.poll(async () => (await operator.request("sessions.list")).payload.sessions.find((x: { key: string }) => x.key === key)?.sessionId, { timeout: 15_000 }).not.toBe(before.sessionId);
    expect(await page.locator("main [role=alert]").allTextContents()).toEqual([]);
    await shot("06-sessions-session");
  });

  it("cron: a job added by an operator is listed and run from the page (when the gateway serves cron)", async () => {
    if ((METHODS["cron.add"] as { unavailable?: string }).unavailable) return;
    const params = examples.find((v) => v.name === "method/cron.add/params")?.value as Record<string, unknown>;
    const added = await operator.request("cron.add", { ...params, name: "ui-test job" });
    expect(added.ok).toBe(true);
    await open("cron");
    const row = page.locator("#cron-jobs tbody tr", { hasText: "ui-test job" });
    await row.waitFor();
    await row.getByRole("button", { name: "Run now" }).click();
    expect(await page.locator("main [role=alert]").allTextContents()).toEqual([]);
    await shot("06-cron-job");
  });

  it("exec approvals: a live prompt is answered from the page (when the gateway serves approvals)", async () => {
    if ((METHODS["exec.approval.request"] as { unavailable?: string }).unavailable) return;
    await open("approvals");
    const decision = operator.request("exec.approval.request", { command: "rm -rf build", cwd: "/src", timeoutMs: 60_000 }, 30_000);
    const prompt = page.locator(".prompt", { hasText: "rm -rf build" });
    await prompt.waitFor();
    await shot("06-approvals-prompt");
    await prompt.getByRole("button", { name: "allow-once" }).click();
    expect((await decision).payload).toMatchObject({ decision: "allow-once" });
    await prompt.waitFor({ state: "detached" });
  });

  it("chat: sends, watches the reply stream in, and aborts a slow one (when the gateway serves chat)", async () => {
    if (!CHAT_SERVED) return; // the page check above shows the registry's reason instead
    await open("chat");
    const deltas: string[] = [];
    operator.ws.on("message", (data) => {
      const frame = JSON.parse(String(data)) as Frame;
      if (frame.event === "chat" && frame.payload.state === "delta") deltas.push(frame.payload.runId);
    });
    await page.fill(".composer textarea", "hello from the browser");
    await page.click(".composer button[type=submit]");
    const reply = page.locator(".transcript li.msg.assistant.final", { hasText: "Echo: hello from the browser" });
    await reply.waitFor({ timeout: 30_000 });
    expect(deltas.length).toBeGreaterThan(0); // streamed: at least one delta before the final answer
    await shot("07-chat-stream");
    await page.fill("#chat input", "agent:slowpoke:main");
    await page.locator("#chat input").press("Enter");
    await page.locator("#chat input").blur();
    await page.fill(".composer textarea", "take your time");
    await page.click(".composer button[type=submit]");
    await page.locator(".transcript li.msg.assistant.delta").waitFor({ timeout: 30_000 });
    await page.click(".composer button.danger:not([disabled])");
    await page.locator(".transcript li.msg.assistant.aborted").waitFor({ timeout: 30_000 });
    await shot("08-chat-aborted");
  });

  it("usage: the chat's tokens show in the daily totals and the top sessions (when the gateway serves chat)", async () => {
    if (!CHAT_SERVED) return;
    await open("usage");
    await page.locator("#usage-sessions tbody tr", { hasText: "agent:main:main" }).waitFor();
    expect(await page.locator("#usage-cost tbody tr").count()).toBeGreaterThan(0);
    expect(await page.textContent("[data-testid=usage-totals]")).not.toMatch(/^0 tokens/);
    expect(await page.locator("main [role=alert]").allTextContents()).toEqual([]);
    await shot("11-usage");
  });

  it("channels: the IRC account shows connected, and Probe shows its round trip", async () => {
    await open("channels");
    const row = page.locator("#channels tbody tr", { hasText: "IRC" });
    // Connected by now or soon: the page follows the health snapshot's channel section.
    await row.locator("[data-testid=channel-state]:text-is('connected')").waitFor({ timeout: 30_000 });
    expect(await row.textContent()).toContain("pairing");
    expect(await row.textContent()).toContain(BOT);
    await page.click("#channels button:text-is('Probe')");
    await row.locator("[data-testid=probe-result]", { hasText: /^ok · \d+ ms$/ }).waitFor();
    expect(await page.locator("main [role=alert]").allTextContents()).toEqual([]);
    await shot("09-channels");
  });

  it("channels: an unknown IRC sender's pairing request appears live and is approved from the page", async () => {
    await open("channels");
    await page.locator("#channel-pairing", { hasText: "No channel sender waits" }).waitFor();
    const alice = await TestIrcClient.connect({ port: irc.port, nick: "alice" });
    ircUsers.push(alice);
    alice.say(BOT, "hello gateway");
    const codeLine = await alice.waitFor((l) => l.from === BOT && l.target === "alice" && l.text.includes("pairing code"), "a pairing code");
    const code = /pairing code is ([A-Z0-9]{8})/.exec(codeLine.text)![1];
    const row = page.locator("#channel-pairing tbody tr", { hasText: code });
    await row.waitFor();
    expect(await row.textContent()).toContain("alice!~alice@127.0.0.1");
    await shot("10-channel-pairing");
    await row.getByRole("button", { name: "Approve" }).click();
    await row.waitFor({ state: "detached" });
    await page.locator("[data-testid=pairing-decided]", { hasText: "approved" }).waitFor();
    expect((await operator.request("channels.pairing.list")).payload.requests).toEqual([]);
    await alice.waitFor((l) => l.from === BOT && l.target === "alice" && l.text.includes("approved"), "the approval notice");
    expect(await page.locator("main [role=alert]").allTextContents()).toEqual([]);
  });

  it("channels: a pairing request rejected by another operator leaves the page live", async () => {
    await open("channels");
    const bob = await TestIrcClient.connect({ port: irc.port, nick: "bob" });
    ircUsers.push(bob);
    bob.say(BOT, "me too");
    const codeLine = await bob.waitFor((l) => l.from === BOT && l.target === "bob" && l.text.includes("pairing code"), "a pairing code");
    const code = /pairing code is ([A-Z0-9]{8})/.exec(codeLine.text)![1];
    const row = page.locator("#channel-pairing tbody tr", { hasText: code });
    await row.waitFor();
    expect((await operator.request("channels.pairing.reject", { channel: "irc", code })).ok).toBe(true);
    await row.waitFor({ state: "detached" });
    await page.locator("[data-testid=pairing-decided]", { hasText: "bob!~bob@127.0.0.1 on irc/default: rejected" }).waitFor();
  });

  it("channels: Logout asks first, then shows the gateway's answer", async () => {
    await open("channels");
    const row = page.locator("#channels tbody tr", { hasText: "IRC" });
    page.once("dialog", (dialog) => void dialog.dismiss());
    await row.getByRole("button", { name: "Logout" }).click();
    expect(await page.locator("[data-testid=logout-result]").count()).toBe(0);
    page.once("dialog", (dialog) => void dialog.accept());
    await row.getByRole("button", { name: "Logout" }).click();
    expect(await page.locator("[data-testid=logout-result]").textContent()).toContain("no stored credentials");
    expect(await page.locator("main [role=alert]").allTextContents()).toEqual([]);
  });

  it("channels: an approve that the gateway refuses shows its details.code and message (a tab that missed the resolved event)", async () => {
    // A second browser (a new device) whose socket drops `channel.pairing.resolved`: its row outlives the code.
    const context = await browser.newContext();
    try {
      await context.routeWebSocket(
        () => true,
        (ws) => {
          const server = ws.connectToServer();
          ws.onMessage((m) => server.send(m));
          server.onMessage((m) => {
            if (!(typeof m === "string" && m.includes('"event":"channel.pairing.resolved"'))) ws.send(m);
          });
        },
      );
      const tab = await context.newPage();
      await tab.goto(`${origin()}/`);
      await tab.fill("input[name=token]", gw.token);
      await tab.click("form.connect button[type=submit]");
      await tab.waitForSelector("[data-testid=pairing]");
      const requestId = (await tab.textContent("[data-testid=request-id]"))!.trim();
      expect((await operator.request("device.pair.approve", { requestId })).ok).toBe(true);
      await tab.waitForSelector("[data-testid=status]:text('connected')", { timeout: 20_000 });
      await tab.click('nav a[href="#/channels"]');
      await tab.locator("#channel-pairing", { hasText: "No channel sender waits" }).waitFor();
      const carol = await TestIrcClient.connect({ port: irc.port, nick: "carol" });
      ircUsers.push(carol);
      carol.say(BOT, "hi");
      const codeLine = await carol.waitFor((l) => l.from === BOT && l.target === "carol" && l.text.includes("pairing code"), "a pairing code");
      const code = /pairing code is ([A-Z0-9]{8})/.exec(codeLine.text)![1];
      const row = tab.locator("#channel-pairing tbody tr", { hasText: code });
      await row.waitFor();
      expect((await operator.request("channels.pairing.reject", { channel: "irc", code })).ok).toBe(true);
      const refused = (await operator.request("channels.pairing.approve", { channel: "irc", code })).error;
      expect(refused?.details?.code).toMatch(/^PAIRING_CODE_/);
      await row.getByRole("button", { name: "Approve" }).click();
      const alert = tab.locator("#channel-pairing [role=alert]");
      await alert.waitFor();
      expect(await alert.textContent()).toBe(`Error: ${refused!.details.code} ${refused!.message}`);
      await tab.screenshot({ path: join(SHOTS, "12-channel-pairing-refused.png"), fullPage: true });
    } finally {
      await context.close();
    }
  });

  it("channels: with the channel taken out of the config the page says how to configure one", async () => {
    await open("channels");
    const { hash } = (await operator.request("config.get")).payload;
    const patched = await operator.request("config.patch", { raw: JSON.stringify({ channels: { irc: null } }), baseHash: hash });
    expect(patched.error).toBeUndefined();
    const empty = page.locator("[data-testid=channels-empty]");
    await empty.waitFor({ timeout: 30_000 });
    expect(await empty.textContent()).toContain("channels.irc");
    expect(await empty.locator("a[href='#/config']").count()).toBe(1);
    await shot("13-channels-empty");
  });

  it("reconnects after a reload with its device token alone, and loaded no inline script", async () => {
    await page.reload();
    await page.waitForSelector("[data-testid=status]:text('connected')", { timeout: 20_000 });
    expect(consoleErrors.filter((e) => /Content Security Policy|Refused to/.test(e))).toEqual([]);
  });
});

describe("Control UI with a password gateway", () => {
  it("sends the secret as a password when told so; a wrong one is refused plainly", async () => {
    const pw = await startGateway({ args: ["--password", "correct horse"] });
    const context = await browser.newContext();
    try {
      const tab = await context.newPage();
      await tab.goto(`http://127.0.0.1:${pw.port}/`);
      await tab.selectOption("select[name=kind]", "password");
      await tab.fill("input[name=token]", "wrong horse");
      await tab.click("form.connect button[type=submit]");
      expect(await tab.locator("form.connect [role=alert]").textContent()).toMatch(/password/i);
      await tab.fill("input[name=token]", "correct horse");
      await tab.click("form.connect button[type=submit]");
      await tab.waitForSelector("[data-testid=pairing]");
    } finally {
      await context.close();
      await pw.dispose();
    }
  });
});
