/**
 * Device pairing and tokens. Approvals and rotations never grant more than
 * the approved scopes nor the caller's own; non-admins rotate only their own
 * device; revoking, rotating or removing another device needs its whole grant
 * and closes its live sockets; approving a node needs admin.
 */
import type { Role, Scope } from "../../generated/ts/types.js";
import { GatewayError } from "../errors.js";
import type { GatewayServices } from "../services.js";
import type { Caller, Handlers } from "./context.js";

type DeviceMethod = "device.pair.list" | "device.pair.approve" | "device.pair.reject" | "device.pair.remove" | "device.token.rotate" | "device.token.revoke";

const notFound = (what: string) => new GatewayError("NOT_FOUND", `${what} not found`);

/** Scopes in `wanted` the caller does not hold itself. */
const beyondCaller = (caller: Caller, wanted: readonly Scope[]): Scope[] => wanted.filter((scope) => !caller.hasScope(scope));

const NEEDS_ADMIN_FOR_NODES = "approving a node needs operator.admin: a node's commands (system.run among them) are declared at each connect, not bound by its pairing";

/** Approving a node pairing request needs admin (shared with node.pair.approve). */
export function assertMayApproveNode(caller: Caller): void {
  if (!caller.hasScope("operator.admin")) throw new GatewayError("MISSING_SCOPE", NEEDS_ADMIN_FOR_NODES, { scope: "operator.admin" });
}

export function deviceHandlers({ devices, events, connections, clock }: Pick<GatewayServices, "devices" | "events" | "connections" | "clock">): Handlers<DeviceMethod> {
  /**
   * Revoking, rotating or removing another device needs the caller to hold that device's whole
   * grant (of `role`, or of every role): `operator.pairing` must not reach an admin device.
   */
  const assertHoldsGrant = (caller: Caller, deviceId: string, role?: Role) => {
    if (caller.deviceId === deviceId) return;
    const roles: Role[] = role ? [role] : ["operator", "node"];
    const granted = [...new Set(roles.flatMap((r) => devices.grant(deviceId, r)?.scopes ?? []))];
    const excess = beyondCaller(caller, granted);
    if (excess.length) throw new GatewayError("MISSING_SCOPE", `that device holds scopes you do not: ${excess.join(", ")}`, { scopes: excess });
  };

  return {
    // Newest first, as v3 lists them.
    "device.pair.list": () => ({ pending: devices.pending().sort((a, b) => b.ts - a.ts), paired: devices.paired() }),

    "device.pair.approve": ({ requestId, displayName }, { caller }) => {
      const request = devices.findPending(requestId);
      if (!request) throw notFound(`pairing request ${requestId}`);
      if (request.role === "node") assertMayApproveNode(caller);
      const excess = beyondCaller(caller, request.scopes);
      if (excess.length) throw new GatewayError("MISSING_SCOPE", `cannot approve scopes you do not hold: ${excess.join(", ")}`, { scopes: excess });
      devices.takePending(requestId);
      const existing = devices.grant(request.deviceId, request.role)?.scopes ?? [];
      devices.approve(
        {
          deviceId: request.deviceId,
          publicKey: request.publicKey,
          displayName: displayName ?? request.displayName,
          platform: request.platform,
          clientId: request.clientId,
          clientMode: request.clientMode,
        },
        request.role,
        [...new Set([...existing, ...request.scopes])],
      );
      events.broadcast("device.pair.resolved", { requestId, deviceId: request.deviceId, decision: "approved", ts: clock.now() });
      return { requestId, device: devices.pairedDevice(request.deviceId)! };
    },

    "device.pair.reject": ({ requestId }) => {
      const request = devices.takePending(requestId);
      if (!request) throw notFound(`pairing request ${requestId}`);
      events.broadcast("device.pair.resolved", { requestId, deviceId: request.deviceId, decision: "rejected", ts: clock.now() });
      return { requestId, deviceId: request.deviceId };
    },

    "device.pair.remove": ({ deviceId }, { caller }) => {
      assertHoldsGrant(caller, deviceId);
      if (!devices.remove(deviceId)) throw notFound(`device ${deviceId}`);
      connections.closeDevice(deviceId, "device removed");
      return { deviceId };
    },

    "device.token.rotate": ({ deviceId, role, scopes }, { caller }) => {
      if (!caller.hasScope("operator.admin") && caller.deviceId !== deviceId) {
        throw new GatewayError("MISSING_SCOPE", "only admins may rotate another device's token", { scope: "operator.admin" });
      }
      const grant = devices.grant(deviceId, role);
      if (!grant) throw notFound(`device ${deviceId} with role ${role}`);
      assertHoldsGrant(caller, deviceId, role);
      const wanted = scopes ?? grant.scopes;
      const beyondGrant = wanted.filter((s) => !grant.scopes.includes(s));
      if (beyondGrant.length) throw new GatewayError("MISSING_SCOPE", `scopes beyond the device's approval: ${beyondGrant.join(", ")}`, { scopes: beyondGrant });
      const excess = beyondCaller(caller, wanted);
      if (excess.length) throw new GatewayError("MISSING_SCOPE", `cannot grant scopes you do not hold: ${excess.join(", ")}`, { scopes: excess });
      const issued = devices.rotate(deviceId, role, wanted)!;
      connections.closeDevice(deviceId, "device token rotated", role);
      return { deviceId, role, token: issued.deviceToken, scopes: issued.scopes, rotatedAtMs: issued.issuedAtMs };
    },

    "device.token.revoke": ({ deviceId, role }, { caller }) => {
      assertHoldsGrant(caller, deviceId, role);
      if (!devices.revoke(deviceId, role)) throw notFound(`token of device ${deviceId} with role ${role}`);
      connections.closeDevice(deviceId, "device token revoked", role);
      return { deviceId, role, revokedAtMs: clock.now() };
    },
  };
}
