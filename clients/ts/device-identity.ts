/**
 * A persisted Ed25519 device identity (`<state>/identity/device.json`, mode
 * 0600) and the device tokens the gateway issued to it, per gateway and role
 * (`<state>/identity/device-tokens.json`, mode 0600).
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign } from "node:crypto";
import { chmodSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { readTextIfExists } from "../../common/read-text.js";
import type { HelloAuth, Role } from "../../generated/ts/types.js";

function writePrivate(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, text, { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, path);
}

function readJson<T>(path: string): T | undefined {
  const text = readTextIfExists(path);
  return text === undefined ? undefined : (JSON.parse(text) as T);
}

export class DeviceIdentity {
  readonly deviceId: string;
  readonly publicKey: string;

  private constructor(private readonly privateKey: KeyObject) {
    const raw = (createPublicKey(privateKey).export({ format: "der", type: "spki" }) as Buffer).subarray(12);
    this.publicKey = raw.toString("base64url");
    this.deviceId = createHash("sha256").update(raw).digest("hex");
  }

  /** A fresh identity that lives only in memory. */
  static ephemeral(): DeviceIdentity {
    return new DeviceIdentity(generateKeyPairSync("ed25519").privateKey);
  }

  /** The identity stored under `stateDir`, created on first use. */
  static load(stateDir: string): DeviceIdentity {
    const path = join(stateDir, "identity", "device.json");
    const stored = readJson<{ privateKeyPem: string }>(path);
    if (stored) return new DeviceIdentity(createPrivateKey(stored.privateKeyPem));
    const { privateKey } = generateKeyPairSync("ed25519");
    const identity = new DeviceIdentity(privateKey);
    writePrivate(path, JSON.stringify({ deviceId: identity.deviceId, publicKey: identity.publicKey, privateKeyPem: privateKey.export({ format: "pem", type: "pkcs8" }) }, null, 2) + "\n");
    return identity;
  }

  sign(text: string): string {
    return sign(null, Buffer.from(text, "utf8"), this.privateKey).toString("base64url");
  }
}

type TokenFile = Record<string, Partial<Record<Role, HelloAuth>>>;

/** Device tokens by gateway URL and role; in memory when no state directory is given. */
export class DeviceTokenStore {
  private tokens: TokenFile;

  constructor(private readonly path?: string) {
    this.tokens = (path ? readJson<TokenFile>(path) : undefined) ?? {};
  }

  static at(stateDir: string): DeviceTokenStore {
    return new DeviceTokenStore(join(stateDir, "identity", "device-tokens.json"));
  }

  get(url: string, role: Role): HelloAuth | undefined {
    return this.tokens[url]?.[role];
  }

  set(url: string, auth: HelloAuth): void {
    this.tokens[url] = { ...this.tokens[url], [auth.role]: auth };
    this.save();
  }

  delete(url: string, role: Role): void {
    if (!this.tokens[url]?.[role]) return;
    delete this.tokens[url][role];
    this.save();
  }

  private save(): void {
    if (this.path) writePrivate(this.path, JSON.stringify(this.tokens, null, 2) + "\n");
  }
}
