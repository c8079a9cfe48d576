/**
 * Ed25519 device identity: the signed strings of protocol v3 (and v2), and
 * verification of a `connect` device proof against this socket's nonce.
 */
import { createHash, createPublicKey, type KeyObject, verify } from "node:crypto";
import { type SignedFields, signedStringV2, signedStringV3 } from "../../common/signed-string.js";
import { LIMITS } from "../../generated/ts/registry.js";
import type { ConnectParams } from "../../generated/ts/types.js";
import { GatewayError } from "../errors.js";

const ED25519_SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

/** The credential a client signs: its shared token, else its device token. */
export function presentedCredential(params: ConnectParams): string {
  const auth = params.auth ?? {};
  for (const value of [auth.token, auth.deviceToken, auth.password]) if (value && value.trim() !== "") return value;
  return "";
}

/** Parsed keys of recently seen devices: building a KeyObject costs as much as verifying a signature. */
const KEY_CACHE_SIZE = 4096;
const keyCache = new Map<string, { key: KeyObject; raw: Buffer }>();

/** The Ed25519 key behind a base64url raw public key; throws a `GatewayError` when it is not one. */
export function publicKeyFromBase64Url(publicKey: string): { key: KeyObject; raw: Buffer } {
  const cached = keyCache.get(publicKey);
  if (cached) return cached;
  const parsed = parsePublicKey(publicKey);
  if (keyCache.size >= KEY_CACHE_SIZE) keyCache.delete(keyCache.keys().next().value!);
  keyCache.set(publicKey, parsed);
  return parsed;
}

function parsePublicKey(publicKey: string): { key: KeyObject; raw: Buffer } {
  const raw = /^[A-Za-z0-9_-]{43}$/.test(publicKey) ? Buffer.from(publicKey, "base64url") : Buffer.alloc(0);
  if (raw.length !== 32) throw invalid("DEVICE_AUTH_PUBLIC_KEY_INVALID", "device public key must be base64url of 32 raw Ed25519 bytes");
  try {
    return { key: createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: "der", type: "spki" }), raw };
  } catch {
    throw invalid("DEVICE_AUTH_PUBLIC_KEY_INVALID", "device public key is not a valid Ed25519 key");
  }
}

/** Lowercase hex SHA-256 of the raw key: the device id. */
export const deviceIdOf = (raw: Buffer) => createHash("sha256").update(raw).digest("hex");

type DeviceAuthReason =
  | "DEVICE_AUTH_PUBLIC_KEY_INVALID"
  | "DEVICE_AUTH_SIGNATURE_INVALID"
  | "DEVICE_AUTH_NONCE_MISMATCH"
  | "DEVICE_AUTH_NONCE_MISSING"
  | "DEVICE_AUTH_SIGNATURE_EXPIRED"
  | "DEVICE_AUTH_DEVICE_ID_MISMATCH";

const invalid = (reason: DeviceAuthReason, message: string) => new GatewayError(reason, message);

/** Check the device proof of `params` for a socket whose challenge was `nonce`. Returns which signed string matched. */
export function verifyDeviceProof(params: ConnectParams, nonce: string, now: number): "v3" | "v2" {
  const device = params.device!;
  if (!device.nonce) throw invalid("DEVICE_AUTH_NONCE_MISSING", "device.nonce is required");
  if (device.nonce !== nonce) throw invalid("DEVICE_AUTH_NONCE_MISMATCH", "device.nonce is not this connection's challenge nonce");
  if (Math.abs(now - device.signedAt) > LIMITS.signatureSkewMs) {
    throw invalid("DEVICE_AUTH_SIGNATURE_EXPIRED", "device.signedAt is more than 2 minutes from gateway time; check the device clock");
  }
  const { key, raw } = publicKeyFromBase64Url(device.publicKey);
  if (deviceIdOf(raw) !== device.id) throw invalid("DEVICE_AUTH_DEVICE_ID_MISMATCH", "device.id is not the SHA-256 of device.publicKey");
  const signature = /^[A-Za-z0-9_-]{86}$/.test(device.signature) ? Buffer.from(device.signature, "base64url") : Buffer.alloc(0);
  if (signature.length !== 64) throw invalid("DEVICE_AUTH_SIGNATURE_INVALID", "device.signature must be base64url of a 64-byte Ed25519 signature");
  const fields: SignedFields = {
    deviceId: device.id,
    clientId: params.client.id,
    clientMode: params.client.mode,
    role: params.role ?? "operator",
    scopes: params.scopes ?? [],
    signedAtMs: device.signedAt,
    token: presentedCredential(params),
    nonce: device.nonce,
    platform: params.client.platform,
    deviceFamily: params.client.deviceFamily,
  };
  if (verify(null, Buffer.from(signedStringV3(fields)), key, signature)) return "v3";
  if (verify(null, Buffer.from(signedStringV2(fields)), key, signature)) return "v2";
  throw invalid("DEVICE_AUTH_SIGNATURE_INVALID", "device signature does not match the connect parameters");
}
