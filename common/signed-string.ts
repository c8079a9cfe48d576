/**
 * The strings a device signs in `connect` (protocol v3, and v2 for older
 * clients), built from the layout the registry publishes (`SIGNED_STRING`).
 * Shared by the gateway, which verifies, and the clients, which sign.
 */
import { SIGNED_STRING } from "../generated/ts/registry.js";

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

function field(f: SignedFields, name: string): string {
  switch (name) {
    case "scopes":
      return f.scopes.join(",");
    case "signedAtMs":
      return String(f.signedAtMs);
    case "platform":
    case "deviceFamily":
      return normalize(f[name]);
    default:
      return String(f[name as keyof SignedFields] ?? "");
  }
}

const build = ([prefix, ...names]: readonly string[], f: SignedFields) => [prefix, ...names.map((name) => field(f, name))].join("|");

/** `v3|deviceId|clientId|clientMode|role|scopesCSV|signedAtMs|token|nonce|platform|deviceFamily` */
export const signedStringV3 = (f: SignedFields): string => build(SIGNED_STRING.v3, f);

/** The v2 string: v3 without platform and device family. */
export const signedStringV2 = (f: SignedFields): string => build(SIGNED_STRING.v2, f);
