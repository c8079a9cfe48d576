/** Dispatch in memory: a handler that throws becomes an error response, never a dead socket or a leaked message. */
import { describe, expect, it, vi } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { handlers } from "../handlers/index.js";
import { resolveSettings } from "../config/settings.js";
import { createLogger } from "../log.js";
import { DeviceStore } from "../state/device-store.js";
import { Connection, type SocketPort } from "./connection.js";
import { dispatch } from "./dispatch.js";
import { Gateway } from "./gateway.js";

function setup() {
  const stateDir = mkdtempSync(join(tmpdir(), "tidegate-dispatch-"));
  const logged: string[] = [];
  const gateway = new Gateway({
    settings: resolveSettings({}, { token: "t" }),
    devices: new DeviceStore(stateDir),
    version: "test",
    stateDir,
    configPath: join(stateDir, "tidegate.json"),
    log: createLogger("error", (line) => logged.push(line)),
  });
  const sent: string[] = [];
  const socket: SocketPort = { send: (text) => sent.push(text), close: vi.fn(), bufferedAmount: 0 };
  const conn = new Connection("c1", "n1", socket, { remoteAddress: "127.0.0.1", forwarded: false });
  conn.phase = "open";
  conn.scopes = ["operator.admin"];
  return { gateway, conn, sent, socket, logged };
}

describe("dispatch", () => {
  it("turns an unexpected handler exception into UNAVAILABLE/INTERNAL without its message, and logs it", async () => {
    const { gateway, conn, sent, socket, logged } = setup();
    const original = handlers.health;
    handlers.health = () => {
      throw new Error("secret detail from /etc/shadow");
    };
    try {
      await dispatch(gateway, conn, { type: "req", id: "1", method: "health", params: {} });
    } finally {
      handlers.health = original;
    }
    const response = JSON.parse(sent[0]);
    expect(response).toEqual({ type: "res", id: "1", ok: false, error: { code: "UNAVAILABLE", message: "internal error", details: { code: "INTERNAL" } } });
    expect(sent[0]).not.toContain("shadow");
    expect(socket.close).not.toHaveBeenCalled();
    expect(logged.join("\n")).toContain("secret detail");
    await dispatch(gateway, conn, { type: "req", id: "2", method: "health", params: {} });
    expect(JSON.parse(sent[1])).toMatchObject({ id: "2", ok: true });
  });

  it("turns a rejected promise into an error response too", async () => {
    const { gateway, conn, sent } = setup();
    const original = handlers.status;
    handlers.status = async () => Promise.reject(new TypeError("boom"));
    try {
      await dispatch(gateway, conn, { type: "req", id: "1", method: "status", params: {} });
    } finally {
      handlers.status = original;
    }
    expect(JSON.parse(sent[0]).error.details.code).toBe("INTERNAL");
  });
});
