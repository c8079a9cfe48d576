/** Nodes: listing, renaming, pairing records, events and the invoke round trip. */

import { GatewayError } from "../errors.js";
import { nodePairRequest } from "../nodes/registry.js";
import type { GatewayServices } from "../services.js";
import type { Caller, Handlers } from "./context.js";
import { assertMayApproveNode } from "./device.js";

type NodeMethod =
  | "node.list"
  | "node.describe"
  | "node.rename"
  | "node.invoke"
  | "node.invoke.result"
  | "node.event"
  | "node.pair.request"
  | "node.pair.list"
  | "node.pair.approve"
  | "node.pair.reject"
  | "node.pair.verify";

export function nodeHandlers(s: Pick<GatewayServices, "nodes" | "devices" | "events" | "clock" | "log">): Handlers<NodeMethod> {
  const { nodes, devices, events, clock } = s;

  /** A paired node as `node.pair.*` describes it (from the device store: nodes pair as devices). */
  const pairedNode = (nodeId: string) => {
    const d = devices.pairedDevice(nodeId);
    if (!d || !d.tokens?.some((t) => t.role === "node" && t.revokedAtMs === undefined)) return undefined;
    return JSON.parse(JSON.stringify({ nodeId: d.deviceId, displayName: d.displayName, platform: d.platform, createdAtMs: d.createdAtMs, approvedAtMs: d.approvedAtMs })) as {
      nodeId: string;
      displayName?: string;
      platform?: string;
      createdAtMs?: number;
      approvedAtMs: number;
    };
  };

  const decide = (requestId: string, decision: "approved" | "rejected", caller: Caller) => {
    const request = devices.findPending(requestId);
    if (!request || request.role !== "node") throw new GatewayError("NOT_FOUND", `node pairing request ${requestId} not found`);
    if (decision === "approved") assertMayApproveNode(caller);
    devices.takePending(requestId);
    if (decision === "approved") {
      devices.approve({ deviceId: request.deviceId, publicKey: request.publicKey, displayName: request.displayName, platform: request.platform, clientId: request.clientId }, "node", []);
    }
    const ts = clock.now();
    events.broadcast("node.pair.resolved", { requestId, nodeId: request.deviceId, decision, ts });
    events.broadcast("device.pair.resolved", { requestId, deviceId: request.deviceId, decision, ts });
    return request.deviceId;
  };

  return {
    "node.list": () => ({ ts: clock.now(), nodes: nodes.list() }),

    "node.describe": ({ nodeId }) => ({ ts: clock.now(), ...nodes.describe(nodeId) }),

    "node.rename": ({ nodeId, displayName }) => {
      nodes.rename(nodeId, displayName);
      return { nodeId, displayName };
    },

    // The answer reaches the caller as the node's JSON text spliced into the frame (see PreparedResult).
    "node.invoke": ({ nodeId, command, params, timeoutMs }) => nodes.invokeForCaller(nodeId, command, params, timeoutMs) as never,

    "node.invoke.result": (result, { caller }) => {
      // As in v3, a result nobody waits for any more (late, or after a disconnect) is acknowledged and dropped.
      if (!nodes.finish(result, caller.deviceId)) return { ok: true, ignored: true };
      return { ok: true };
    },

    "node.event": ({ event, payload, payloadJSON }, { caller }) => {
      let data = payload;
      if (data === undefined && payloadJSON !== undefined && payloadJSON !== null) {
        try {
          data = JSON.parse(payloadJSON);
        } catch {
          throw new GatewayError("INVALID_PARAMS", "payloadJSON is not valid JSON");
        }
      }
      const delivered = nodes.raise({ nodeId: caller.deviceId ?? caller.connId, event, payload: data, ts: clock.now() });
      s.log.info("node event", { node: caller.deviceId?.slice(0, 12), event, delivered });
      return { ok: true };
    },

    "node.pair.request": ({ nodeId }) => {
      const pending = devices.pending().find((p) => p.role === "node" && p.deviceId === nodeId);
      if (!pending) {
        throw new GatewayError("NOT_FOUND", "no pairing request from that node: nodes ask to be paired by connecting with their device identity", { nodeId });
      }
      return { status: "pending" as const, request: nodePairRequest(pending), created: false };
    },

    "node.pair.list": () => ({
      pending: devices
        .pending()
        .filter((p) => p.role === "node")
        .map((p) => nodePairRequest(p)),
      paired: devices.paired().flatMap((d) => pairedNode(d.deviceId) ?? []),
    }),

    "node.pair.approve": ({ requestId }, { caller }) => {
      const nodeId = decide(requestId, "approved", caller);
      return { requestId, node: pairedNode(nodeId) ?? { nodeId, approvedAtMs: clock.now() } };
    },
    "node.pair.reject": ({ requestId }, { caller }) => ({ requestId, nodeId: decide(requestId, "rejected", caller) }),

    "node.pair.verify": ({ nodeId, token }) => {
      const ok = devices.checkToken(nodeId, "node", token);
      const node = ok ? pairedNode(nodeId) : undefined;
      return node ? { ok, node } : { ok };
    },
  };
}
