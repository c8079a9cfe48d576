/**
 * What agent runs need from the session store, and nothing more: find or
 * create a session's entry, append to its transcript, read its history, and
 * add token usage. The gateway gives its runs `StoreSessions` (the session
 * store of runtime/sessions/, which sessions.* read); `FileSessions` is the
 * standalone adapter under `<stateDir>/agent-sessions/` for tests and benches.
 */
import { randomUUID } from "node:crypto";
import { appendFileSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { TokenUsage } from "../backends/types.js";
import { readJsonFile, writeFileAtomic } from "../state/atomic-file.js";

export interface TranscriptMessage {
  role: "user" | "assistant" | "system" | "tool";
  content: string;
  ts: number;
  runId?: string;
  model?: string;
  usage?: TokenUsage;
  /** `stop`, `aborted`, `error`, … (assistant messages). */
  stopReason?: string;
}

export interface SessionInfo {
  key: string;
  sessionId: string;
  agentId?: string;
  /** Model override set on the session (`sessions.patch`). */
  model?: string;
  updatedAt: number;
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
}

export interface HistoryPage {
  sessionId?: string;
  messages: TranscriptMessage[];
  /** Messages in the transcript in all. */
  total: number;
}

export interface SessionPort {
  get(key: string): Promise<SessionInfo | undefined>;
  /** The session's entry, created (with a new transcript) when absent. */
  ensure(key: string, agentId: string): Promise<SessionInfo>;
  append(key: string, message: TranscriptMessage): Promise<void>;
  /** The last `limit` messages ending before index `before` (exclusive; the end when absent), oldest first. */
  history(key: string, options?: { limit?: number; before?: number }): Promise<HistoryPage>;
  addUsage(key: string, usage: TokenUsage): Promise<void>;
}

interface Index {
  sessions: Record<string, SessionInfo>;
}

/** Transcripts kept parsed in memory (most recently used). */
const CACHED_TRANSCRIPTS = 64;
/** Usage totals are written at most this often (the transcript itself is appended at once). */
const SAVE_DELAY_MS = 1000;

/**
 * The simple adapter: an index file plus one JSONL transcript per session id.
 * Recent transcripts stay parsed in memory; index changes from usage are
 * written within a second (and on `flush`).
 */
export class FileSessions implements SessionPort {
  private readonly dir: string;
  private readonly indexPath: string;
  private index: Index;
  private readonly transcripts = new Map<string, TranscriptMessage[]>();
  private saveTimer?: NodeJS.Timeout;

  constructor(
    stateDir: string,
    private readonly now: () => number = Date.now,
  ) {
    this.dir = join(stateDir, "agent-sessions");
    this.indexPath = join(this.dir, "sessions.json");
    this.index = readJsonFile<Index>(this.indexPath) ?? { sessions: {} };
  }

  private save(): void {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    writeFileAtomic(this.indexPath, JSON.stringify(this.index, null, 2) + "\n");
  }

  private saveSoon(): void {
    this.saveTimer ??= setTimeout(() => this.save(), SAVE_DELAY_MS).unref();
  }

  /** Write pending index changes now. */
  flush(): void {
    if (this.saveTimer) this.save();
  }

  private load(sessionId: string): TranscriptMessage[] {
    let messages = this.transcripts.get(sessionId);
    if (messages) {
      this.transcripts.delete(sessionId);
      this.transcripts.set(sessionId, messages);
      return messages;
    }
    let lines: string[];
    try {
      lines = readFileSync(this.transcript(sessionId), "utf8").split("\n").filter(Boolean);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      lines = [];
    }
    messages = [];
    for (const line of lines) {
      try {
        messages.push(JSON.parse(line) as TranscriptMessage);
      } catch {
        // a torn last line after a crash: skip it
      }
    }
    this.transcripts.set(sessionId, messages);
    if (this.transcripts.size > CACHED_TRANSCRIPTS) this.transcripts.delete(this.transcripts.keys().next().value!);
    return messages;
  }

  private transcript(sessionId: string): string {
    return join(this.dir, `${sessionId}.jsonl`);
  }

  async get(key: string): Promise<SessionInfo | undefined> {
    const entry = this.index.sessions[key];
    return entry ? { ...entry } : undefined;
  }

  async ensure(key: string, agentId: string): Promise<SessionInfo> {
    let entry = this.index.sessions[key];
    if (!entry) {
      entry = { key, sessionId: randomUUID(), agentId, updatedAt: this.now() };
      this.index.sessions[key] = entry;
      this.save();
    }
    return { ...entry };
  }

  async append(key: string, message: TranscriptMessage): Promise<void> {
    const entry = this.index.sessions[key];
    if (!entry) throw new Error(`no session ${key}`);
    const messages = this.load(entry.sessionId);
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    appendFileSync(this.transcript(entry.sessionId), JSON.stringify(message) + "\n", { mode: 0o600 });
    messages.push(message);
    entry.updatedAt = this.now();
    this.saveSoon();
  }

  async history(key: string, options: { limit?: number; before?: number } = {}): Promise<HistoryPage> {
    const entry = this.index.sessions[key];
    if (!entry) return { messages: [], total: 0 };
    const messages = this.load(entry.sessionId);
    const end = Math.min(options.before ?? messages.length, messages.length);
    const start = Math.max(0, end - (options.limit ?? 200));
    return { sessionId: entry.sessionId, messages: messages.slice(start, end), total: messages.length };
  }

  async addUsage(key: string, usage: TokenUsage): Promise<void> {
    const entry = this.index.sessions[key];
    if (!entry) return;
    entry.inputTokens = (entry.inputTokens ?? 0) + usage.input;
    entry.outputTokens = (entry.outputTokens ?? 0) + usage.output;
    entry.totalTokens = (entry.totalTokens ?? 0) + usage.total;
    entry.updatedAt = this.now();
    this.saveSoon();
  }
}
