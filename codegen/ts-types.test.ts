/**
 * Type-level tests (checked by `tsc` in `make test`) for the generated types,
 * client and handler interface, plus the client's runtime delegation.
 */

import type { Static } from "@sinclair/typebox";
import { describe, expect, expectTypeOf, it } from "vitest";
import { type CallOptions, type RpcTransport, TypedClient } from "../generated/ts/client.js";
import type { MethodHandlers } from "../generated/ts/handlers.js";
import type * as T from "../generated/ts/types.js";
import type { CronJob, CronSchedule } from "../schema/cron.js";
import type { ConnectParams, HelloOk } from "../schema/handshake.js";
import type { NodeInvokeParams } from "../schema/nodes.js";
import type { SessionsPatchParams } from "../schema/sessions.js";
import type { HealthSnapshot } from "../schema/snapshot.js";

describe("generated TS types", () => {
  it("equal the TypeBox static types of the schemas they come from", () => {
    expectTypeOf<T.ConnectParams>().toEqualTypeOf<Static<typeof ConnectParams>>();
    expectTypeOf<T.HelloOk>().toEqualTypeOf<Static<typeof HelloOk>>();
    expectTypeOf<T.NodeInvokeParams>().toEqualTypeOf<Static<typeof NodeInvokeParams>>();
    expectTypeOf<T.CronSchedule>().toEqualTypeOf<Static<typeof CronSchedule>>();
    expectTypeOf<T.CronJob>().toEqualTypeOf<Static<typeof CronJob>>();
    expectTypeOf<T.SessionsPatchParams>().toEqualTypeOf<Static<typeof SessionsPatchParams>>();
    expectTypeOf<T.HealthSnapshot>().toEqualTypeOf<Static<typeof HealthSnapshot>>();
  });

  it("map methods to their params and results", () => {
    expectTypeOf<T.MethodParams<"node.invoke">>().toEqualTypeOf<T.NodeInvokeParams>();
    expectTypeOf<T.MethodResult<"health">>().toEqualTypeOf<T.HealthSnapshot>();
    expectTypeOf<T.EventPayload<"tick">>().toEqualTypeOf<T.TickEvent>();
  });
});

function recordingTransport() {
  const calls: unknown[][] = [];
  const listeners = new Map<string, (payload: unknown) => void>();
  const transport: RpcTransport = {
    async request(method, params, options) {
      calls.push([method, params, options]);
      return { ok: true, ts: 1, durationMs: 0 };
    },
    subscribe(event, listener) {
      listeners.set(event, listener);
      return () => listeners.delete(event);
    },
  };
  return { transport, calls, listeners };
}

/** A concrete TypedClient over a transport object (how GatewayClient or a test double extends it). */
function clientOver(transport: RpcTransport): TypedClient {
  return new (class extends TypedClient {
    request(method: string, params: unknown, options?: CallOptions) {
      return transport.request(method, params, options);
    }
    subscribe(event: string, listener: (payload: unknown) => void) {
      return transport.subscribe(event, listener);
    }
  })();
}

describe("TypedClient", () => {
  it("infers params and results from the method name", () => {
    const client = clientOver(recordingTransport().transport);
    expectTypeOf(client.call("sessions.list", { limit: 1 })).toEqualTypeOf<Promise<T.SessionsListResult>>();
    expectTypeOf(client.call("health")).toEqualTypeOf<Promise<T.HealthSnapshot>>();
    // @ts-expect-error node.invoke requires nodeId, command and idempotencyKey
    void client.call("node.invoke", {});
    // @ts-expect-error unknown method
    void client.call("nodes.lisst", {});
    // @ts-expect-error wrong param type
    void client.call("sessions.list", { limit: "10" });
  });

  it("types event listeners by event name", () => {
    const client = clientOver(recordingTransport().transport);
    client.on("tick", (payload) => expectTypeOf(payload).toEqualTypeOf<T.TickEvent>());
    client.on("node.invoke.request", (payload) => expectTypeOf(payload.command).toEqualTypeOf<string>());
  });

  it("delegates calls and subscriptions to the transport", async () => {
    const { transport, calls, listeners } = recordingTransport();
    const client = clientOver(transport);
    const health = await client.call("health", {}, { timeoutMs: 5 });
    expect(health.ok).toBe(true);
    await client.call("status");
    expect(calls).toEqual([
      ["health", {}, { timeoutMs: 5 }],
      ["status", {}, undefined],
    ]);
    const seen: number[] = [];
    const stop = client.on("tick", (payload) => seen.push(payload.ts));
    listeners.get("tick")!({ ts: 42 });
    stop();
    expect(seen).toEqual([42]);
    expect(listeners.has("tick")).toBe(false);
  });
});

describe("MethodHandlers", () => {
  it("makes a missing or mistyped handler a compile error", () => {
    type Ctx = { connId: string };
    type Health = Pick<MethodHandlers<Ctx>, "health" | "status">;
    // @ts-expect-error status is missing
    const missing: Health = { health: () => ({ ok: true, ts: 0, durationMs: 0 }) };
    const mistyped: Health = {
      // @ts-expect-error health must return a HealthSnapshot
      health: () => ({ ok: "yes" }),
      status: () => {
        throw new Error("unused");
      },
    };
    expect([missing, mistyped]).toHaveLength(2);
  });
});
