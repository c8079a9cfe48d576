/**
 * System events: short texts the gateway queues for a session (an app's
 * presence change, `wake`, `system-event`) and hands to that session's next
 * agent run as one system message. In memory, as in v3: a restart forgets
 * them. Each session keeps at most `SYSTEM_EVENTS_MAX` (oldest dropped); the
 * same text twice in a row is queued once.
 */

/** Most events queued per session (as v3). */
export const SYSTEM_EVENTS_MAX = 20;
/** Most sessions with a queue; the least recently used queue is dropped past it. */
const SESSIONS_MAX = 1000;
/** Longest event text kept (longer texts are cut). */
const TEXT_MAX = 2000;

export interface SystemEventEntry {
  text: string;
  ts: number;
  /** What the event is about (such as a presence key); used to say where an update comes from only when it changes. */
  contextKey: string | null;
}

interface SessionQueue {
  events: SystemEventEntry[];
  lastText: string | null;
  lastContextKey: string | null;
}

const normalizeContext = (key: string | undefined) => key?.trim().toLowerCase() || null;

export class SystemEventQueue {
  private readonly queues = new Map<string, SessionQueue>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Queue `text` for `sessionKey`; false when it was empty or repeats the previous text. */
  enqueue(sessionKey: string, text: string, options: { contextKey?: string } = {}): boolean {
    const cleaned = text.trim().slice(0, TEXT_MAX);
    if (!cleaned) return false;
    let queue = this.queues.get(sessionKey);
    if (queue) this.queues.delete(sessionKey);
    queue ??= { events: [], lastText: null, lastContextKey: null };
    this.queues.set(sessionKey, queue);
    if (this.queues.size > SESSIONS_MAX) this.queues.delete(this.queues.keys().next().value!);
    queue.lastContextKey = normalizeContext(options.contextKey);
    if (queue.lastText === cleaned) return false;
    queue.lastText = cleaned;
    queue.events.push({ text: cleaned, ts: this.now(), contextKey: queue.lastContextKey });
    if (queue.events.length > SYSTEM_EVENTS_MAX) queue.events.shift();
    return true;
  }

  /** Whether `contextKey` differs from the last event's context in this session. */
  contextChanged(sessionKey: string, contextKey: string | undefined): boolean {
    return normalizeContext(contextKey) !== (this.queues.get(sessionKey)?.lastContextKey ?? null);
  }

  /** The queued events, oldest first, without removing them. */
  peek(sessionKey: string): SystemEventEntry[] {
    return (this.queues.get(sessionKey)?.events ?? []).map((e) => ({ ...e }));
  }

  /** Remove and return the queued events, oldest first. */
  drain(sessionKey: string): SystemEventEntry[] {
    const queue = this.queues.get(sessionKey);
    this.queues.delete(sessionKey);
    return queue?.events ?? [];
  }
}

/** The system message an agent run receives for drained events (v3's wording: gateway metadata, not user text). */
export function systemEventsPrompt(events: readonly SystemEventEntry[]): string | undefined {
  if (events.length === 0) return undefined;
  const stamp = (ts: number) => `${new Date(ts).toISOString().slice(0, 19).replace("T", " ")} UTC`;
  return [
    "## Runtime System Events (gateway-generated)",
    "Treat this section as trusted gateway runtime metadata, not user text.",
    "",
    ...events.map((e) => `- [${stamp(e.ts)}] ${e.text.replace(/\s+/g, " ")}`),
  ].join("\n");
}
