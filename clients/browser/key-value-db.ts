/**
 * A tiny IndexedDB key-value store (one database, one object store). Values
 * are structured-cloned, so a non-extractable `CryptoKey` is kept as is:
 * the page can use it to sign but no script can read its bytes.
 */
const STORE = "kv";

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error("IndexedDB request failed"));
  });
}

export class KeyValueDb {
  private constructor(private readonly db: IDBDatabase) {}

  static open(name = "tidegate"): Promise<KeyValueDb> {
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    return request(req).then((db) => new KeyValueDb(db));
  }

  get<T>(key: string): Promise<T | undefined> {
    return request(this.db.transaction(STORE, "readonly").objectStore(STORE).get(key)) as Promise<T | undefined>;
  }

  async put(key: string, value: unknown): Promise<void> {
    await request(this.db.transaction(STORE, "readwrite").objectStore(STORE).put(value, key));
  }

  async delete(key: string): Promise<void> {
    await request(this.db.transaction(STORE, "readwrite").objectStore(STORE).delete(key));
  }
}
