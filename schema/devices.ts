/** `device.pair.*` and `device.token.*`: device identities, their approval and their tokens. */
import { Bool, Int, List, NoParams, Obj, Opt, Str, Described } from "./primitives.js";
import { ClientMode, Role, Scope } from "./handshake.js";
import { PairingStatus } from "./nodes.js";

const DeviceId = Str("Device id: lowercase hex SHA-256 of the device's public key.", { maxLength: 128 });
const RequestId = Str("Pairing request id.", { maxLength: 128 });

export const DevicePairRequest = Obj("DevicePairRequest", "A device waiting for approval. Pending requests are immutable and expire after 5 minutes.", {
  requestId: RequestId,
  deviceId: DeviceId,
  publicKey: Str("Base64url Ed25519 public key."),
  displayName: Opt(Str("Display name.")),
  platform: Opt(Str("Operating system.")),
  deviceFamily: Opt(Str("Device family.")),
  clientId: Opt(Str("Client id.")),
  clientMode: Opt(ClientMode),
  role: Role,
  scopes: List(Scope, "Scopes the device asked for."),
  remoteIp: Opt(Str("Address the request came from.")),
  isRepair: Opt(Bool("True when an already paired device asks for more (a new role or scopes).")),
  ts: Int("When the request was made (ms since epoch)."),
  expiresAtMs: Int("When the request expires (ms since epoch)."),
});

export const DeviceRoleGrant = Obj("DeviceRoleGrant", "A role a paired device may connect with, and its scopes.", {
  role: Role,
  scopes: List(Scope, "Approved scopes."),
  tokenIssuedAtMs: Opt(Int("When the current device token for this role was issued.")),
  tokenRevoked: Opt(Bool("True when the token for this role is revoked.")),
});

export const PairedDevice = Obj("PairedDevice", "An approved device.", {
  deviceId: DeviceId,
  publicKey: Str("Base64url Ed25519 public key."),
  displayName: Opt(Str("Display name.")),
  platform: Opt(Str("Operating system.")),
  clientId: Opt(Str("Client id.")),
  roles: List(DeviceRoleGrant, "Approved roles."),
  approvedAtMs: Int("When the device was first approved (ms since epoch)."),
  lastSeenAtMs: Opt(Int("When the device last connected.")),
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

export const DevicePairDecisionResult = Obj("DevicePairDecisionResult", "Result of `device.pair.approve` or `device.pair.reject`.", {
  requestId: RequestId,
  deviceId: DeviceId,
  status: Described(PairingStatus, "The decision."),
  device: Opt(Described(PairedDevice, "The device as now approved (approve only).")),
});

export const DevicePairRemoveParams = Obj("DevicePairRemoveParams", "Parameters of `device.pair.remove`: forget a device and close its sockets.", {
  deviceId: DeviceId,
});

export const DevicePairRemoveResult = Obj("DevicePairRemoveResult", "Result of `device.pair.remove`.", {
  deviceId: DeviceId,
  removed: Bool("False when the device was not paired."),
  closedSockets: Int("Live connections of the device that were closed."),
});

export const DeviceTokenRotateParams = Obj("DeviceTokenRotateParams", "Parameters of `device.token.rotate`. Non-admins rotate only their own device; scopes never exceed the approved ones nor the caller's.", {
  deviceId: DeviceId,
  role: Role,
  scopes: Opt(List(Scope, "Scopes for the new token; the currently approved ones when absent.")),
});

export const DeviceTokenRotateResult = Obj("DeviceTokenRotateResult", "Result of `device.token.rotate`. The old token stops working and its sockets close.", {
  deviceId: DeviceId,
  role: Role,
  deviceToken: Str("The new device token."),
  scopes: List(Scope, "Scopes of the new token."),
  issuedAtMs: Int("When it was issued (ms since epoch)."),
});

export const DeviceTokenRevokeParams = Obj("DeviceTokenRevokeParams", "Parameters of `device.token.revoke`.", {
  deviceId: DeviceId,
  role: Role,
});

export const DeviceTokenRevokeResult = Obj("DeviceTokenRevokeResult", "Result of `device.token.revoke`.", {
  deviceId: DeviceId,
  role: Role,
  revoked: Bool("False when there was no token to revoke."),
  closedSockets: Int("Live connections that used the token and were closed."),
});

export const DevicePairRequestedEvent = Described(DevicePairRequest, "A device asked to be paired.");

export const DevicePairResolvedEvent = Obj("DevicePairResolvedEvent", "A device pairing request was decided.", {
  requestId: RequestId,
  deviceId: DeviceId,
  decision: PairingStatus,
  ts: Int("When it was decided (ms since epoch)."),
});
