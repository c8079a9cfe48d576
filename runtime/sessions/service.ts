/**
 * The operations behind `sessions.*`, over one store per agent. Every change
 * resolves only once it is on disk. Transcripts are archived, never deleted.
 */
import { randomUUID } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { Logger } from "../log.js";
import { applyPatch, modelOf, type SessionEntry, type SessionPatch } from "./entry.js";
import { chatTypeOfKey, DEFAULT_AGENT_ID, formatSessionKey, normalizeAgentId, parseSessionKey, type SessionKeyParts } from "./keys.js";
import { AgentSessionStore } from "./store.js";
import { appendMessages, archiveTranscript, clip, compactTranscript, readMessages, summarize, type TranscriptMessage, textOf } from "./transcript.js";

export type SessionChangeKind = "created" | "patched" | "reset" | "deleted" | "compacted" | "message";

export interface SessionChange {
  kind: SessionChangeKind;
  key: string;
  agentId: string;
  sessionId?: string;
  ts: number;
}

export interface SessionServiceOptions {
  stateDir: string;
  now?: () => number;
  log?: Pick<Logger, "warn" | "error" | "info">;
  defaultAgentId?: string;
  /** Called after every durable change (the handlers turn it into events). */
  onChange?: (change: SessionChange) => void;
}

export interface ListOptions {
  limit?: number;
  activeMinutes?: number;
  agentId?: string;
  search?: string;
  label?: string;
  spawnedBy?: string;
  /** Read transcripts for a title derived from the first user message. */
  derivedTitles?: boolean;
  /** Read transcripts for a preview of the last message. */
  lastMessage?: boolean;
}

export interface SessionRow {
  key: string;
  agentId: string;
  kind: SessionKeyParts["kind"];
  entry: SessionEntry;
  model?: string;
  derivedTitle?: string;
  lastMessagePreview?: string;
}

export interface PreviewItem {
  role: string;
  text: string;
}

export interface SessionPreview {
  key: string;
  status: "ok" | "empty" | "missing" | "error";
  items: PreviewItem[];
}

export class SessionNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`no session '${key}'`);
    this.name = "SessionNotFoundError";
  }
}

export class SessionRuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SessionRuleError";
  }
}

export class SessionService {
  private readonly stores = new Map<string, AgentSessionStore>();
  private readonly now: () => number;
  readonly defaultAgentId: string;

  constructor(private readonly options: SessionServiceOptions) {
    this.now = options.now ?? Date.now;
    this.defaultAgentId = normalizeAgentId(options.defaultAgentId ?? DEFAULT_AGENT_ID);
    const agents = join(options.stateDir, "agents");
    if (existsSync(agents)) {
      for (const name of readdirSync(agents)) {
        if (existsSync(join(agents, name, "sessions", "sessions.json"))) {
          try {
            this.storeOf(normalizeAgentId(name));
          } catch {
            options.log?.warn(`ignoring agent directory with an invalid name: ${name}`);
          }
        }
      }
    }
  }

  /** Parse and canonicalize a key (throws `SessionKeyError`). */
  resolveKey(key: string): { key: string; parts: SessionKeyParts } {
    const parts = parseSessionKey(key, this.defaultAgentId);
    return { key: formatSessionKey(parts), parts };
  }

  storeOf(agentId: string): AgentSessionStore {
    let store = this.stores.get(agentId);
    if (!store) {
      store = new AgentSessionStore(this.options.stateDir, agentId, this.options.log, this.now);
      this.stores.set(agentId, store);
    }
    return store;
  }

  /** The store file of an agent. */
  storePath(agentId: string): string {
    return this.storeOf(normalizeAgentId(agentId)).path;
  }

  get agents(): string[] {
    return [...this.stores.keys()];
  }

  get(key: string): SessionEntry | undefined {
    const { key: k, parts } = this.resolveKey(key);
    return this.storeOf(parts.agentId).get(k);
  }

  transcriptPath(key: string): string | undefined {
    const { key: k, parts } = this.resolveKey(key);
    const store = this.storeOf(parts.agentId);
    const entry = store.get(k);
    return entry && store.transcriptPath(entry);
  }

  private emit(kind: SessionChangeKind, key: string, agentId: string, sessionId?: string): void {
    this.options.onChange?.({ kind, key, agentId, sessionId, ts: this.now() });
  }

  private fresh(parts: SessionKeyParts): SessionEntry {
    const now = this.now();
    const entry: SessionEntry = { sessionId: randomUUID(), createdAt: now, updatedAt: now, chatType: chatTypeOfKey(parts) };
    if (parts.kind === "group" || parts.kind === "thread" || parts.kind === "dm") entry.channel = parts.channel;
    return entry;
  }

  /** Sessions, most recently active first. */
  list(options: ListOptions = {}): { rows: SessionRow[]; total: number } {
    const now = this.now();
    const since = options.activeMinutes ? now - options.activeMinutes * 60_000 : undefined;
    const search = options.search?.trim().toLowerCase();
    const agentFilter = options.agentId ? normalizeAgentId(options.agentId) : undefined;
    const found: { key: string; agentId: string; entry: SessionEntry }[] = [];
    for (const [agentId, store] of this.stores) {
      if (agentFilter && agentId !== agentFilter) continue;
      const map = store.entries;
      for (const key in map) {
        const entry = map[key];
        if (since !== undefined && entry.updatedAt < since) continue;
        if (options.label !== undefined && entry.label !== options.label) continue;
        if (options.spawnedBy !== undefined && entry.spawnedBy !== options.spawnedBy) continue;
        if (search && ![key, entry.label, entry.displayName, entry.sessionId].some((f) => f?.toLowerCase().includes(search))) continue;
        found.push({ key, agentId, entry });
      }
    }
    found.sort((a, b) => b.entry.updatedAt - a.entry.updatedAt || (a.key < b.key ? -1 : 1));
    const total = found.length;
    const page = options.limit ? found.slice(0, options.limit) : found;
    const rows = page.map(({ key, agentId, entry }): SessionRow => {
      const row: SessionRow = { key, agentId, kind: safeKind(key), entry };
      const model = modelOf(entry);
      if (model) row.model = model;
      if (options.derivedTitles || options.lastMessage) {
        const summary = summarize(this.storeOf(agentId).transcriptPath(entry));
        if (options.derivedTitles) {
          const title = entry.label ?? summary.title;
          if (title) row.derivedTitle = title;
        }
        if (options.lastMessage && summary.lastMessage) row.lastMessagePreview = summary.lastMessage;
      }
      return row;
    });
    return { rows, total };
  }

  /** The last `limit` messages of each key (oldest first), shortened to `maxChars`. */
  preview(keys: string[], limit = 12, maxChars = 240): SessionPreview[] {
    return keys.map((raw): SessionPreview => {
      let key = raw;
      try {
        const resolved = this.resolveKey(raw);
        key = resolved.key;
        const store = this.storeOf(resolved.parts.agentId);
        const entry = store.get(key);
        if (!entry) return { key: raw, status: "missing", items: [] };
        const path = store.transcriptPath(entry);
        if (!existsSync(path)) return { key: raw, status: "empty", items: [] };
        const items = readMessages(path)
          .filter((m) => m.role === "user" || m.role === "assistant" || m.role === "tool" || m.role === "system")
          .map((m) => ({ role: m.role, text: clip(textOf(m.content), maxChars) }))
          .filter((m) => m.text !== "")
          .slice(-limit);
        return { key: raw, status: items.length ? "ok" : "empty", items };
      } catch {
        return { key: raw, status: "error", items: [] };
      }
    });
  }

  /** Change settings (`null` clears); creates the session when it does not exist yet. */
  async patch(rawKey: string, patch: SessionPatch): Promise<{ key: string; entry: SessionEntry; created: boolean }> {
    const { key, parts } = this.resolveKey(rawKey);
    const store = this.storeOf(parts.agentId);
    const existing = store.get(key);
    const base = existing ?? this.fresh(parts);
    const labelTaken = (label: string) => {
      for (const s of this.stores.values()) {
        for (const k in s.entries) if (k !== key && s.entries[k].label === label) return true;
      }
      return false;
    };
    const next = applyPatch(base, patch, labelTaken);
    next.updatedAt = Math.max(this.now(), base.updatedAt);
    await store.write({ [key]: next });
    this.emit(existing ? "patched" : "created", key, parts.agentId, next.sessionId);
    return { key, entry: next, created: !existing };
  }

  /** A new transcript (new `sessionId`) keeping the settings; the old transcript is archived. */
  async reset(rawKey: string): Promise<{ key: string; entry: SessionEntry; archived?: string }> {
    const { key, parts } = this.resolveKey(rawKey);
    const store = this.storeOf(parts.agentId);
    const existing = store.get(key);
    const now = this.now();
    const archived = existing ? archiveTranscript(store.transcriptPath(existing), "reset", now) : undefined;
    const next: SessionEntry = { ...(existing ?? this.fresh(parts)), sessionId: randomUUID(), updatedAt: now };
    delete next.inputTokens;
    delete next.outputTokens;
    delete next.totalTokens;
    await store.write({ [key]: next });
    this.emit("reset", key, parts.agentId, next.sessionId);
    return { key, entry: next, archived };
  }

  /** Remove a session; its transcript is archived. The main session cannot be deleted. */
  async delete(rawKey: string, options: { archiveTranscript?: boolean } = {}): Promise<{ key: string; deleted: boolean; archived: string[] }> {
    const { key, parts } = this.resolveKey(rawKey);
    if (parts.kind === "main") throw new SessionRuleError(`the main session (${key}) cannot be deleted; reset it instead`);
    const store = this.storeOf(parts.agentId);
    const existing = store.get(key);
    if (!existing) return { key, deleted: false, archived: [] };
    // Without archiveTranscript the transcript stays where it is (v3's deleteTranscript: false); nothing is ever erased.
    const archived = options.archiveTranscript === false ? undefined : archiveTranscript(store.transcriptPath(existing), "deleted", this.now());
    await store.write({ [key]: undefined });
    this.emit("deleted", key, parts.agentId, existing.sessionId);
    return { key, deleted: true, archived: archived ? [archived] : [] };
  }

  /** Keep the last `maxLines` transcript lines; the full transcript is archived. */
  async compact(rawKey: string, maxLines = 400): Promise<{ key: string; compacted: boolean; kept?: number; archived?: string; reason?: string }> {
    const { key, parts } = this.resolveKey(rawKey);
    const store = this.storeOf(parts.agentId);
    const existing = store.get(key);
    if (!existing) return { key, compacted: false, reason: "no sessionId" };
    const path = store.transcriptPath(existing);
    if (!existsSync(path)) return { key, compacted: false, reason: "no transcript" };
    const result = compactTranscript(path, maxLines, this.now());
    if (result.compacted) {
      await store.write({ [key]: { ...existing, updatedAt: Math.max(existing.updatedAt, this.now()) } });
      this.emit("compacted", key, parts.agentId, existing.sessionId);
    }
    return { key, ...result };
  }

  /** Append messages to a session's transcript (creating the session), e.g. for chat. */
  async append(rawKey: string, messages: TranscriptMessage[], usage?: { inputTokens?: number; outputTokens?: number }): Promise<SessionEntry> {
    const { key, parts } = this.resolveKey(rawKey);
    const store = this.storeOf(parts.agentId);
    const now = this.now();
    let created = store.get(key);
    if (!created) {
      created = this.fresh(parts);
      await store.write({ [key]: created });
    }
    await appendMessages(
      store.transcriptPath(created),
      messages.map((m) => ({ ...m, ts: m.ts ?? now })),
    );
    // Re-read after the await: a patch may have landed meanwhile and must not be lost.
    const entry = { ...(store.get(key) ?? created) };
    entry.updatedAt = Math.max(now, entry.updatedAt);
    if (usage) {
      entry.inputTokens = (entry.inputTokens ?? 0) + (usage.inputTokens ?? 0);
      entry.outputTokens = (entry.outputTokens ?? 0) + (usage.outputTokens ?? 0);
      entry.totalTokens = entry.inputTokens + entry.outputTokens;
    }
    await store.write({ [key]: entry });
    this.emit("message", key, parts.agentId, entry.sessionId);
    return entry;
  }

  /**
   * Record where a session's last inbound message came from (v3's `lastChannel`/`lastTo`/`lastAccountId`/
   * `lastThreadId`/`deliveryContext`), creating the session; undefined members are removed.
   */
  async setLastRoute(rawKey: string, fields: Record<string, unknown>): Promise<void> {
    const { key, parts } = this.resolveKey(rawKey);
    const store = this.storeOf(parts.agentId);
    const existing = store.get(key) ?? this.fresh(parts);
    const next: SessionEntry = { ...existing };
    for (const [member, value] of Object.entries(fields)) {
      if (value === undefined) delete next[member];
      else next[member] = value;
    }
    next.updatedAt = Math.max(this.now(), existing.updatedAt);
    await store.write({ [key]: next });
  }

  /** Everything written so far is durable. */
  async flush(): Promise<void> {
    await Promise.all([...this.stores.values()].map((s) => s.flush()));
  }
}

function safeKind(key: string): SessionKeyParts["kind"] {
  try {
    return parseSessionKey(key).kind;
  } catch {
    return "main";
  }
}
