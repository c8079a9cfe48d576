/**
 * The sessions of one agent: `<state>/agents/<agentId>/sessions/sessions.json`
 * (a map from session key to entry) and one transcript per session,
 * `<sessionId>.jsonl`, beside it.
 */
import { join } from "node:path";
import type { Logger } from "../log.js";
import { JsonStore } from "../state/json-store.js";
import { acceptEntry, type SessionEntry } from "./entry.js";

export type SessionMap = Record<string, SessionEntry>;

export function sessionsDir(stateDir: string, agentId: string): string {
  return join(stateDir, "agents", agentId, "sessions");
}

function acceptMap(value: unknown): SessionMap {
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new Error("not an object of sessions");
  const map: SessionMap = Object.create(null);
  for (const [key, raw] of Object.entries(value)) {
    const entry = acceptEntry(raw);
    if (entry && key !== "__proto__") map[key] = entry;
  }
  return map;
}

export class AgentSessionStore {
  readonly dir: string;
  private readonly store: JsonStore<SessionMap>;
  /** `"key":{entry}` per session, so a write re-serializes only what changed. */
  private fragments?: Map<string, string>;

  constructor(
    stateDir: string,
    readonly agentId: string,
    log?: Pick<Logger, "warn" | "error">,
    now?: () => number,
  ) {
    this.dir = sessionsDir(stateDir, agentId);
    this.store = new JsonStore<SessionMap>({ path: join(this.dir, "sessions.json"), empty: () => Object.create(null), accept: acceptMap, log, now, serialize: (map) => this.serialize(map) });
  }

  get path(): string {
    return this.store.path;
  }

  get entries(): SessionMap {
    return this.store.current;
  }

  get(key: string): SessionEntry | undefined {
    return Object.hasOwn(this.store.current, key) ? this.store.current[key] : undefined;
  }

  transcriptPath(entry: Pick<SessionEntry, "sessionId">): string {
    return join(this.dir, `${entry.sessionId}.jsonl`);
  }

  private serialize(map: SessionMap): string {
    if (!this.fragments) {
      this.fragments = new Map();
      for (const key in map) this.fragments.set(key, `${JSON.stringify(key)}:${JSON.stringify(map[key])}`);
    }
    return `{${[...this.fragments.values()].join(",")}}\n`;
  }

  /** Set or remove (undefined) entries and wait until the change is durable. */
  async write(changes: Record<string, SessionEntry | undefined>): Promise<void> {
    await this.store.update((map) => {
      for (const [key, entry] of Object.entries(changes)) {
        if (entry === undefined) {
          delete map[key];
          this.fragments?.delete(key);
        } else {
          map[key] = entry;
          this.fragments?.set(key, `${JSON.stringify(key)}:${JSON.stringify(entry)}`);
        }
      }
    });
  }

  flush(): Promise<void> {
    return this.store.flush();
  }
}
