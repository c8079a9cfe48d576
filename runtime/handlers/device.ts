/**
 * Device pairing and tokens. Approvals and rotations never grant more than
 * the approved scopes nor the caller's own; non-admins rotate only their own
 * device; revoking, rotating or removing closes the device's live sockets.
 */
import type { MethodHandlers } from "../../generated/ts/handlers.js";
import type { Scope } from "../../generated/ts/types.js";
import { GatewayError } from "../errors.js";
import type { HandlerContext } from "./context.js";

const notFound = (what: string) => new GatewayError("INVALID_REQUEST", `${what} not found`, { code: "NOT_FOUND" });

/** Scopes in `wanted` the caller does not hold itself. */
function beyondCaller(caller: HandlerContext["caller"], wanted: readonly Scope[]): Scope[] {
  return wanted.filter((scope) => !caller.hasScope(scope));
}

export const deviceHandlers: Pick<
  MethodHandlers<HandlerContext>,
  "device.pair.list" | "device.pair.approve" | "device.pair.reject" | "device.pair.remove" | "device.token.rotate" | "device.token.revoke"
> = {
  "device.pair.list": (_params, { gateway }) => ({ pending: gateway.devices.pending(), paired: gateway.devices.paired() }),

  "device.pair.approve": ({ requestId, displayName }, { gateway, caller }) => {
    const request = gateway.devices.findPending(requestId);
    if (!request) throw notFound(`pairing request ${requestId}`);
    const excess = beyondCaller(caller, request.scopes);
    if (excess.length) throw new GatewayError("FORBIDDEN", `cannot approve scopes you do not hold: ${excess.join(", ")}`, { code: "MISSING_SCOPE", scopes: excess });
    gateway.devices.takePending(requestId);
    const existing = gateway.devices.grant(request.deviceId, request.role)?.scopes ?? [];
    gateway.devices.approve(
      { deviceId: request.deviceId, publicKey: request.publicKey, displayName: displayName ?? request.displayName, platform: request.platform, clientId: request.clientId },
      request.role,
      [...new Set([...existing, ...request.scopes])],
    );
    gateway.broadcast("device.pair.resolved", { requestId, deviceId: request.deviceId, decision: "approved", ts: gateway.now() });
    return { requestId, deviceId: request.deviceId, status: "approved" as const, device: gateway.devices.pairedDevice(request.deviceId) };
  },

  "device.pair.reject": ({ requestId }, { gateway }) => {
    const request = gateway.devices.takePending(requestId);
    if (!request) throw notFound(`pairing request ${requestId}`);
    gateway.broadcast("device.pair.resolved", { requestId, deviceId: request.deviceId, decision: "rejected", ts: gateway.now() });
    return { requestId, deviceId: request.deviceId, status: "rejected" as const };
  },

  "device.pair.remove": ({ deviceId }, { gateway }) => {
    const removed = gateway.devices.remove(deviceId);
    const closedSockets = removed ? gateway.closeDevice(deviceId, "device removed") : 0;
    return { deviceId, removed, closedSockets };
  },

  "device.token.rotate": ({ deviceId, role, scopes }, { gateway, caller }) => {
    const isAdmin = caller.hasScope("operator.admin");
    if (!isAdmin && caller.deviceId !== deviceId) {
      throw new GatewayError("FORBIDDEN", "only admins may rotate another device's token", { code: "MISSING_SCOPE", scope: "operator.admin" });
    }
    const grant = gateway.devices.grant(deviceId, role);
    if (!grant) throw notFound(`device ${deviceId} with role ${role}`);
    const wanted = scopes ?? grant.scopes;
    const beyondGrant = wanted.filter((s) => !grant.scopes.includes(s));
    if (beyondGrant.length) throw new GatewayError("FORBIDDEN", `scopes beyond the device's approval: ${beyondGrant.join(", ")}`, { code: "MISSING_SCOPE", scopes: beyondGrant });
    const excess = beyondCaller(caller, wanted);
    if (excess.length) throw new GatewayError("FORBIDDEN", `cannot grant scopes you do not hold: ${excess.join(", ")}`, { code: "MISSING_SCOPE", scopes: excess });
    const issued = gateway.devices.rotate(deviceId, role, wanted)!;
    gateway.closeDevice(deviceId, "device token rotated", role);
    return { deviceId, role, deviceToken: issued.deviceToken, scopes: issued.scopes, issuedAtMs: issued.issuedAtMs };
  },

  "device.token.revoke": ({ deviceId, role }, { gateway }) => {
    const revoked = gateway.devices.revoke(deviceId, role);
    const closedSockets = revoked ? gateway.closeDevice(deviceId, "device token revoked", role) : 0;
    return { deviceId, role, revoked, closedSockets };
  },
};
