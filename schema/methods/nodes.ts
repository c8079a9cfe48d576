/** Registry entries of the methods whose params live in `schema/nodes.ts`. */

import { NODE, NODE_INFO, T0 } from "../example-values.js";
import * as node from "../nodes.js";
import { method } from "../registry-spec.js";

export const nodesMethods = {
  "node.list": method({
    params: node.NodeListParams,
    result: node.NodeListResult,
    scope: "operator.read",
    description: "Paired and connected nodes.",
    example: { params: {}, result: { ts: T0, nodes: [NODE_INFO] } },
  }),
  "node.describe": method({
    params: node.NodeDescribeParams,
    result: node.NodeDescribeResult,
    scope: "operator.read",
    errors: ["NOT_FOUND"],
    description: "One node in detail.",
    example: { params: { nodeId: NODE }, result: { ts: T0, ...NODE_INFO } },
  }),
  "node.rename": method({
    params: node.NodeRenameParams,
    result: node.NodeRenameResult,
    scope: "operator.pairing",
    errors: ["NOT_FOUND"],
    description: "Change a node's display name.",
    example: { params: { nodeId: NODE, displayName: "build box" }, result: { nodeId: NODE, displayName: "build box" } },
  }),
  "node.invoke": method({
    params: node.NodeInvokeParams,
    result: node.NodeInvokeResult,
    scope: "operator.write",
    idempotencyKey: true,
    errors: ["NOT_FOUND", "NODE_NOT_CONNECTED", "NODE_COMMAND_NOT_DECLARED", "NODE_DISCONNECTED", "NODE_COMMAND_FAILED", "NODE_RESULT_OVER_BUDGET", "TIMEOUT"],
    description: "Run a command on a node and wait for its answer (sent to the node as `node.invoke.request`).",
    example: {
      params: { nodeId: NODE, command: "system.which", params: { bins: ["ls"] }, idempotencyKey: "k1" },
      result: { ok: true, nodeId: NODE, command: "system.which", payload: { bins: { ls: "/usr/bin/ls" } }, payloadJSON: '{"bins":{"ls":"/usr/bin/ls"}}' },
    },
  }),
  "node.invoke.result": method({
    params: node.NodeInvokeResultParams,
    result: node.NodeInvokeResultReceipt,
    scope: "node",
    errors: ["NOT_FOUND", "NODE_RESULT_OVER_BUDGET"],
    description: "A node's answer to `node.invoke.request`.",
    example: { params: { id: "d66afb4e", nodeId: NODE, ok: true, payloadJSON: '{"bins":{"ls":"/usr/bin/ls"}}' }, result: { ok: true } },
  }),
  "node.event": method({
    params: node.NodeEventParams,
    result: node.OkResult,
    scope: "node",
    description: "An event raised by a node, such as a voice transcript.",
    example: { params: { event: "voice.transcript", payloadJSON: '{"text":"hello"}' }, result: { ok: true } },
  }),
  "node.canvas.capability.refresh": method({
    unavailable:
      "This gateway does not host node canvases (v3's canvas host HTTP server is not built), so there is no canvas capability token to mint. Show content on a node with `node.invoke` and its `canvas.*` commands, pointing at a URL served elsewhere.",
    params: node.NodeCanvasCapabilityRefreshParams,
    result: node.NodeCanvasCapabilityRefreshResult,
    scope: "node",
    description: "A node asks for a fresh canvas-host capability token.",
    example: { params: {}, result: { canvasCapability: "cap-1", canvasCapabilityExpiresAtMs: T0 + 600000, canvasHostUrl: "http://127.0.0.1:18789/__tidegate__/cap/cap-1" } },
  }),
  "node.pair.request": method({
    params: node.NodePairRequestParams,
    result: node.NodePairRequestResult,
    scope: "operator.pairing",
    description: "Create a pairing request for a node.",
    example: {
      params: { nodeId: NODE, displayName: "testnode" },
      result: { status: "pending", request: { requestId: "np-1", nodeId: NODE, displayName: "testnode", ts: T0 }, created: true },
    },
  }),
  "node.pair.list": method({
    params: node.NodePairListParams,
    result: node.NodePairListResult,
    scope: "operator.pairing",
    description: "Pending and paired nodes.",
    example: { params: {}, result: { pending: [], paired: [{ nodeId: NODE, displayName: "testnode", approvedAtMs: T0 }] } },
  }),
  "node.pair.approve": method({
    params: node.NodePairDecisionParams,
    result: node.NodePairApproveResult,
    scope: "operator.pairing",
    errors: ["NOT_FOUND"],
    description: "Approve a node pairing request.",
    example: { params: { requestId: "np-1" }, result: { requestId: "np-1", node: { nodeId: NODE, displayName: "testnode", approvedAtMs: T0 } } },
  }),
  "node.pair.reject": method({
    params: node.NodePairDecisionParams,
    result: node.NodePairRejectResult,
    scope: "operator.pairing",
    errors: ["NOT_FOUND"],
    description: "Reject a node pairing request.",
    example: { params: { requestId: "np-1" }, result: { requestId: "np-1", nodeId: NODE } },
  }),
  "node.pair.verify": method({
    params: node.NodePairVerifyParams,
    result: node.NodePairVerifyResult,
    scope: "operator.pairing",
    description: "Check whether a token belongs to a node.",
    example: { params: { nodeId: NODE, token: "secret" }, result: { ok: false } },
  }),
  "push.test": method({
    unavailable:
      "Push notifications go through Apple's APNs service, which needs an Apple developer signing key and internet access; this gateway has no APNs client, so it cannot send one. Reach a connected iOS node with `node.invoke` instead.",
    params: node.PushTestParams,
    result: node.PushTestResult,
    scope: "operator.write",
    description: "Send a test push notification to an iOS node.",
    example: { params: { nodeId: NODE, title: "Test" }, result: { ok: true, status: 200, tokenSuffix: "a1b2c3", topic: "ai.openclaw.ios", environment: "sandbox" } },
  }),
};
