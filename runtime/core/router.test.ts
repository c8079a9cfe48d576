/** The router in memory, given its handlers: failures become error responses, never a dead socket or a leaked message. */
import { describe, expect, it, vi } from "vitest";
import type { MethodHandlers } from "../../generated/ts/handlers.js";
import { METHOD_NAMES, METHODS } from "../../generated/ts/registry.js";
import { GatewayError } from "../errors.js";
import { createLogger } from "../log.js";
import type { CallContext } from "./call-context.js";
import { Connection, type SocketPort } from "./connection.js";
import { createRouter } from "./router.js";

const HEALTH = { ok: true, ts: 1, durationMs: 0, channels: {}, channelOrder: [], channelLabels: {}, defaultAgentId: "main", agents: [] };

function setup(handlers: Partial<MethodHandlers<CallContext>>, scopes: Connection["scopes"] = ["operator.admin"]) {
  const logged: string[] = [];
  const route = createRouter({ handlers: handlers as MethodHandlers<CallContext>, log: createLogger("error", (line) => logged.push(line)) });
  const sent: string[] = [];
  const socket: SocketPort = { send: (text) => sent.push(text), close: vi.fn(), bufferedAmount: 0 };
  const conn = new Connection("c1", "n1", socket, { remoteAddress: "127.0.0.1", forwarded: false });
  conn.phase = "open";
  conn.scopes = scopes;
  const call = async (method: string, params: unknown = {}, id = "1") => {
    await route(conn, { type: "req", id, method, params });
    return JSON.parse(sent.at(-1)!);
  };
  return { call, conn, sent, socket, logged };
}

describe("router", () => {
  it("turns an unexpected handler exception into UNAVAILABLE/INTERNAL without its message, and logs it", async () => {
    let fail = true;
    const { call, sent, socket, logged } = setup({
      health: () => {
        if (fail) throw new Error("secret detail from /etc/shadow");
        return HEALTH;
      },
    });
    expect(await call("health")).toEqual({ type: "res", id: "1", ok: false, error: { code: "UNAVAILABLE", message: "internal error", details: { code: "INTERNAL" } } });
    expect(sent[0]).not.toContain("shadow");
    expect(socket.close).not.toHaveBeenCalled();
    expect(logged.join("\n")).toContain("secret detail");
    fail = false;
    expect(await call("health", {}, "2")).toMatchObject({ id: "2", ok: true, payload: HEALTH });
  });

  it("a two-phase method's final failure sends the error's payload beside it (a failed agent run's outcome, as v3)", async () => {
    const { call, sent } = setup({
      agent: (_p, context) => {
        context.accept?.({ runId: "r1", status: "accepted", acceptedAt: 1 });
        throw new GatewayError("MODEL_BACKEND_FAILED", "backend down", { runId: "r1" }, { payload: { runId: "r1", status: "error", summary: "backend down" } });
      },
    });
    const final = await call("agent", { message: "hi", idempotencyKey: "r1" });
    expect(sent).toHaveLength(2);
    expect(final).toEqual({
      type: "res",
      id: "1",
      ok: false,
      payload: { runId: "r1", status: "error", summary: "backend down" },
      error: { code: "UNAVAILABLE", message: "backend down", details: { code: "MODEL_BACKEND_FAILED", runId: "r1" } },
    });
  });

  it("turns a rejected promise into an error response too", async () => {
    const { call } = setup({ status: async () => Promise.reject(new TypeError("boom")) });
    expect((await call("status")).error.details.code).toBe("INTERNAL");
  });

  it("gives the handler the caller and a signal that aborts when the caller disconnects", async () => {
    let seen: CallContext | undefined;
    const { call, conn } = setup({ health: (_p, context) => ((seen = context), HEALTH) });
    await call("health");
    expect(seen?.caller.connId).toBe("c1");
    expect(seen?.signal.aborted).toBe(false);
    conn.markClosed();
    expect(seen?.signal.aborted).toBe(true);
  });

  const unbuilt = METHOD_NAMES.find((m) => (METHODS[m] as { unavailable?: string }).unavailable);
  it.skipIf(!unbuilt)("answers methods the registry marks unavailable with NOT_IMPLEMENTED and the registry's reason, before validating params", async () => {
    const { call } = setup({});
    const answer = await call(unbuilt!, {});
    expect(answer.error).toMatchObject({ code: "UNAVAILABLE", details: { code: "NOT_IMPLEMENTED", method: unbuilt } });
    expect(answer.error.message).toContain((METHODS[unbuilt!] as { unavailable?: string }).unavailable);
  });

  it("answers a served method without a handler with NOT_IMPLEMENTED instead of crashing", async () => {
    const { call } = setup({});
    expect((await call("health")).error).toMatchObject({ code: "UNAVAILABLE", details: { code: "NOT_IMPLEMENTED", method: "health" } });
  });

  it("checks scopes before anything else, with the top-level code the registry pairs with MISSING_SCOPE (INVALID_REQUEST, as v3 answers)", async () => {
    const handler = vi.fn(() => HEALTH);
    const { call } = setup({ health: handler }, ["operator.pairing"]);
    expect((await call("health")).error).toMatchObject({ code: "INVALID_REQUEST", message: "missing scope: operator.read", details: { code: "MISSING_SCOPE" } });
    expect(handler).not.toHaveBeenCalled();
  });

  it("suggests the nearest method for a typo", async () => {
    const { call } = setup({});
    expect((await call("node.lst")).error).toMatchObject({ code: "INVALID_REQUEST", details: { code: "UNKNOWN_METHOD" } });
    expect((await call("node.lst")).error.message).toContain("did you mean 'node.list'");
  });

  it("runs a side-effecting call once per idempotency key", async () => {
    const invoke = vi.fn(async () => ({ ok: true as const, nodeId: "n", command: "c" }));
    const { call } = setup({ "node.invoke": invoke });
    const params = { nodeId: "n", command: "c", idempotencyKey: "k1" };
    const [a, b] = [await call("node.invoke", params, "1"), await call("node.invoke", params, "2")];
    expect(a.payload).toEqual(b.payload);
    expect(invoke).toHaveBeenCalledTimes(1);
  });
});

describe("request log", () => {
  it("logs every request with its outcome when gateway.logRequests is on, and nothing when off", async () => {
    for (const logRequests of [true, false]) {
      const lines: string[] = [];
      const route = createRouter({ handlers: { health: () => HEALTH } as unknown as MethodHandlers<CallContext>, log: createLogger("info", (line) => lines.push(line)), logRequests });
      const conn = new Connection("c9", "n", { send: () => {}, close: () => {}, bufferedAmount: 0 }, { remoteAddress: "127.0.0.1", forwarded: false });
      conn.phase = "open";
      conn.scopes = ["operator.read"];
      await route(conn, { type: "req", id: "1", method: "health", params: {} });
      await route(conn, { type: "req", id: "2", method: "status", params: {} });
      if (logRequests) {
        expect(lines).toHaveLength(2);
        expect(lines[0]).toMatch(/request method=health conn=c9 outcome=ok ms=/);
        expect(lines[1]).toMatch(/request method=status conn=c9 outcome=NOT_IMPLEMENTED/);
      } else expect(lines).toEqual([]);
    }
  });
});
