/**
 * `connect`: protocol range, shared secret or device token, Ed25519 device
 * proof, pairing, and the scopes the gateway grants. Throws `GatewayError`s
 * carrying the close code the socket must be closed with.
 */

import { type ErrorDetailCodeName, OPERATOR_SCOPES, PROTOCOL_VERSION } from "../../generated/ts/registry.js";
import type { ConnectParams, DevicePairRequest, HelloAuth, Role, Scope } from "../../generated/ts/types.js";
import { verifyDeviceProof } from "../auth/device-signature.js";
import type { AuthRateLimiter } from "../auth/rate-limiter.js";
import { presentSecret, secretsEqual } from "../auth/secret.js";
import type { GatewaySettings } from "../config/settings.js";
import { GatewayError, type GatewayErrorOptions } from "../errors.js";
import type { DeviceStore } from "../state/device-store.js";
import { CloseCode } from "./close-codes.js";
import type { Connection } from "./connection.js";

/** The client id v3 gives the gateway's own backend tools (the CLI's `health`, `status`, …). */
const GATEWAY_CLIENT_ID = "gateway-client";

/** What the handshake uses, and nothing more. */
export interface HandshakeDeps {
  settings: GatewaySettings;
  limiter: AuthRateLimiter;
  devices: DeviceStore;
  now(): number;
  /** A new pairing request was recorded (the composition root tells the pairing holders). */
  pairingRequested(request: DevicePairRequest, params: ConnectParams): void;
}

/** A handshake failure and the close code that follows it. */
export class HandshakeError extends GatewayError {
  constructor(reason: ErrorDetailCodeName, message: string, extra: Record<string, unknown> = {}, options: GatewayErrorOptions & { closeCode?: number } = {}) {
    super(reason, message, extra, options);
    this.closeCode = options.closeCode ?? CloseCode.policy;
  }

  readonly closeCode: number;

  /** Any error as a handshake failure closing with 1008. */
  static of(error: unknown): HandshakeError {
    if (error instanceof HandshakeError) return error;
    const e = GatewayError.from(error);
    const { code: reason, ...extra } = e.details;
    return new HandshakeError(reason, e.message, extra, { retryable: e.retryable, retryAfterMs: e.retryAfterMs, cause: e.cause });
  }
}

export interface Admission {
  role: Role;
  scopes: Scope[];
  deviceId?: string;
  auth?: HelloAuth;
}

/** Scopes a client asked for, in its order, limited to the ones that exist; nodes get none. */
function requestedScopes(params: ConnectParams, role: Role): Scope[] {
  if (role === "node") return [];
  return [...new Set((params.scopes ?? []).filter((s): s is Scope => (OPERATOR_SCOPES as readonly string[]).includes(s)))];
}

/** Decide a `connect`: the role, scopes and device it gets, or a `HandshakeError`. */
export function admit(deps: HandshakeDeps, conn: Connection, params: ConnectParams): Admission {
  const { settings, limiter, devices } = deps;
  const version = PROTOCOL_VERSION;
  if (!(params.minProtocol <= version && version <= params.maxProtocol)) {
    throw new HandshakeError("PROTOCOL_MISMATCH", `protocol mismatch: this gateway speaks protocol ${version}`, { expectedProtocol: version }, { closeCode: CloseCode.protocolMismatch });
  }
  const address = conn.peer.remoteAddress;
  const lockedFor = limiter.retryAfter(address);
  if (lockedFor > 0) {
    throw new HandshakeError("AUTH_RATE_LIMITED", "too many failed authentication attempts; try again later", {}, { retryable: true, retryAfterMs: lockedFor });
  }
  const authFailure = (detail: "AUTH_TOKEN_MISMATCH" | "AUTH_PASSWORD_MISMATCH" | "AUTH_REQUIRED" | "AUTH_DEVICE_TOKEN_INVALID", message: string) => {
    // Wrong secrets count per kind; no credential at all is not a guess and is not counted (see rate-limiter.ts).
    if (detail !== "AUTH_REQUIRED") limiter.fail(address, detail === "AUTH_DEVICE_TOKEN_INVALID" ? "deviceToken" : "shared");
    const retryAfterMs = limiter.retryAfter(address);
    return new HandshakeError(detail, message, {}, retryAfterMs ? { retryAfterMs } : {});
  };

  const role: Role = params.role ?? "operator";
  // `asked` keeps the client's order for what is recorded (v3 lists a device's scopes so); the
  // connection's own scopes are sorted.
  const asked = requestedScopes(params, role);
  const scopes = [...asked].sort();
  const token = presentSecret(params.auth?.token);
  const password = presentSecret(params.auth?.password);
  const deviceToken = presentSecret(params.auth?.deviceToken);

  // Shared secret: true when valid, false when wrong, undefined when none was presented.
  let shared: boolean | undefined;
  if (settings.auth.mode === "none") shared = true;
  else if (settings.auth.mode === "token" && token !== undefined) shared = secretsEqual(token, settings.auth.token ?? "");
  else if (settings.auth.mode === "password" && password !== undefined) shared = secretsEqual(password, settings.auth.password ?? "");
  if (shared === false) {
    throw settings.auth.mode === "password" ? authFailure("AUTH_PASSWORD_MISMATCH", "wrong password") : authFailure("AUTH_TOKEN_MISMATCH", "wrong gateway token");
  }

  if (!params.device) {
    if (!shared)
      throw authFailure("AUTH_REQUIRED", `this gateway requires a ${settings.auth.mode === "password" ? "password" : "token"} (auth.${settings.auth.mode === "password" ? "password" : "token"})`);
    if (role === "node") throw new HandshakeError("AUTH_REQUIRED", "nodes must present a device identity (device)");
    // No device identity, no operator scopes: scopes belong to paired devices. Only the documented
    // local-only switch (gateway.auth.trustLocalWithoutDevice) lends a local secret holder what it asks for.
    return { role, scopes: settings.auth.trustLocalWithoutDevice && conn.isLocal ? scopes : [] };
  }

  if (!shared && deviceToken === undefined) throw authFailure("AUTH_REQUIRED", "a gateway token or a device token is required");
  verifyDeviceProofOrThrow(params, conn.nonce, deps.now());
  const deviceId = params.device.id;
  const tokenValid = deviceToken !== undefined && devices.checkToken(deviceId, role, deviceToken);
  if (!shared && !tokenValid) throw authFailure("AUTH_DEVICE_TOKEN_INVALID", "device token is not valid for this device and role");

  if (devices.get(deviceId) === undefined && backendSelfConnection(params, role, shared, settings.auth.mode, conn)) {
    // v3: the gateway's own local tools (`gateway-client` in `backend` mode, e.g. the CLI's `health`
    // and `status`) holding the shared secret are not paired: a device the gateway does not know is
    // not recorded (so it is not pinned to the one scope such a call asks for) and gets no device
    // token. A known device goes through its grant as always: it is never widened here.
    return { role, scopes, deviceId };
  }

  const grant = devices.grant(deviceId, role);
  const withinGrant = grant !== undefined && scopes.every((s) => grant.scopes.includes(s));
  if (!withinGrant) {
    if (shared && conn.isLocal && devices.get(deviceId) === undefined) {
      // A NEW device on a direct loopback client holding the gateway secret is approved silently.
      // An existing device's grant never widens (nor a revoked role comes back) without an approved request.
      const issued = devices.approveAndIssue(
        { deviceId, publicKey: params.device.publicKey, displayName: params.client.displayName, platform: params.client.platform, clientId: params.client.id, clientMode: params.client.mode },
        role,
        [...new Set([...(grant?.scopes ?? []), ...asked])],
        tokenValid ? deviceToken : undefined,
      );
      devices.touch(deviceId);
      return { role, scopes, deviceId, auth: issued };
    }
    const pending = devices.request({
      deviceId,
      publicKey: params.device.publicKey,
      displayName: params.client.displayName,
      platform: params.client.platform,
      deviceFamily: params.client.deviceFamily,
      clientId: params.client.id,
      clientMode: params.client.mode,
      role,
      scopes: asked,
      remoteIp: conn.reportedIp,
    });
    if (!pending) throw new HandshakeError("PAIRING_QUEUE_FULL", "too many pairing requests are pending; try again later", {}, { retryable: true });
    if (pending.created) {
      deps.pairingRequested(pending.request, params);
    }
    throw new HandshakeError("PAIRING_REQUIRED", "this device is not paired: approve it with `tidegate devices approve` on the gateway", { requestId: pending.request.requestId });
  }
  devices.touch(deviceId);
  if (tokenValid) devices.tokenUsed(deviceId, role);
  const effective = scopes.length ? scopes : grant.scopes;
  return { role, scopes: role === "node" ? [] : effective, deviceId, auth: devices.issue(deviceId, role, tokenValid ? deviceToken : undefined) };
}

/** v3's backend self-connection: `gateway-client`/`backend`, operator, shared token or password, direct loopback. */
function backendSelfConnection(params: ConnectParams, role: Role, shared: boolean | undefined, mode: GatewaySettings["auth"]["mode"], conn: Connection): boolean {
  return role === "operator" && params.client.id === GATEWAY_CLIENT_ID && params.client.mode === "backend" && shared === true && (mode === "token" || mode === "password") && conn.isLocal;
}

function verifyDeviceProofOrThrow(params: ConnectParams, nonce: string, now: number): void {
  try {
    verifyDeviceProof(params, nonce, now);
  } catch (error) {
    throw HandshakeError.of(error);
  }
}
