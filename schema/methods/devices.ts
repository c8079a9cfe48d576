/** Registry entries of the methods whose params live in `schema/devices.ts`. */
import * as dev from "../devices.js";
import { DEVICE, PAIR_REQ, PAIRED, T0 } from "../example-values.js";
import { method } from "../registry-spec.js";

export const devicesMethods = {
  "device.pair.list": method({
    params: dev.DevicePairListParams,
    result: dev.DevicePairListResult,
    scope: "operator.pairing",
    description: "Pending and approved devices (roles and scopes as string lists, tokens without secrets).",
    example: { params: {}, result: { pending: [PAIR_REQ], paired: [PAIRED] } },
  }),
  "device.pair.approve": method({
    params: dev.DevicePairApproveParams,
    result: dev.DevicePairApproveResult,
    scope: "operator.pairing",
    errors: ["NOT_FOUND"],
    description: "Approve a pending device. Never grants scopes beyond the approver's own.",
    example: { params: { requestId: "req-1" }, result: { requestId: "req-1", device: PAIRED } },
  }),
  "device.pair.reject": method({
    params: dev.DevicePairRejectParams,
    result: dev.DevicePairRejectResult,
    scope: "operator.pairing",
    errors: ["NOT_FOUND"],
    description: "Reject a pending device.",
    example: { params: { requestId: "req-1" }, result: { requestId: "req-1", deviceId: DEVICE } },
  }),
  "device.pair.remove": method({
    params: dev.DevicePairRemoveParams,
    result: dev.DevicePairRemoveResult,
    scope: "operator.pairing",
    errors: ["NOT_FOUND"],
    description: "Forget a paired device and close its live sockets.",
    example: { params: { deviceId: DEVICE }, result: { deviceId: DEVICE } },
  }),
  "device.token.rotate": method({
    params: dev.DeviceTokenRotateParams,
    result: dev.DeviceTokenRotateResult,
    scope: "operator.pairing",
    errors: ["NOT_FOUND", "MISSING_SCOPE"],
    description: "Issue a new device token for a (device, role); the old one stops working and its sockets close.",
    example: {
      params: { deviceId: DEVICE, role: "operator" },
      result: { deviceId: DEVICE, role: "operator", token: "MMhnV9qTo2Mc22IOuvHs3XC9zCMfFerT9mA1cQNvjcY", scopes: ["operator.read"], rotatedAtMs: T0 },
    },
  }),
  "device.token.revoke": method({
    params: dev.DeviceTokenRevokeParams,
    result: dev.DeviceTokenRevokeResult,
    scope: "operator.pairing",
    errors: ["NOT_FOUND"],
    description: "Revoke the device token of a (device, role) and close the sockets that use it.",
    example: { params: { deviceId: DEVICE, role: "operator" }, result: { deviceId: DEVICE, role: "operator", revokedAtMs: T0 } },
  }),
  // ── exec approvals ──────────────────────────────────────────────────────────────
};
