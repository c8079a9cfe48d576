/**
 * The UI's one connection to the gateway that served it.
 * - The URL is always this page's own origin (ws: or wss:); nothing is read from the query string.
 * - The shared secret lives in this module's memory only (never localStorage/sessionStorage,
 *   never a URL): after the device is paired the stored device token is enough, so a reload
 *   asks for the secret again only when the device token is gone.
 * - The device key (non-extractable) and device tokens live in IndexedDB (clients/browser).
 */
import { createBrowserClient, forgetDeviceTokens, forgetIdentity, hasDeviceToken, KeyValueDb } from "../../clients/browser/index.js";
import type { GatewayClientError } from "../../clients/ts/client-error.js";
import type { ProtocolClient } from "../../clients/ts/protocol-client.js";
import type { HelloOk } from "../../generated/ts/types.js";

export type Status = "idle" | "connecting" | "pairing" | "connected" | "disconnected" | "failed";

export interface ConnectionState {
  status: Status;
  url: string;
  client?: ProtocolClient;
  hello?: HelloOk;
  deviceId?: string;
  /** The pending pairing request of this browser. */
  requestId?: string;
  error?: string;
}

/** This page's own gateway: same host and port, ws or wss by the page's scheme. */
export const gatewayUrl = (): string => `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}/`;

let state: ConnectionState = { status: "idle", url: gatewayUrl() };
const listeners = new Set<(s: ConnectionState) => void>();

function update(patch: Partial<ConnectionState>): void {
  state = { ...state, ...patch };
  for (const listener of listeners) listener(state);
}

export const connection = {
  get: (): ConnectionState => state,
  subscribe(listener: (s: ConnectionState) => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },

  /** Connect with the shared secret (memory only; the gateway's token or its password), or with the stored device token when it is empty. */
  async connect(secret?: string, kind: "token" | "password" = "token"): Promise<void> {
    await state.client?.close();
    update({ status: "connecting", error: undefined, requestId: undefined, hello: undefined, client: undefined });
    let client: ProtocolClient;
    try {
      client = await createBrowserClient({ url: state.url, [kind]: secret || undefined, backoff: { initialMs: 1000, maxMs: 5000 } });
    } catch (error) {
      return update({ status: "failed", error: (error as Error).message });
    }
    update({ client, deviceId: client.deviceId });
    client.onLifecycle("hello", (hello) => update({ status: "connected", hello, requestId: undefined, error: undefined }));
    client.onLifecycle("disconnect", ({ code, reason }) => update({ status: "disconnected", error: `disconnected (${code}${reason ? `: ${reason}` : ""}); reconnecting` }));
    client.onLifecycle("retry", ({ error }) => {
      if (error.detailCode === "PAIRING_REQUIRED") update({ status: "pairing", requestId: String(error.details?.requestId ?? ""), error: error.message });
      else update({ status: "connecting", error: error.message });
    });
    try {
      await client.start();
    } catch (error) {
      if (state.client === client) update({ status: "failed", error: (error as GatewayClientError).message });
    }
  },

  /** On load: connect at once when this browser already holds a device token for this gateway. */
  async resume(): Promise<void> {
    try {
      if (await hasDeviceToken(state.url)) await connection.connect();
    } catch (error) {
      update({ status: "failed", error: (error as Error).message });
    }
  },

  async disconnect(): Promise<void> {
    const client = state.client;
    update({ status: "idle", client: undefined, hello: undefined, requestId: undefined, error: undefined });
    await client?.close();
  },

  /** Drop this browser's device key and tokens: the next connect is a new device. */
  async forgetDevice(): Promise<void> {
    await connection.disconnect();
    const db = await KeyValueDb.open();
    await forgetIdentity(db);
    await forgetDeviceTokens(db);
    update({ deviceId: undefined });
  },
};
