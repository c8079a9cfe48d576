/** `node.*`: nodes (devices that serve commands), their pairing and the invoke round trip. */
import { Bool, Dict, Int, Json, List, NoParams, Obj, Opt, Str, Text, Described, IdempotencyKey, Enum } from "./primitives.js";

const NodeId = Str("Node id: the device id of the node.", { maxLength: 128 });
const Command = Str("Command name, such as `system.run`.", { maxLength: 128 });

export const NodeInfo = Obj("NodeInfo", "A node known to the gateway: paired, connected, or both.", {
  nodeId: NodeId,
  displayName: Opt(Str("Display name.")),
  platform: Opt(Str("Operating system.")),
  version: Opt(Str("Node software version.")),
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
});

export const NodeListParams = NoParams("NodeListParams");

export const NodeListResult = Obj("NodeListResult", "Result of `node.list`.", {
  ts: Int("When the list was taken (ms since epoch)."),
  nodes: List(NodeInfo, "Known nodes, connected first."),
});

export const NodeDescribeParams = Obj("NodeDescribeParams", "Parameters of `node.describe`.", { nodeId: NodeId });

export const NodeDescribeResult = Obj("NodeDescribeResult", "Result of `node.describe`.", {
  ts: Int("When the description was taken (ms since epoch)."),
  node: NodeInfo,
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
  timeoutMs: Opt(Int("Give up after this many milliseconds (default 30000).", { maximum: 600000 })),
  idempotencyKey: IdempotencyKey,
});

export const NodeInvokeResult = Obj("NodeInvokeResult", "Result of `node.invoke`: what the node answered.", {
  ok: Bool("True when the node ran the command successfully."),
  nodeId: NodeId,
  command: Command,
  payload: Opt(Json("The command's result.")),
  payloadJSON: Opt(Text("The command's result as JSON text, as the node sent it.")),
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
  payloadJSON: Opt(Text("The result as JSON text.", { maxLength: 16777216 })),
  error: Opt(NodeInvokeError),
});

export const OkResult = Obj("OkResult", "Acknowledgement without data.", {
  ok: Bool("Always true on success."),
});

export const NodeEventParams = Obj("NodeEventParams", "Parameters of `node.event`: an event raised by a node.", {
  event: Str("Event name.", { maxLength: 128 }),
  payload: Opt(Json("Event data.")),
  payloadJSON: Opt(Text("Event data as JSON text.")),
});

export const NodePairRequestParams = Obj("NodePairRequestParams", "Parameters of `node.pair.request`.", {
  nodeId: NodeId,
  displayName: Opt(Str("Display name.")),
  platform: Opt(Str("Operating system.")),
  version: Opt(Str("Node software version.")),
  caps: Opt(List(Str("A capability."), "Capability families.")),
  commands: Opt(List(Str("A command."), "Commands it serves.")),
  silent: Opt(Bool("Do not notify operators.")),
});

export const PairingStatus = Enum("PairingStatus", "State of a pairing request.", ["pending", "approved", "rejected", "expired"]);

export const NodePairRequest = Obj("NodePairRequest", "A node waiting to be paired.", {
  requestId: Str("Request id."),
  nodeId: NodeId,
  displayName: Opt(Str("Display name.")),
  platform: Opt(Str("Operating system.")),
  version: Opt(Str("Node software version.")),
  caps: Opt(List(Str("A capability."), "Capability families.")),
  commands: Opt(List(Str("A command."), "Commands it serves.")),
  remoteIp: Opt(Str("Address the request came from.")),
  ts: Int("When the request was made (ms since epoch)."),
});

export const PairedNode = Obj("PairedNode", "A paired node.", {
  nodeId: NodeId,
  displayName: Opt(Str("Display name.")),
  platform: Opt(Str("Operating system.")),
  version: Opt(Str("Node software version.")),
  approvedAtMs: Int("When pairing was approved (ms since epoch)."),
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

export const NodePairDecisionResult = Obj("NodePairDecisionResult", "Result of a pairing decision.", {
  requestId: Str("Request id."),
  nodeId: NodeId,
  status: Described(PairingStatus, "The decision."),
});

export const NodePairVerifyParams = Obj("NodePairVerifyParams", "Parameters of `node.pair.verify`.", {
  nodeId: NodeId,
  token: Str("Token to check.", { maxLength: 4096 }),
});

export const NodePairVerifyResult = Obj("NodePairVerifyResult", "Result of `node.pair.verify`.", {
  ok: Bool("True when the token belongs to the node."),
  nodeId: NodeId,
});

export const NodePairRequestedEvent = Described(NodePairRequest, "A node asked to be paired.");

export const NodePairResolvedEvent = Obj("NodePairResolvedEvent", "A node pairing request was decided.", {
  requestId: Str("Request id."),
  nodeId: NodeId,
  decision: PairingStatus,
  ts: Int("When it was decided (ms since epoch)."),
});
