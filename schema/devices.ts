/** `device.pair.*` and `device.token.*`: device identities, their approval and their tokens. */

import { Role, Scope } from "./handshake.js";
import { PairingDecision } from "./nodes.js";
import { Bool, Described, Int, List, NoParams, Obj, Opt, Str } from "./primitives.js";

const DeviceId = Str("Device id: lowercase hex SHA-256 of the device's public key.", { maxLength: 128 });
const RequestId = Str("Pairing request id.", { maxLength: 128 });

export const DevicePairRequest = Obj("DevicePairRequest", "A device waiting for approval. Pending requests expire after 5 minutes.", {
  requestId: RequestId,
  deviceId: DeviceId,
  publicKey: Str("Base64url Ed25519 public key."),
  displayName: Opt(Str("Display name.")),
  platform: Opt(Str("Operating system.")),
  deviceFamily: Opt(Str("Device family.")),
  clientId: Opt(Str("Client id.")),
  clientMode: Opt(Str("Client mode, such as `cli` or `ui`.")),
  role: Opt(Str("Role asked for (`operator` or `node`).")),
  roles: Opt(List(Str("A role."), "Every role asked for while the request was pending.")),
  scopes: Opt(List(Str("A scope."), "Scopes the device asked for.")),
  remoteIp: Opt(Str("Address the request came from.")),
  silent: Opt(Bool("True when the request may be approved without notifying anyone.")),
  isRepair: Opt(Bool("True when an already paired device asks for more (a new role or scopes).")),
  ts: Int("When the request was made or last refreshed (ms since epoch)."),
  expiresAtMs: Opt(Int("When the request expires (ms since epoch); tidegate addition.")),
});

export const DeviceTokenSummary = Obj("DeviceTokenSummary", "The device token of one role, without its secret.", {
  role: Str("Role of the token."),
  scopes: List(Str("A scope."), "Scopes of the token."),
  createdAtMs: Int("When a token was first issued for this role (ms since epoch)."),
  rotatedAtMs: Opt(Int("When the current token was issued by a rotation.")),
  revokedAtMs: Opt(Int("When the token was revoked.")),
  lastUsedAtMs: Opt(Int("When the token last authenticated a connection.")),
});

export const PairedDevice = Obj("PairedDevice", "An approved device, as v3 lists it: role names and scopes as flat string lists, tokens summarised without secrets.", {
  deviceId: DeviceId,
  publicKey: Str("Base64url Ed25519 public key."),
  displayName: Opt(Str("Display name.")),
  platform: Opt(Str("Operating system.")),
  deviceFamily: Opt(Str("Device family.")),
  clientId: Opt(Str("Client id it first paired with.")),
  clientMode: Opt(Str("Client mode it first paired with.")),
  role: Opt(Str("Role it first paired with.")),
  roles: List(Str("A role."), "Approved roles (`operator`, `node`)."),
  scopes: List(Str("A scope."), "Approved scopes."),
  remoteIp: Opt(Str("Address it paired from.")),
  tokens: Opt(List(DeviceTokenSummary, "Its device tokens, one per role, sorted by role.")),
  createdAtMs: Int("When the device was first paired (ms since epoch)."),
  approvedAtMs: Int("When the device was last approved (ms since epoch)."),
});

export const DevicePairListParams = NoParams("DevicePairListParams");

export const DevicePairListResult = Obj("DevicePairListResult", "Result of `device.pair.list`.", {
  pending: List(DevicePairRequest, "Requests waiting for a decision."),
  paired: List(PairedDevice, "Approved devices."),
});

export const DevicePairApproveParams = Obj("DevicePairApproveParams", "Parameters of `device.pair.approve`.", {
  requestId: RequestId,
  displayName: Opt(Str("Name to store for the device.", { maxLength: 256 })),
});

export const DevicePairRejectParams = Obj("DevicePairRejectParams", "Parameters of `device.pair.reject`.", {
  requestId: RequestId,
});

export const DevicePairApproveResult = Obj("DevicePairApproveResult", "Result of `device.pair.approve`.", {
  requestId: RequestId,
  device: Described(PairedDevice, "The device as now approved."),
});

export const DevicePairRejectResult = Obj("DevicePairRejectResult", "Result of `device.pair.reject`.", {
  requestId: RequestId,
  deviceId: DeviceId,
});

export const DevicePairRemoveParams = Obj("DevicePairRemoveParams", "Parameters of `device.pair.remove`: forget a device and close its sockets.", {
  deviceId: DeviceId,
});

export const DevicePairRemoveResult = Obj("DevicePairRemoveResult", "Result of `device.pair.remove` (an unknown device is an error).", {
  deviceId: DeviceId,
});

export const DeviceTokenRotateParams = Obj(
  "DeviceTokenRotateParams",
  "Parameters of `device.token.rotate`. Non-admins rotate only their own device; scopes never exceed the approved ones nor the caller's.",
  {
    deviceId: DeviceId,
    role: Role,
    scopes: Opt(List(Scope, "Scopes for the new token; the currently approved ones when absent.")),
  },
);

export const DeviceTokenRotateResult = Obj("DeviceTokenRotateResult", "Result of `device.token.rotate`. The old token stops working.", {
  deviceId: DeviceId,
  role: Str("Role of the token."),
  token: Str("The new device token."),
  scopes: List(Str("A scope."), "Scopes of the new token."),
  rotatedAtMs: Int("When it was issued (ms since epoch)."),
});

export const DeviceTokenRevokeParams = Obj("DeviceTokenRevokeParams", "Parameters of `device.token.revoke`.", {
  deviceId: DeviceId,
  role: Role,
});

export const DeviceTokenRevokeResult = Obj("DeviceTokenRevokeResult", "Result of `device.token.revoke`.", {
  deviceId: DeviceId,
  role: Str("Role of the token."),
  revokedAtMs: Int("When it was revoked (ms since epoch)."),
});

export const DevicePairRequestedEvent = Described(DevicePairRequest, "A device asked to be paired.");

export const DevicePairResolvedEvent = Obj("DevicePairResolvedEvent", "A device pairing request was decided.", {
  requestId: RequestId,
  deviceId: DeviceId,
  decision: PairingDecision,
  ts: Int("When it was decided (ms since epoch)."),
});
