/** Nodes: listing, renaming, pairing records, and the invoke round trip. */
import type { MethodHandlers } from "../../generated/ts/handlers.js";
import type { NodeInfo } from "../../generated/ts/types.js";
import type { Connection } from "../core/connection.js";
import type { Gateway } from "../core/gateway.js";
import { GatewayError } from "../errors.js";
import { nodePairRequest } from "../core/handshake.js";
import type { HandlerContext } from "./context.js";

const DEFAULT_INVOKE_TIMEOUT_MS = 30_000;

function liveNode(gateway: Gateway, nodeId: string): Connection | undefined {
  for (const conn of gateway.openConnections()) if (conn.role === "node" && conn.deviceId === nodeId) return conn;
  return undefined;
}

/** Known nodes: every paired node device and every connected node, connected first. */
export function listNodes(gateway: Gateway): NodeInfo[] {
  const nodes = new Map<string, NodeInfo>();
  for (const device of gateway.devices.paired()) {
    if (!device.roles.some((r) => r.role === "node" && !r.tokenRevoked)) continue;
    nodes.set(device.deviceId, { nodeId: device.deviceId, displayName: device.displayName, platform: device.platform, caps: [], commands: [], paired: true, connected: false });
  }
  for (const conn of gateway.openConnections()) {
    if (conn.role !== "node" || !conn.deviceId) continue;
    const stored = gateway.devices.get(conn.deviceId);
    const info: NodeInfo = {
      nodeId: conn.deviceId,
      displayName: stored?.displayName ?? conn.client?.displayName,
      platform: conn.client?.platform,
      version: conn.client?.version,
      deviceFamily: conn.client?.deviceFamily,
      modelIdentifier: conn.client?.modelIdentifier,
      remoteIp: conn.peer.remoteAddress,
      caps: conn.caps,
      commands: conn.commands,
      permissions: conn.permissions,
      pathEnv: conn.pathEnv,
      connectedAtMs: conn.connectedAtMs,
      paired: gateway.devices.grant(conn.deviceId, "node") !== undefined,
      connected: true,
    };
    nodes.set(conn.deviceId, JSON.parse(JSON.stringify(info)) as NodeInfo);
  }
  return [...nodes.values()].sort((a, b) => Number(b.connected) - Number(a.connected) || (a.displayName ?? a.nodeId).localeCompare(b.displayName ?? b.nodeId));
}

const unknownNode = (nodeId: string) => new GatewayError("INVALID_REQUEST", `unknown node ${nodeId}`, { code: "NOT_FOUND", nodeId });

export const nodeHandlers: Pick<
  MethodHandlers<HandlerContext>,
  | "node.list" | "node.describe" | "node.rename" | "node.invoke" | "node.invoke.result" | "node.event"
  | "node.pair.request" | "node.pair.list" | "node.pair.approve" | "node.pair.reject" | "node.pair.verify"
> = {
  "node.list": (_params, { gateway }) => ({ ts: gateway.now(), nodes: listNodes(gateway) }),

  "node.describe": ({ nodeId }, { gateway }) => {
    const node = listNodes(gateway).find((n) => n.nodeId === nodeId);
    if (!node) throw unknownNode(nodeId);
    return { ts: gateway.now(), node };
  },

  "node.rename": ({ nodeId, displayName }, { gateway }) => {
    if (!gateway.devices.rename(nodeId, displayName)) throw unknownNode(nodeId);
    return { nodeId, displayName };
  },

  "node.invoke": async ({ nodeId, command, params, timeoutMs }, { gateway }) => {
    const node = liveNode(gateway, nodeId);
    if (!node) {
      if (listNodes(gateway).some((n) => n.nodeId === nodeId)) {
        throw new GatewayError("UNAVAILABLE", `node ${nodeId} is not connected`, { code: "NODE_NOT_CONNECTED", nodeId }, { retryable: true });
      }
      throw unknownNode(nodeId);
    }
    if (!node.commands.includes(command)) {
      throw new GatewayError("INVALID_REQUEST", `node does not declare command '${command}' (it declares: ${node.commands.join(", ") || "none"})`, { code: "NODE_COMMAND_NOT_DECLARED", nodeId, command });
    }
    const limit = timeoutMs ?? DEFAULT_INVOKE_TIMEOUT_MS;
    const paramsJSON = params === undefined ? undefined : JSON.stringify(params);
    const answer = await gateway.invocations.start(node.connId, nodeId, limit, (id) => {
      gateway.events.send(node, "node.invoke.request", { id, nodeId, command, ...(paramsJSON === undefined ? {} : { paramsJSON }), timeoutMs: limit }, {}, false);
    });
    if (!answer.ok) {
      throw new GatewayError("UNAVAILABLE", answer.error?.message ?? `node failed to run ${command}`, { code: "NODE_COMMAND_FAILED", nodeId, command, nodeCode: answer.error?.code });
    }
    let payload = answer.payload;
    if (payload === undefined && answer.payloadJSON !== undefined) {
      try {
        payload = JSON.parse(answer.payloadJSON);
      } catch {
        throw new GatewayError("UNAVAILABLE", "node answered with invalid payloadJSON", { code: "NODE_COMMAND_FAILED", nodeId, command });
      }
    }
    const payloadJSON = answer.payloadJSON ?? (payload === undefined ? undefined : JSON.stringify(payload));
    return { ok: true, nodeId, command, payload, ...(payloadJSON === undefined ? {} : { payloadJSON }) };
  },

  "node.invoke.result": (result, { gateway, caller }) => {
    if (!gateway.invocations.finish(result, caller.deviceId)) {
      throw new GatewayError("INVALID_REQUEST", `no invocation ${result.id} is waiting for this node`, { code: "NOT_FOUND" });
    }
    return { ok: true };
  },

  "node.event": () => ({ ok: true }),

  "node.pair.request": ({ nodeId }, { gateway }) => {
    const pending = gateway.devices.pending().find((p) => p.role === "node" && p.deviceId === nodeId);
    if (!pending) {
      throw new GatewayError("INVALID_REQUEST", "no pairing request from that node: nodes ask to be paired by connecting with their device identity", { code: "NOT_FOUND", nodeId });
    }
    return { status: "pending" as const, request: nodePairRequest(pending), created: false };
  },

  "node.pair.list": (_params, { gateway }) => ({
    pending: gateway.devices.pending().filter((p) => p.role === "node").map((p) => nodePairRequest(p)),
    paired: gateway.devices
      .paired()
      .filter((d) => d.roles.some((r) => r.role === "node" && !r.tokenRevoked))
      .map((d) => JSON.parse(JSON.stringify({ nodeId: d.deviceId, displayName: d.displayName, platform: d.platform, approvedAtMs: d.approvedAtMs }))),
  }),

  "node.pair.approve": ({ requestId }, { gateway }) => decideNodePairing(gateway, requestId, "approved"),
  "node.pair.reject": ({ requestId }, { gateway }) => decideNodePairing(gateway, requestId, "rejected"),

  "node.pair.verify": ({ nodeId, token }, { gateway }) => ({ ok: gateway.devices.checkToken(nodeId, "node", token), nodeId }),
};

function decideNodePairing(gateway: Gateway, requestId: string, decision: "approved" | "rejected") {
  const request = gateway.devices.findPending(requestId);
  if (!request || request.role !== "node") throw new GatewayError("INVALID_REQUEST", `node pairing request ${requestId} not found`, { code: "NOT_FOUND" });
  gateway.devices.takePending(requestId);
  if (decision === "approved") {
    gateway.devices.approve({ deviceId: request.deviceId, publicKey: request.publicKey, displayName: request.displayName, platform: request.platform, clientId: request.clientId }, "node", []);
  }
  const ts = gateway.now();
  gateway.broadcast("node.pair.resolved", { requestId, nodeId: request.deviceId, decision, ts });
  gateway.broadcast("device.pair.resolved", { requestId, deviceId: request.deviceId, decision, ts });
  return { requestId, nodeId: request.deviceId, status: decision };
}
