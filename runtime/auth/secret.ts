/** Constant-time comparison of secrets and random tokens. */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();

/** Compare two secrets in constant time (both are hashed first, so lengths leak nothing). */
export function secretsEqual(presented: string, expected: string): boolean {
  return timingSafeEqual(digest(presented), digest(expected));
}

/** Lowercase hex SHA-256, for storing tokens. */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** A new random secret, base64url of 32 bytes. */
export function randomSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** A credential as sent: empty or whitespace-only counts as absent. */
export function presentSecret(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value;
}
