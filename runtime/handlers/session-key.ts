/** Session keys in params: checked and made canonical before a run starts, so a bad key is an INVALID_PARAMS answer, not a failed run. */
import { GatewayError } from "../errors.js";
import { normalizeSessionKey, SessionKeyError } from "../sessions/keys.js";

/** The canonical form of `key` (`main` → `agent:main:main`); `INVALID_PARAMS` naming what is wrong otherwise. */
export function sessionKeyParam(key: string): string;
export function sessionKeyParam(key: string | undefined): string | undefined;
export function sessionKeyParam(key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  try {
    return normalizeSessionKey(key);
  } catch (error) {
    if (error instanceof SessionKeyError) throw new GatewayError("INVALID_PARAMS", error.message, { field: "sessionKey" });
    throw error;
  }
}
