/**
 * The strings a device signs in `connect` (protocol v3, and v2 for older
 * clients). Shared by the gateway, which verifies, and the clients, which sign.
 */
export interface SignedFields {
  deviceId: string;
  clientId: string;
  clientMode: string;
  role: string;
  scopes: readonly string[];
  signedAtMs: number;
  /** The credential actually presented (token or device token), empty when none. */
  token: string;
  nonce: string;
  platform?: string;
  deviceFamily?: string;
}

const normalize = (value: string | undefined) => (value ?? "").trim().toLowerCase();

/** `v3|deviceId|clientId|clientMode|role|scopesCSV|signedAtMs|token|nonce|platform|deviceFamily` */
export function signedStringV3(f: SignedFields): string {
  return ["v3", f.deviceId, f.clientId, f.clientMode, f.role, f.scopes.join(","), String(f.signedAtMs), f.token, f.nonce, normalize(f.platform), normalize(f.deviceFamily)].join("|");
}

/** The v2 string: v3 without platform and device family. */
export function signedStringV2(f: SignedFields): string {
  return ["v2", f.deviceId, f.clientId, f.clientMode, f.role, f.scopes.join(","), String(f.signedAtMs), f.token, f.nonce].join("|");
}
