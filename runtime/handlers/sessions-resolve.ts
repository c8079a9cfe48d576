/**
 * `sessions.resolve`: a session's canonical key from exactly one of a key (any
 * accepted spelling, such as `main`), a transcript id or a label, optionally
 * within one agent or the sessions spawned by one session (v3 semantics).
 */
import { GatewayError } from "../errors.js";
import type { GatewayServices } from "../services.js";
import { SessionKeyError } from "../sessions/keys.js";
import type { Handlers } from "./context.js";

export function sessionsResolveHandlers(s: Pick<GatewayServices, "sessions">): Handlers<"sessions.resolve"> {
  return {
    "sessions.resolve": ({ key, sessionId, label, agentId, spawnedBy }) => {
      const given = [key, sessionId, label].filter((v) => v !== undefined && v.trim() !== "");
      if (given.length > 1) throw new GatewayError("INVALID_PARAMS", "give either key, sessionId or label, not several");
      if (given.length === 0) throw new GatewayError("INVALID_PARAMS", "key, sessionId or label is required");
      if (key?.trim()) {
        let canonical: string;
        try {
          canonical = s.sessions.resolveKey(key.trim()).key;
        } catch (error) {
          if (error instanceof SessionKeyError) throw new GatewayError("INVALID_PARAMS", error.message, { field: "key" });
          throw error;
        }
        if (!s.sessions.get(canonical)) throw new GatewayError("NOT_FOUND", `no session found: ${key}`, { key });
        return { ok: true, key: canonical };
      }
      const id = sessionId?.trim();
      const rows = s.sessions.list({ agentId, spawnedBy, ...(id ? {} : { label: label!.trim() }) }).rows.filter((r) => !id || r.entry.sessionId === id || r.key === id);
      const what = id ? `sessionId ${id}` : `label ${label!.trim()}`;
      if (rows.length === 0) throw new GatewayError("NOT_FOUND", `no session found with ${what}`);
      if (rows.length > 1) throw new GatewayError("INVALID_PARAMS", `several sessions found with ${what} (${rows.map((r) => r.key).join(", ")})`);
      return { ok: true, key: rows[0].key };
    },
  };
}
