/**
 * The node invoke round trip: `node.invoke` parks a pending call, the node
 * gets `node.invoke.request`, its `node.invoke.result` resolves the call.
 * Calls end with a clear error on timeout or when the node disconnects.
 */
import { randomUUID } from "node:crypto";
import type { NodeInvokeResultParams } from "../../generated/ts/types.js";
import { GatewayError } from "../errors.js";

interface Pending {
  nodeConnId: string;
  nodeId: string;
  resolve(result: NodeInvokeResultParams): void;
  reject(error: GatewayError): void;
  timer: NodeJS.Timeout;
}

export class NodeInvocations {
  private readonly pending = new Map<string, Pending>();

  get size(): number {
    return this.pending.size;
  }

  /** Park a call; `send(id)` delivers the request to the node. */
  start(nodeConnId: string, nodeId: string, timeoutMs: number, send: (id: string) => void): Promise<NodeInvokeResultParams> {
    const id = randomUUID();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new GatewayError("TIMEOUT", `node did not answer within ${timeoutMs} ms`, { nodeId, timeoutMs }, { retryable: true }));
      }, timeoutMs);
      this.pending.set(id, { nodeConnId, nodeId, resolve, reject, timer });
      send(id);
    });
  }

  /** Deliver a node's answer; false when no call is waiting for it from this node. */
  finish(result: NodeInvokeResultParams, fromNodeId: string | undefined): boolean {
    const call = this.pending.get(result.id);
    if (!call || call.nodeId !== result.nodeId || call.nodeId !== fromNodeId) return false;
    this.pending.delete(result.id);
    clearTimeout(call.timer);
    call.resolve(result);
    return true;
  }

  /** Fail every call waiting on a connection that went away. */
  disconnected(nodeConnId: string): void {
    for (const [id, call] of this.pending) {
      if (call.nodeConnId !== nodeConnId) continue;
      this.pending.delete(id);
      clearTimeout(call.timer);
      call.reject(new GatewayError("NODE_DISCONNECTED", "node disconnected before answering", { nodeId: call.nodeId }, { retryable: true }));
    }
  }

  /** Fail every call (shutdown). */
  cancelAll(): void {
    for (const call of this.pending.values()) this.disconnected(call.nodeConnId);
  }
}
