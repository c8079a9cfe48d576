/**
 * Nodes as operators see them: every paired node device and every connected
 * node, and the invoke round trip to a live one (its newest session).
 */
import { LIMITS } from "../../generated/ts/registry.js";
import type { ConnectParams, DevicePairRequest, NodeInfo, NodeInvokeResultParams, NodePairRequest } from "../../generated/ts/types.js";
import type { Connection } from "../core/connection.js";
import type { Connections } from "../core/connections.js";
import type { EventBus } from "../core/events.js";
import { GatewayError } from "../errors.js";
import type { DeviceStore } from "../state/device-store.js";
import { NodeInvocations } from "./invocations.js";

const unknownNode = (nodeId: string) => new GatewayError("NOT_FOUND", `unknown node ${nodeId}`, { nodeId });

/** A device pairing request of a node, as the `node.pair.*` family shows it. */
export function nodePairRequest(request: DevicePairRequest, params?: ConnectParams): NodePairRequest {
  return JSON.parse(
    JSON.stringify({
      requestId: request.requestId,
      nodeId: request.deviceId,
      displayName: request.displayName,
      platform: request.platform,
      version: params?.client.version,
      caps: params?.caps,
      commands: params?.commands,
      remoteIp: request.remoteIp,
      ts: request.ts,
    }),
  ) as NodePairRequest;
}

export interface InvokeOutcome {
  ok: true;
  nodeId: string;
  command: string;
  payload?: unknown;
  payloadJSON?: string;
}

/** An event a node raised with `node.event`. */
export interface NodeEvent {
  nodeId: string;
  event: string;
  payload?: unknown;
  ts: number;
}

export class NodeRegistry {
  private readonly invocations = new NodeInvocations();
  private readonly eventListeners: ((event: NodeEvent) => void)[] = [];

  constructor(
    private readonly connections: Connections,
    private readonly devices: DeviceStore,
    private readonly events: EventBus,
  ) {
    connections.onClose((conn) => this.invocations.disconnected(conn.connId));
  }

  /** The newest live session of a node (a session whose socket is closing gets no new work). */
  live(nodeId: string): Connection | undefined {
    let newest: Connection | undefined;
    for (const conn of this.connections.open()) {
      if (conn.role !== "node" || conn.deviceId !== nodeId || conn.socket.isOpen === false) continue;
      if (!newest || conn.connectedAtMs >= newest.connectedAtMs) newest = conn;
    }
    return newest;
  }

  /** Known nodes: every paired node device and every connected node, connected first. */
  list(): NodeInfo[] {
    const nodes = new Map<string, NodeInfo>();
    for (const device of this.devices.paired()) {
      if (!device.tokens?.some((k) => k.role === "node" && k.revokedAtMs === undefined)) continue;
      nodes.set(device.deviceId, { nodeId: device.deviceId, displayName: device.displayName, platform: device.platform, caps: [], commands: [], paired: true, connected: false });
    }
    for (const conn of this.connections.open()) {
      if (conn.role !== "node" || !conn.deviceId || conn !== this.live(conn.deviceId)) continue;
      const stored = this.devices.get(conn.deviceId);
      const info: NodeInfo = {
        nodeId: conn.deviceId,
        displayName: stored?.displayName ?? conn.client?.displayName,
        platform: conn.client?.platform,
        version: conn.client?.version,
        deviceFamily: conn.client?.deviceFamily,
        modelIdentifier: conn.client?.modelIdentifier,
        remoteIp: conn.reportedIp,
        caps: conn.caps,
        commands: conn.commands,
        permissions: conn.permissions,
        pathEnv: conn.pathEnv,
        connectedAtMs: conn.connectedAtMs,
        paired: this.devices.grant(conn.deviceId, "node") !== undefined,
        connected: true,
      };
      nodes.set(conn.deviceId, JSON.parse(JSON.stringify(info)) as NodeInfo);
    }
    return [...nodes.values()].sort((a, b) => Number(b.connected) - Number(a.connected) || (a.displayName ?? a.nodeId).localeCompare(b.displayName ?? b.nodeId));
  }

  describe(nodeId: string): NodeInfo {
    const node = this.list().find((n) => n.nodeId === nodeId);
    if (!node) throw unknownNode(nodeId);
    return node;
  }

  rename(nodeId: string, displayName: string): void {
    if (!this.devices.rename(nodeId, displayName)) throw unknownNode(nodeId);
  }

  /** Run `command` on a live node and wait for its answer (or a timeout, or its disconnect). */
  async invoke(nodeId: string, command: string, params: unknown, timeoutMs: number = LIMITS.nodeInvokeTimeoutMs): Promise<InvokeOutcome> {
    const node = this.live(nodeId);
    if (!node) {
      if (this.list().some((n) => n.nodeId === nodeId)) throw new GatewayError("NODE_NOT_CONNECTED", `node ${nodeId} is not connected`, { nodeId }, { retryable: true });
      throw unknownNode(nodeId);
    }
    if (!node.commands.includes(command)) {
      throw new GatewayError("NODE_COMMAND_NOT_DECLARED", `node does not declare command '${command}' (it declares: ${node.commands.join(", ") || "none"})`, { nodeId, command });
    }
    const paramsJSON = params === undefined ? undefined : JSON.stringify(params);
    const answer = await this.invocations.start(node.connId, nodeId, timeoutMs, (id) => {
      this.events.sendTo(node, "node.invoke.request", { id, nodeId, command, ...(paramsJSON === undefined ? {} : { paramsJSON }), timeoutMs });
    });
    if (!answer.ok) {
      throw new GatewayError("NODE_COMMAND_FAILED", answer.error?.message ?? `node failed to run ${command}`, { nodeId, command, nodeCode: answer.error?.code });
    }
    let payload = answer.payload;
    if (payload === undefined && answer.payloadJSON !== undefined && answer.payloadJSON !== null) {
      try {
        payload = JSON.parse(answer.payloadJSON);
      } catch {
        throw new GatewayError("NODE_COMMAND_FAILED", "node answered with invalid payloadJSON", { nodeId, command });
      }
    }
    const payloadJSON = answer.payloadJSON ?? (payload === undefined ? undefined : JSON.stringify(payload));
    return { ok: true, nodeId, command, payload, ...(payloadJSON === undefined ? {} : { payloadJSON }) };
  }

  /** A node's answer to an invocation; false when no call from this node is waiting for it. */
  finish(result: NodeInvokeResultParams, fromNodeId: string | undefined): boolean {
    return this.invocations.finish(result, fromNodeId);
  }

  /** Hand a node's event to every listener (agents, channels); a throwing listener does not stop the others. */
  raise(event: NodeEvent): number {
    let delivered = 0;
    for (const listener of this.eventListeners) {
      try {
        listener(event);
        delivered++;
      } catch {
        // a listener's failure is its own; the node still gets its answer
      }
    }
    return delivered;
  }

  /** Listen to events nodes raise. */
  onNodeEvent(listener: (event: NodeEvent) => void): void {
    this.eventListeners.push(listener);
  }

  /** Fail every pending call (shutdown). */
  cancelAll(): void {
    this.invocations.cancelAll();
  }
}
