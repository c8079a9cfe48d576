/**
 * Agent runs over the gateway's session store: the `SessionPort` agents use,
 * implemented by `SessionService`, so a chat or agent turn lands in the same
 * per-agent store and JSONL transcript that `sessions.list`, `sessions.preview`
 * and `sessions.reset` work on.
 */
import type { TokenUsage } from "../backends/types.js";
import type { SessionService } from "../sessions/service.js";
import { readLines } from "../sessions/transcript.js";
import type { HistoryPage, SessionInfo, SessionPort, TranscriptMessage } from "./session-port.js";

const ROLES = new Set(["user", "assistant", "system", "tool"]);

/** A transcript line as agents read it (both our own lines and v3's `{type: "message", message}`); undefined when it is not a message. */
function messageOf(line: string): TranscriptMessage | undefined {
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const m = (value?.type === "message" && value.message && typeof value.message === "object" ? value.message : value) as Record<string, unknown>;
  if (typeof m?.role !== "string" || !ROLES.has(m.role)) return undefined;
  const content = typeof m.content === "string" ? m.content : Array.isArray(m.content) ? m.content.map((b) => (b as { text?: string })?.text ?? "").join("") : "";
  const ts = typeof m.ts === "number" ? m.ts : typeof m.timestamp === "number" ? m.timestamp : 0;
  return { ...(m as object), role: m.role as TranscriptMessage["role"], content, ts } as TranscriptMessage;
}

export class StoreSessions implements SessionPort {
  constructor(private readonly sessions: SessionService) {}

  async get(key: string): Promise<SessionInfo | undefined> {
    const entry = this.sessions.get(key);
    if (!entry) return undefined;
    const { key: canonical, parts } = this.sessions.resolveKey(key);
    const model = entry.modelOverride && entry.providerOverride ? `${entry.providerOverride}/${entry.modelOverride}` : entry.modelOverride;
    return {
      key: canonical,
      sessionId: entry.sessionId,
      agentId: parts.agentId,
      ...(model ? { model } : {}),
      updatedAt: entry.updatedAt,
      inputTokens: entry.inputTokens,
      outputTokens: entry.outputTokens,
      totalTokens: entry.totalTokens,
    };
  }

  async ensure(key: string): Promise<SessionInfo> {
    if (!this.sessions.get(key)) await this.sessions.append(key, []);
    return (await this.get(key))!;
  }

  async append(key: string, message: TranscriptMessage): Promise<void> {
    await this.sessions.append(key, [message]);
  }

  async history(key: string, options: { limit?: number; before?: number } = {}): Promise<HistoryPage> {
    const path = this.sessions.transcriptPath(key);
    if (!path) return { messages: [], total: 0 };
    const messages = readLines(path).flatMap((line) => messageOf(line) ?? []);
    const end = Math.min(options.before ?? messages.length, messages.length);
    const start = Math.max(0, end - (options.limit ?? 200));
    return { sessionId: this.sessions.get(key)?.sessionId, messages: messages.slice(start, end), total: messages.length };
  }

  async addUsage(key: string, usage: TokenUsage): Promise<void> {
    await this.sessions.append(key, [], { inputTokens: usage.input, outputTokens: usage.output });
  }
}
