/**
 * Protocol facts that are values rather than shapes: scopes and what each implies, close
 * codes, limits and defaults, the layout of the signed device string. Codegen publishes each
 * one (TS constants, docs); the gateway and the clients read them from there, never from a
 * second hand-written copy.
 */
import { PROTOCOL_VERSION } from "./version.js";

/** A named protocol constant with its meaning. */
export interface ConstantSpec<T = unknown> {
  description: string;
  value: T;
}

const constant = <const T>(description: string, value: T): ConstantSpec<T> => ({ description, value });

const OPERATOR_SCOPES = ["operator.admin", "operator.read", "operator.write", "operator.approvals", "operator.pairing"] as const;

/** Fields of the signed device string after its version prefix, in order (v2 stops after `nonce`). */
const SIGNED_FIELDS_V2 = ["deviceId", "clientId", "clientMode", "role", "scopes", "signedAtMs", "token", "nonce"] as const;

export const constants = {
  PROTOCOL_RANGE: constant("The protocol versions this gateway accepts in `connect` (`minProtocol` ≤ version ≤ `maxProtocol`).", {
    min: PROTOCOL_VERSION,
    max: PROTOCOL_VERSION,
  }),
  OPERATOR_SCOPES: constant("Every operator scope. Nodes hold none.", OPERATOR_SCOPES),
  SCOPE_IMPLIES: constant("Scopes that satisfy other scopes besides themselves: admin passes every check, write also satisfies read.", {
    "operator.admin": OPERATOR_SCOPES,
    "operator.write": ["operator.read"],
  }),
  CLOSE_CODES: constant("WebSocket close codes and their meaning.", {
    /** `minProtocol`/`maxProtocol` exclude the gateway's version. */
    protocolMismatch: 1002,
    /** A binary frame. */
    unsupported: 1003,
    /** Invalid UTF-8 in a text frame. */
    invalidPayload: 1007,
    /** Handshake, auth, origin, pairing, handshake timeout, slow consumer, revoked token, flood. */
    policy: 1008,
    /** A frame over the size limit of its phase. */
    tooBig: 1009,
    /** The gateway is shutting down or restarting. */
    restart: 1012,
    /** Client side: two ticks were missed. */
    tickTimeout: 4000,
  }),
  DEFAULT_PORTS: constant("Ports a gateway listens on unless told otherwise: the default, and the `--dev` profile's.", { default: 18789, dev: 19789 }),
  LIMITS: constant("Defaults of the gateway's limits and timers (config may change those under `gateway.limits`).", {
    /** Largest frame after authentication, bytes (advertised in `hello-ok.policy.maxPayload`; v3's 25 MiB, so camera/screen results and image attachments fit). */
    maxPayload: 25 * 1024 * 1024,
    /** Largest frame before authentication, bytes. */
    preAuthMaxPayload: 64 * 1024,
    /** Outbound bytes queued per socket before droppable events are skipped and others close it. */
    maxBufferedBytes: 50 * 1024 * 1024,
    /** Time from upgrade to a successful `connect`, ms. */
    handshakeTimeoutMs: 10_000,
    /** Interval of `tick` events, ms; clients close after two missed ticks. */
    tickIntervalMs: 30_000,
    /** Interval of `health` events, ms. */
    healthIntervalMs: 60_000,
    /** Largest allowed `|now - device.signedAt|`, ms. */
    signatureSkewMs: 2 * 60_000,
    /** How long a repeated `idempotencyKey` returns the first result, ms. */
    idempotencyTtlMs: 5 * 60_000,
    /** How long a pairing request waits for a decision, ms. */
    pairingRequestTtlMs: 5 * 60_000,
    /** Default `node.invoke` timeout, ms. */
    nodeInvokeTimeoutMs: 30_000,
    /** Failed shared-secret attempts per address and minute before a lockout. */
    authMaxFailures: 10,
    /** Window in which failures are counted, ms. */
    authFailureWindowMs: 60_000,
    /** Lockout after too many failures, ms. */
    authLockoutMs: 5 * 60_000,
  }),
  SIGNED_STRING: constant(
    "Layout of the string a device signs in `connect`: the prefix, then these fields joined with `|` (scopes as CSV; platform and deviceFamily trimmed and lowercased; token is the credential presented, empty when none).",
    { v3: ["v3", ...SIGNED_FIELDS_V2, "platform", "deviceFamily"], v2: ["v2", ...SIGNED_FIELDS_V2] },
  ),
  TRANSIENT_CLIENT_MODES: constant("Client modes of short-lived tools, which are not listed in presence (a CLI call is not a connected client).", ["cli", "probe"]),
} as const;
