/** Registry entries of the methods whose params live in `schema/sessions.ts`. */

import { SESSION_ENTRY, T0 } from "../example-values.js";
import { method } from "../registry-spec.js";
import * as ses from "../sessions.js";

export const sessionsMethods = {
  "sessions.list": method({
    params: ses.SessionsListParams,
    result: ses.SessionsListResult,
    scope: "operator.read",
    description: "List sessions, most recently active first.",
    example: {
      params: { limit: 10, includeLastMessage: true },
      result: {
        ts: T0,
        path: "~/.tidegate/agents/main/sessions/sessions.json",
        count: 1,
        defaults: {},
        sessions: [{ key: "agent:main:main", kind: "direct", agentId: "main", label: "Main", updatedAt: T0, sessionId: SESSION_ENTRY.sessionId, lastMessagePreview: "Done." }],
      },
    },
  }),
  "sessions.preview": method({
    params: ses.SessionsPreviewParams,
    result: ses.SessionsPreviewResult,
    scope: "operator.read",
    description: "The last few messages of one or more sessions.",
    example: {
      params: { keys: ["agent:main:main"], limit: 1 },
      result: { ts: T0, previews: [{ key: "agent:main:main", status: "ok", items: [{ role: "assistant", text: "Done." }] }] },
    },
  }),
  "sessions.resolve": method({
    params: ses.SessionsResolveParams,
    result: ses.SessionsResolveResult,
    scope: "operator.read",
    description: "Find a session's canonical key from a key, transcript id or label.",
    example: { params: { label: "Main" }, result: { ok: true, key: "agent:main:main" } },
  }),
  "sessions.patch": method({
    params: ses.SessionsPatchParams,
    result: ses.SessionsPatchResult,
    scope: "operator.admin",
    errors: ["INVALID_PARAMS"],
    description: "Change a session's settings (creating it when needed); `null` clears one. Values are validated.",
    example: {
      params: { key: "agent:main:main", label: "Main", model: null },
      result: { ok: true, path: "~/.tidegate/agents/main/sessions/sessions.json", key: "agent:main:main", entry: SESSION_ENTRY, resolved: {} },
    },
  }),
  "sessions.reset": method({
    params: ses.SessionsResetParams,
    result: ses.SessionsResetResult,
    scope: "operator.admin",
    description: "Start a fresh transcript (new `sessionId`) keeping the settings; the old transcript is archived.",
    example: { params: { key: "agent:main:main", reason: "new" }, result: { ok: true, key: "agent:main:main", entry: SESSION_ENTRY } },
  }),
  "sessions.delete": method({
    params: ses.SessionsDeleteParams,
    result: ses.SessionsDeleteResult,
    scope: "operator.admin",
    description: "Delete a session, archiving its transcript. The main session cannot be deleted.",
    example: {
      params: { key: "agent:main:subagent:r1" },
      result: { ok: true, key: "agent:main:subagent:r1", deleted: true, archived: ["~/.tidegate/agents/main/sessions/c0ffee.jsonl.deleted.1737264000000"] },
    },
  }),
  "sessions.compact": method({
    params: ses.SessionsCompactParams,
    result: ses.SessionsCompactResult,
    scope: "operator.admin",
    description: "Keep the last `maxLines` transcript lines, archiving the full transcript.",
    example: {
      params: { key: "agent:main:main", maxLines: 400 },
      result: { ok: true, key: "agent:main:main", compacted: true, kept: 400, archived: "~/.tidegate/agents/main/sessions/c0ffee.jsonl.compacted.1737264000000" },
    },
  }),
};
