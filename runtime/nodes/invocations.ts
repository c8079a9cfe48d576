/**
 * The node invoke round trip: `node.invoke` parks a pending call, the node
 * gets `node.invoke.request`, its `node.invoke.result` resolves the call.
 * Calls end with a clear error on timeout or when the node disconnects.
 */
import { randomUUID } from "node:crypto";
import { GatewayError } from "../errors.js";

interface Pending<T> {
  nodeConnId: string;
  nodeId: string;
  resolve(result: T): void;
  reject(error: GatewayError): void;
  timer: NodeJS.Timeout;
}

/** Calls waiting for a node's answer; `T` is what an answer resolves a call with. */
export class NodeInvocations<T> {
  private readonly pending = new Map<string, Pending<T>>();

  get size(): number {
    return this.pending.size;
  }

  /** Park a call; `send(id)` delivers the request to the node. */
  start(nodeConnId: string, nodeId: string, timeoutMs: number, send: (id: string) => void): Promise<T> {
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

  /** True when call `id` waits for an answer from node `nodeId` and `fromNodeId` is that node. */
  waiting(id: string, nodeId: string, fromNodeId: string | undefined): boolean {
    const call = this.pending.get(id);
    return call !== undefined && call.nodeId === nodeId && call.nodeId === fromNodeId;
  }

  /** End call `id` with `outcome` (an answer) or an error; false when it is not waiting. */
  settle(id: string, outcome: { value: T } | { error: GatewayError }): boolean {
    const call = this.pending.get(id);
    if (!call) return false;
    this.pending.delete(id);
    clearTimeout(call.timer);
    if ("error" in outcome) call.reject(outcome.error);
    else call.resolve(outcome.value);
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
