/** `node.*`: nodes (devices that serve commands), their pairing and the invoke round trip. */
import { Bool, Described, Dict, Enum, IdempotencyKey, Int, Json, List, NoParams, Nullable, Obj, Opt, Str, Text } from "./primitives.js";

const NodeId = Str("Node id: the device id of the node.", { maxLength: 128 });
const Command = Str("Command name, such as `system.run`.", { maxLength: 128 });

/** What the gateway knows of a node (`node.list` rows, and `node.describe` flat). */
const nodeFields = {
  nodeId: NodeId,
  displayName: Opt(Str("Display name.")),
  platform: Opt(Str("Operating system.")),
  version: Opt(Str("Node software version.")),
  coreVersion: Opt(Str("Core version of the node app.")),
  uiVersion: Opt(Str("UI version of the node app.")),
  deviceFamily: Opt(Str("Device family.")),
  modelIdentifier: Opt(Str("Hardware model identifier.")),
  remoteIp: Opt(Str("Address the node connected from.")),
  caps: List(Str("A capability."), "Capability families, sorted."),
  commands: List(Str("A command."), "Commands it serves, sorted."),
  permissions: Opt(Dict(Bool("Granted or not."), "OS permissions, by name.")),
  pathEnv: Opt(Text("The node's PATH.")),
  connectedAtMs: Opt(Int("When the current connection was made (ms since epoch).")),
  paired: Bool("True when the node's device is paired."),
  connected: Bool("True when the node is connected now."),
};

export const NodeInfo = Obj("NodeInfo", "A node known to the gateway: paired, connected, or both.", nodeFields);

export const NodeListParams = NoParams("NodeListParams");

export const NodeListResult = Obj("NodeListResult", "Result of `node.list`.", {
  ts: Int("When the list was taken (ms since epoch)."),
  nodes: List(NodeInfo, "Known nodes, connected first."),
});

export const NodeDescribeParams = Obj("NodeDescribeParams", "Parameters of `node.describe`.", { nodeId: NodeId });

export const NodeDescribeResult = Obj("NodeDescribeResult", "Result of `node.describe`: one node, flat (as in v3).", {
  ts: Int("When the description was taken (ms since epoch)."),
  ...nodeFields,
});

export const NodeRenameParams = Obj("NodeRenameParams", "Parameters of `node.rename`.", {
  nodeId: NodeId,
  displayName: Str("New display name.", { maxLength: 256 }),
});

export const NodeRenameResult = Obj("NodeRenameResult", "Result of `node.rename`.", {
  nodeId: NodeId,
  displayName: Str("The new display name."),
});

export const NodeInvokeParams = Obj("NodeInvokeParams", "Parameters of `node.invoke`: run a command on a node.", {
  nodeId: NodeId,
  command: Command,
  params: Opt(Json("Command parameters, forwarded to the node as `paramsJSON`.")),
  timeoutMs: Opt(Int("Give up after this many milliseconds (default 30000).")),
  idempotencyKey: IdempotencyKey,
});

export const NodeInvokeResult = Obj("NodeInvokeResult", "Result of `node.invoke`: what the node answered.", {
  ok: Bool("True when the node ran the command successfully."),
  nodeId: NodeId,
  command: Command,
  payload: Opt(Json("The command's result.")),
  payloadJSON: Opt(Nullable(Text("The command's result as JSON text, as the node sent it; null when it sent none."))),
});

export const NodeInvokeRequestEvent = Obj("NodeInvokeRequestEvent", "Sent to a node: run a command and answer with `node.invoke.result`.", {
  id: Str("Invocation id; echo it in `node.invoke.result`."),
  nodeId: NodeId,
  command: Command,
  paramsJSON: Opt(Text("Command parameters as JSON text.")),
  timeoutMs: Opt(Int("The caller gives up after this many milliseconds.")),
  idempotencyKey: Opt(Str("The caller's idempotency key.")),
});

export const NodeInvokeError = Obj("NodeInvokeError", "Why a node could not run a command.", {
  code: Opt(Str("Error code, such as `UNAVAILABLE` or `NOT_ALLOWED`.")),
  message: Opt(Str("Human-readable explanation.")),
});

export const NodeInvokeResultParams = Obj("NodeInvokeResultParams", "Parameters of `node.invoke.result`: a node's answer to `node.invoke.request`.", {
  id: Str("The invocation id from the request."),
  nodeId: NodeId,
  ok: Bool("True when the command succeeded."),
  payload: Opt(Json("The result.")),
  payloadJSON: Opt(Nullable(Text("The result as JSON text; null is the same as absent."))),
  error: Opt(NodeInvokeError),
});

export const OkResult = Obj("OkResult", "Acknowledgement without data.", {
  ok: Bool("Always true on success."),
});

export const NodeInvokeResultReceipt = Obj("NodeInvokeResultReceipt", "Result of `node.invoke.result`.", {
  ok: Bool("Always true."),
  ignored: Opt(Bool("True when the result came too late (the call had already ended) and was dropped.")),
});

export const NodeEventParams = Obj("NodeEventParams", "Parameters of `node.event`: an event raised by a node.", {
  event: Str("Event name.", { maxLength: 128 }),
  payload: Opt(Json("Event data.")),
  payloadJSON: Opt(Nullable(Text("Event data as JSON text; the v3 node host sends null when there is none."))),
});

export const NodePairRequestParams = Obj("NodePairRequestParams", "Parameters of `node.pair.request`.", {
  nodeId: NodeId,
  displayName: Opt(Str("Display name.")),
  platform: Opt(Str("Operating system.")),
  version: Opt(Str("Node software version.")),
  coreVersion: Opt(Str("Core version of the node app.")),
  uiVersion: Opt(Str("UI version of the node app.")),
  deviceFamily: Opt(Str("Device family.")),
  modelIdentifier: Opt(Str("Hardware model identifier.")),
  caps: Opt(List(Str("A capability."), "Capability families.")),
  commands: Opt(List(Str("A command."), "Commands it serves.")),
  remoteIp: Opt(Str("Address of the node.")),
  silent: Opt(Bool("Do not notify operators.")),
});

export const PairingStatus = Enum("PairingStatus", "State of a pairing request.", ["pending", "approved", "rejected", "expired"]);

export const PairingDecision = Enum("PairingDecision", "How a pairing request was decided.", ["approved", "rejected"]);

export const NodePairRequest = Obj("NodePairRequest", "A node waiting to be paired.", {
  requestId: Str("Request id."),
  nodeId: NodeId,
  displayName: Opt(Str("Display name.")),
  platform: Opt(Str("Operating system.")),
  version: Opt(Str("Node software version.")),
  coreVersion: Opt(Str("Core version of the node app.")),
  uiVersion: Opt(Str("UI version of the node app.")),
  deviceFamily: Opt(Str("Device family.")),
  modelIdentifier: Opt(Str("Hardware model identifier.")),
  caps: Opt(List(Str("A capability."), "Capability families.")),
  commands: Opt(List(Str("A command."), "Commands it serves.")),
  permissions: Opt(Dict(Bool("Granted or not."), "OS permissions, by name.")),
  remoteIp: Opt(Str("Address the request came from.")),
  silent: Opt(Bool("True when operators need not be notified.")),
  isRepair: Opt(Bool("True when the node was already paired.")),
  ts: Int("When the request was made (ms since epoch)."),
});

export const PairedNode = Obj("PairedNode", "A paired node (legacy node pairing store).", {
  nodeId: NodeId,
  token: Opt(Str("The node's pairing token.")),
  displayName: Opt(Str("Display name.")),
  platform: Opt(Str("Operating system.")),
  version: Opt(Str("Node software version.")),
  coreVersion: Opt(Str("Core version of the node app.")),
  uiVersion: Opt(Str("UI version of the node app.")),
  deviceFamily: Opt(Str("Device family.")),
  modelIdentifier: Opt(Str("Hardware model identifier.")),
  caps: Opt(List(Str("A capability."), "Capability families.")),
  commands: Opt(List(Str("A command."), "Commands it serves.")),
  permissions: Opt(Dict(Bool("Granted or not."), "OS permissions, by name.")),
  remoteIp: Opt(Str("Address it paired from.")),
  bins: Opt(List(Str("A binary."), "Binaries it reported.")),
  createdAtMs: Opt(Int("When it was first paired (ms since epoch).")),
  approvedAtMs: Int("When pairing was approved (ms since epoch)."),
  lastConnectedAtMs: Opt(Int("When it last connected (ms since epoch).")),
});

export const NodePairRequestResult = Obj("NodePairRequestResult", "Result of `node.pair.request`.", {
  status: PairingStatus,
  request: NodePairRequest,
  created: Bool("False when an identical request was already pending."),
});

export const NodePairListParams = NoParams("NodePairListParams");

export const NodePairListResult = Obj("NodePairListResult", "Result of `node.pair.list`.", {
  pending: List(NodePairRequest, "Requests waiting for a decision."),
  paired: List(PairedNode, "Paired nodes."),
});

export const NodePairDecisionParams = Obj("NodePairDecisionParams", "Parameters of `node.pair.approve` and `node.pair.reject`.", {
  requestId: Str("Request id."),
});

export const NodePairApproveResult = Obj("NodePairApproveResult", "Result of `node.pair.approve`.", {
  requestId: Str("Request id."),
  node: Described(PairedNode, "The node as now paired."),
});

export const NodePairRejectResult = Obj("NodePairRejectResult", "Result of `node.pair.reject`.", {
  requestId: Str("Request id."),
  nodeId: NodeId,
});

export const NodePairVerifyParams = Obj("NodePairVerifyParams", "Parameters of `node.pair.verify`.", {
  nodeId: NodeId,
  token: Str("Token to check.", { maxLength: 4096 }),
});

export const NodePairVerifyResult = Obj("NodePairVerifyResult", "Result of `node.pair.verify`.", {
  ok: Bool("True when the token belongs to the node."),
  node: Opt(Described(PairedNode, "The paired node, when the token matched.")),
});

export const NodePairRequestedEvent = Described(NodePairRequest, "A node asked to be paired.");

export const NodePairResolvedEvent = Obj("NodePairResolvedEvent", "A node pairing request was decided.", {
  requestId: Str("Request id."),
  nodeId: NodeId,
  decision: PairingDecision,
  ts: Int("When it was decided (ms since epoch)."),
});

export const NodeCanvasCapabilityRefreshParams = NoParams("NodeCanvasCapabilityRefreshParams");

export const NodeCanvasCapabilityRefreshResult = Obj("NodeCanvasCapabilityRefreshResult", "Result of `node.canvas.capability.refresh`: a fresh capability token for the canvas host.", {
  canvasCapability: Str("Capability token."),
  canvasCapabilityExpiresAtMs: Int("When it expires (ms since epoch)."),
  canvasHostUrl: Str("Canvas host URL scoped to the capability."),
});

export const PushTestParams = Obj("PushTestParams", "Parameters of `push.test`: send a test push notification to an iOS node.", {
  nodeId: NodeId,
  title: Opt(Text("Notification title.")),
  body: Opt(Text("Notification body.")),
  environment: Opt(Enum("ApnsEnvironment", "APNs environment.", ["sandbox", "production"])),
});

export const PushTestResult = Obj("PushTestResult", "Result of `push.test`.", {
  ok: Bool("True when APNs accepted it."),
  status: Int("HTTP status from APNs."),
  apnsId: Opt(Str("APNs id.")),
  reason: Opt(Str("APNs reason when rejected.")),
  tokenSuffix: Str("Last characters of the device token."),
  topic: Str("APNs topic."),
  environment: Enum("ApnsEnvironment", "APNs environment.", ["sandbox", "production"]),
});
