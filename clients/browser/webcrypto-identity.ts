/**
 * The browser's device identity: an Ed25519 key pair made by WebCrypto with a
 * NON-EXTRACTABLE private key, kept in IndexedDB (created on first use). The
 * device id is the SHA-256 of the raw public key (hex), as everywhere else.
 * WebCrypto exists only in secure contexts (https, or http on localhost).
 */
import type { DeviceSigner } from "../ts/client-transport.js";
import type { KeyValueDb } from "./key-value-db.js";

const KEY = "device-key";

const base64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

export class WebCryptoIdentity implements DeviceSigner {
  private constructor(
    private readonly privateKey: CryptoKey,
    readonly publicKey: string,
    readonly deviceId: string,
  ) {}

  /** The identity stored in `db`, created (and stored) on first use. */
  static async load(db: KeyValueDb): Promise<WebCryptoIdentity> {
    if (!globalThis.crypto?.subtle) throw new Error("WebCrypto is not available: open the Control UI over https or on localhost");
    let pair = await db.get<CryptoKeyPair>(KEY);
    if (!pair) {
      pair = (await crypto.subtle.generateKey({ name: "Ed25519" }, false, ["sign", "verify"])) as CryptoKeyPair;
      await db.put(KEY, pair);
    }
    const raw = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", raw));
    return new WebCryptoIdentity(pair.privateKey, base64url(raw), hex(digest));
  }

  async sign(text: string): Promise<string> {
    const signature = await crypto.subtle.sign({ name: "Ed25519" }, this.privateKey, new TextEncoder().encode(text));
    return base64url(new Uint8Array(signature));
  }
}

/** Forget the stored key (a new device on the next load). */
export const forgetIdentity = (db: KeyValueDb): Promise<void> => db.delete(KEY);
