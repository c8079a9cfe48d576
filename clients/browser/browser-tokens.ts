/**
 * Device tokens in the browser: read from memory, written through to IndexedDB.
 * A device token is this device's own, revocable credential; the gateway's
 * SHARED secret is never stored here (the UI keeps it in page memory only).
 */
import type { HelloAuth, Role } from "../../generated/ts/types.js";
import { MemoryDeviceTokens } from "../ts/client-transport.js";
import type { KeyValueDb } from "./key-value-db.js";

const KEY = "device-tokens";

export class BrowserDeviceTokens extends MemoryDeviceTokens {
  private constructor(private readonly db: KeyValueDb) {
    super();
  }

  static async load(db: KeyValueDb): Promise<BrowserDeviceTokens> {
    const store = new BrowserDeviceTokens(db);
    store.tokens = (await db.get<typeof store.tokens>(KEY)) ?? {};
    return store;
  }

  override set(url: string, auth: HelloAuth): void {
    super.set(url, auth);
    void this.db.put(KEY, this.tokens);
  }

  override delete(url: string, role: Role): void {
    super.delete(url, role);
    void this.db.put(KEY, this.tokens);
  }
}

/** Drop every stored device token. */
export const forgetDeviceTokens = (db: KeyValueDb): Promise<void> => db.delete(KEY);
