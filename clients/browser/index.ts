/** The gateway client in a browser: WebSocket, a WebCrypto Ed25519 identity and device tokens in IndexedDB. */
import { PRODUCT_VERSION } from "../../generated/ts/registry.js";
import { ProtocolClient, type ProtocolClientOptions } from "../ts/protocol-client.js";
import { openBrowserSocket } from "./browser-socket.js";
import { BrowserDeviceTokens } from "./browser-tokens.js";
import { KeyValueDb } from "./key-value-db.js";
import { WebCryptoIdentity } from "./webcrypto-identity.js";

export { openBrowserSocket } from "./browser-socket.js";
export { BrowserDeviceTokens, forgetDeviceTokens } from "./browser-tokens.js";
export { KeyValueDb } from "./key-value-db.js";
export { forgetIdentity, WebCryptoIdentity } from "./webcrypto-identity.js";

export type BrowserClientOptions = Omit<ProtocolClientOptions, "identity" | "tokens" | "openSocket" | "platform">;

/** A protocol client with this browser's stored device identity and tokens. */
export async function createBrowserClient(options: BrowserClientOptions, db?: KeyValueDb): Promise<ProtocolClient> {
  const store = db ?? (await KeyValueDb.open());
  const [identity, tokens] = await Promise.all([WebCryptoIdentity.load(store), BrowserDeviceTokens.load(store)]);
  return new ProtocolClient({
    ...options,
    client: { id: "control-ui", mode: "ui", version: PRODUCT_VERSION, platform: "web", ...options.client },
    identity,
    tokens,
    openSocket: openBrowserSocket,
    platform: "web",
  });
}

/** True when this browser holds a device token for `url` (it can connect without the shared secret). */
export async function hasDeviceToken(url: string, role: ProtocolClientOptions["role"] = "operator", db?: KeyValueDb): Promise<boolean> {
  const tokens = await BrowserDeviceTokens.load(db ?? (await KeyValueDb.open()));
  return tokens.get(url, role ?? "operator") !== undefined;
}
