/**
 * Nodes as operators see them: every paired node device and every connected
 * node, and the invoke round trip to a live one (its newest session).
 */
import { LIMITS } from "../../generated/ts/registry.js";
import type { ConnectParams, DevicePairRequest, NodeInfo, NodeInvokeResultParams, NodePairRequest } from "../../generated/ts/types.js";
import type { Connection } from "../core/connection.js";
import type { Connections } from "../core/connections.js";
import type { EventBus } from "../core/events.js";
import { PreparedResult } from "../core/prepared-result.js";
import { GatewayError } from "../errors.js";
import type { DeviceStore } from "../state/device-store.js";
import { NodeInvocations } from "./invocations.js";
import { ResultBudget } from "./result-budget.js";

const MIB = 1024 * 1024;
/**
 * Answers up to this size reach the caller as a plain result, which the idempotency cache keeps
 * (a repeat gets it again); larger ones are spliced from the node's text and let go once sent.
 */
const KEPT_RESULT_BYTES = 64 * 1024;
const mib = (bytes: number) => (bytes / MIB).toFixed(1);

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

/**
 * What a node's `node.invoke.result` settles its call with: a failure, or success with its
 * payload kept once, as JSON text, whose bytes are charged to the result budget until released.
 */
type NodeAnswer = { ok: false; error?: { code?: string; message?: string } } | { ok: true; held?: { text: string; bytes: number } };

/** An event a node raised with `node.event`. */
export interface NodeEvent {
  nodeId: string;
  event: string;
  payload?: unknown;
  ts: number;
}

export class NodeRegistry {
  private readonly invocations = new NodeInvocations<NodeAnswer>();
  private readonly eventListeners: ((event: NodeEvent) => void)[] = [];
  /** Bytes of node results held at once, over every call (`gateway.limits.maxNodeResultBytes`). */
  readonly budget: ResultBudget;

  constructor(
    private readonly connections: Connections,
    private readonly devices: DeviceStore,
    private readonly events: EventBus,
    maxResultBytes: number = 128 * MIB,
  ) {
    this.budget = new ResultBudget(maxResultBytes);
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

  /** Run `command` on a live node and wait for its answer, its payload parsed (for the gateway's own use). */
  async invoke(nodeId: string, command: string, params: unknown, timeoutMs: number = LIMITS.nodeInvokeTimeoutMs): Promise<InvokeOutcome> {
    const held = await this.call(nodeId, command, params, timeoutMs);
    if (!held) return { ok: true, nodeId, command };
    try {
      return { ok: true, nodeId, command, payload: JSON.parse(held.text), payloadJSON: held.text };
    } finally {
      this.budget.give(held.bytes);
    }
  }

  /**
   * Run `command` on a live node for a `node.invoke` caller: the answer as v3 sends it
   * (`payload` and the same JSON as `payloadJSON`) built from the one JSON text the node sent,
   * which holds its budget bytes until the router has handed the answer to the caller's socket.
   * Small answers (64 KiB or less) come back as a plain result instead, which idempotency keeps.
   */
  async invokeForCaller(nodeId: string, command: string, params: unknown, timeoutMs: number = LIMITS.nodeInvokeTimeoutMs): Promise<InvokeOutcome | PreparedResult> {
    const held = await this.call(nodeId, command, params, timeoutMs);
    const fields = { ok: true as const, nodeId, command };
    if (!held) return fields;
    if (held.bytes <= KEPT_RESULT_BYTES) {
      this.budget.give(held.bytes);
      return { ...fields, payload: JSON.parse(held.text), payloadJSON: held.text };
    }
    return new PreparedResult(
      fields,
      [
        ["payload", held.text, "json"],
        ["payloadJSON", held.text, "string"],
      ],
      () => this.budget.give(held.bytes),
    );
  }

  /** The invoke round trip: the node's payload held as JSON text (undefined when it sent none). */
  private async call(nodeId: string, command: string, params: unknown, timeoutMs: number): Promise<{ text: string; bytes: number } | undefined> {
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
    return answer.held;
  }

  /**
   * A node's answer to an invocation; false when no call from this node is waiting for it.
   * The payload is kept once, as JSON text (the node's `payloadJSON`, checked, or its `payload`
   * serialized). Throws NODE_RESULT_OVER_BUDGET (and fails the call with it) when the answer
   * does not fit in the gateway's result budget.
   */
  finish(result: NodeInvokeResultParams, fromNodeId: string | undefined): boolean {
    const { id, nodeId } = result;
    if (!this.invocations.waiting(id, nodeId, fromNodeId)) return false;
    if (!result.ok) return this.invocations.settle(id, { value: { ok: false, error: result.error } });
    const fromString = typeof result.payloadJSON === "string";
    const text = fromString ? (result.payloadJSON as string) : result.payload === undefined ? undefined : JSON.stringify(result.payload);
    if (text === undefined) return this.invocations.settle(id, { value: { ok: true } });
    const bytes = Buffer.byteLength(text);
    if (!this.budget.take(bytes)) {
      const error = new GatewayError(
        "NODE_RESULT_OVER_BUDGET",
        `the gateway is holding ${mib(this.budget.held)} MiB of node results (limit ${mib(this.budget.limitBytes)} MiB, gateway.limits.maxNodeResultBytes); this ${mib(bytes)} MiB answer was dropped: try again shortly`,
        { nodeId, bytes, limitBytes: this.budget.limitBytes },
        { retryable: true },
      );
      this.invocations.settle(id, { error });
      throw error;
    }
    if (fromString) {
      try {
        JSON.parse(text); // spliced into the caller's frame as is, so it must be one JSON value
      } catch {
        this.budget.give(bytes);
        return this.invocations.settle(id, { error: new GatewayError("NODE_COMMAND_FAILED", "node answered with invalid payloadJSON", { nodeId }) });
      }
    }
    return this.invocations.settle(id, { value: { ok: true, held: { text, bytes } } });
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
