/**
 * Methods that stay unbuilt, decided one by one (issue 16): each answers
 * UNAVAILABLE / NOT_IMPLEMENTED with a reason that says why and what to use
 * instead, and the protocol reference lists it with that reason.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import type { MethodHandlers } from "../../generated/ts/handlers.js";
import { METHODS } from "../../generated/ts/registry.js";
import type { CallContext } from "../core/call-context.js";
import { Connection, type SocketPort } from "../core/connection.js";
import { createRouter } from "../core/router.js";
import { createLogger } from "../log.js";

/** Each unbuilt method and words its reason must contain (why, and what to use instead). */
const UNBUILT: Record<string, string[]> = {
  "push.test": ["APNs", "Apple developer", "node.invoke"],
  "node.canvas.capability.refresh": ["canvas host", "node.invoke"],
  "web.login.start": ["WhatsApp Web", "QR code", "channels.irc"],
  "web.login.wait": ["WhatsApp Web", "QR code", "channels.irc"],
  "update.run": ["never downloads", "git pull", "package manager", "restart"],
  "secrets.reload": ["Secret references", "not supported", "apiKeyEnv"],
  "secrets.resolve": ["Secret references", "not supported", "apiKeyEnv"],
};

function router() {
  const route = createRouter({ handlers: {} as MethodHandlers<CallContext>, log: createLogger("error", () => {}) });
  const sent: string[] = [];
  const socket: SocketPort = { send: (text) => sent.push(text), close: vi.fn(), bufferedAmount: 0 };
  const conn = new Connection("c1", "n1", socket, { remoteAddress: "127.0.0.1", forwarded: false });
  conn.phase = "open";
  conn.scopes = ["operator.admin"];
  return async (method: string) => {
    // Node-role methods are asked by a node.
    const node = (METHODS as Record<string, { scope: string }>)[method].scope === "node";
    conn.role = node ? "node" : "operator";
    conn.scopes = node ? [] : ["operator.admin"];
    await route(conn, { type: "req", id: "1", method, params: {} });
    return JSON.parse(sent.at(-1)!);
  };
}

describe("methods that stay unbuilt", () => {
  const call = router();
  const doc = readFileSync(new URL("../../generated/docs/protocol.md", import.meta.url), "utf8");
  for (const [method, words] of Object.entries(UNBUILT)) {
    it(`${method} answers UNAVAILABLE with a reason that says why and what to use instead`, async () => {
      const reason = (METHODS as Record<string, { unavailable?: string }>)[method].unavailable;
      expect(reason).toBeDefined();
      for (const w of words) expect(reason).toContain(w);
      const answer = await call(method);
      expect(answer.error).toMatchObject({ code: "UNAVAILABLE", details: { code: "NOT_IMPLEMENTED", method } });
      expect(answer.error.message).toBe(`${method} is not available on this gateway: ${reason}`);
      expect(doc).toContain(`> **Not served by this gateway yet:** ${reason}`);
    });
  }

  it("the audio methods and browser.request are served (no unavailable mark)", () => {
    for (const m of ["tts.status", "tts.providers", "tts.enable", "tts.disable", "tts.setProvider", "tts.convert", "talk.config", "talk.mode", "voicewake.get", "voicewake.set", "browser.request"]) {
      expect((METHODS as Record<string, { unavailable?: string }>)[m].unavailable).toBeUndefined();
    }
  });
});
