/** `sessions.*`: list, preview, patch, reset, delete and compact sessions (runtime/sessions/). */
import type { SessionSummary } from "../../generated/ts/types.js";
import { GatewayError } from "../errors.js";
import type { GatewayServices } from "../services.js";
import { type SessionEntry, SessionPatchError } from "../sessions/entry.js";
import { SessionKeyError } from "../sessions/keys.js";
import { type SessionRow, SessionRuleError } from "../sessions/service.js";
import type { Handlers } from "./context.js";

type SessionMethod = "sessions.list" | "sessions.preview" | "sessions.patch" | "sessions.reset" | "sessions.delete" | "sessions.compact";

/** Drop `undefined` members so the result validates against closed schemas. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Domain errors → the wire's catalogue. */
async function guard<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof SessionKeyError) throw new GatewayError("INVALID_PARAMS", error.message, { field: "key" });
    if (error instanceof SessionPatchError) throw new GatewayError("INVALID_PARAMS", `invalid ${error.message}`, { field: error.field });
    if (error instanceof SessionRuleError) throw new GatewayError("INVALID_PARAMS", error.message);
    throw error;
  }
}

export function entryView(entry: SessionEntry): SessionEntry {
  return defined({ ...entry });
}

function rowView(row: SessionRow): SessionSummary {
  const e = row.entry;
  return defined({
    key: row.key,
    kind: row.kind === "group" || row.kind === "thread" ? "group" : "direct",
    agentId: row.agentId,
    label: e.label,
    displayName: e.displayName ?? e.label,
    derivedTitle: row.derivedTitle,
    lastMessagePreview: row.lastMessagePreview,
    channel: e.channel,
    chatType: e.chatType,
    updatedAt: e.updatedAt,
    sessionId: e.sessionId,
    thinkingLevel: e.thinkingLevel,
    verboseLevel: e.verboseLevel,
    reasoningLevel: e.reasoningLevel,
    elevatedLevel: e.elevatedLevel,
    sendPolicy: e.sendPolicy,
    spawnedBy: e.spawnedBy,
    inputTokens: e.inputTokens,
    outputTokens: e.outputTokens,
    totalTokens: e.totalTokens,
    responseUsage: e.responseUsage,
    modelProvider: e.providerOverride,
    model: e.modelOverride,
    deliveryContext: e.deliveryContext,
    lastChannel: str(e.lastChannel),
    lastTo: str(e.lastTo),
    lastAccountId: str(e.lastAccountId),
  } satisfies SessionSummary);
}

/** A stored member that is a string, else undefined (entries written by others may hold anything). */
function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

export function sessionsHandlers(s: Pick<GatewayServices, "sessions" | "clock"> & Partial<Pick<GatewayServices, "agents">>): Handlers<SessionMethod> {
  const { sessions, clock } = s;
  /** v3's `defaults`: the default model's provider, id and context window, each when known. */
  const listDefaults = () => {
    const d = s.agents?.sessionDefaults();
    return d ? defined({ modelProvider: d.modelProvider ?? undefined, model: d.model ?? undefined, contextTokens: d.contextTokens ?? undefined }) : {};
  };
  return {
    "sessions.list": (p) =>
      guard(() => {
        // `global` and `unknown` sessions do not exist here: includeGlobal / includeUnknown change nothing.
        const { rows } = sessions.list({
          limit: p.limit,
          activeMinutes: p.activeMinutes,
          agentId: p.agentId,
          search: p.search,
          label: p.label,
          spawnedBy: p.spawnedBy,
          derivedTitles: p.includeDerivedTitles,
          lastMessage: p.includeLastMessage,
        });
        return {
          ts: clock.now(),
          // v3 names one file only when `session.store` is one fixed file; stores here are per agent.
          path: "(multiple)",
          count: rows.length,
          defaults: listDefaults(),
          sessions: rows.map(rowView),
        };
      }),

    "sessions.preview": (p) => ({ ts: clock.now(), previews: sessions.preview(p.keys.slice(0, 64), p.limit ?? 12, p.maxChars ?? 240) }),

    "sessions.patch": (p) =>
      guard(async () => {
        const { key: _key, ...patch } = p;
        const { key, entry } = await sessions.patch(p.key, patch);
        const agentId = sessions.resolveKey(key).parts.agentId;
        const resolved = defined({ modelProvider: entry.providerOverride, model: entry.modelOverride });
        return { ok: true, path: sessions.storePath(agentId), key, entry: entryView(entry), resolved };
      }),

    "sessions.reset": (p) =>
      guard(async () => {
        const { key, entry } = await sessions.reset(p.key);
        return { ok: true, key, entry: entryView(entry) };
      }),

    "sessions.delete": (p) =>
      guard(async () => {
        const { key, deleted, archived } = await sessions.delete(p.key, { archiveTranscript: p.deleteTranscript !== false });
        return { ok: true, key, deleted, archived };
      }),

    "sessions.compact": (p) =>
      guard(async () => {
        const r = await sessions.compact(p.key, p.maxLines ?? 400);
        return defined({ ok: true, key: r.key, compacted: r.compacted, kept: r.kept, archived: r.archived, reason: r.reason });
      }),
  };
}
