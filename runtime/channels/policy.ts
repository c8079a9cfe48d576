/**
 * The access decision for one inbound message, as v3 defines the policies:
 * DMs by `dmPolicy` (pairing / allowlist / open / disabled) against `allowFrom`
 * plus the senders an operator approved; groups by `groupPolicy` (open /
 * allowlist / disabled) and `groups`, then the group's sender list, then
 * mention gating. Pure: every refusal comes with its reason.
 */
import type { AccountPolicy, GroupSettings } from "./config.js";
import type { InboundMessage } from "./types.js";

export type DropReason =
  | "dm-disabled"
  | "dm-not-allowed"
  | "group-disabled"
  | "group-not-allowed"
  | "group-sender-not-allowed"
  | "not-mentioned"
  | "rate-limited"
  | "pairing-pending"
  | "pairing-queue-full"
  | "agent-unavailable"
  | "empty";

export type Decision = { action: "allow" } | { action: "pair" } | { action: "drop"; reason: DropReason; detail: string };

const norm = (id: string) => id.trim().toLowerCase();

/** Whether `sender` is in `list`: case-insensitive; `*` matches everyone, and `*`/`?` inside an entry are wildcards (IRC: `alice!*@*.example.org`). */
export function listed(list: readonly string[] | undefined, sender: string): boolean {
  if (!list) return false;
  const s = norm(sender);
  return list.some((entry) => entry === "*" || norm(entry) === s || (/[*?]/.test(entry) && globMatch(norm(entry), s)));
}

/** Wildcard match (`*` any run, `?` one character) in O(text × pattern), with no backtracking blow-up. */
export function globMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === "?" || pattern[p] === text[t])) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === "*") {
      star = p++;
      mark = t;
    } else if (star >= 0) {
      p = star + 1;
      t = ++mark;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === "*") p++;
  return p === pattern.length;
}

function groupSettings(policy: AccountPolicy, groupId: string): GroupSettings | undefined {
  const exact = policy.groups[groupId] ?? Object.entries(policy.groups).find(([id]) => norm(id) === norm(groupId))?.[1];
  const star = policy.groups["*"];
  if (!exact && !star) return undefined;
  return { ...star, ...exact };
}

/** Decide what to do with `message` under `policy`; `approved` are the senders approved through pairing. */
export function decide(message: InboundMessage, policy: AccountPolicy, approved: readonly string[]): Decision {
  const sender = message.sender.id;
  if (message.chatType === "dm") {
    const allowed = listed(policy.allowFrom, sender) || listed(approved, sender);
    switch (policy.dmPolicy) {
      case "disabled":
        return { action: "drop", reason: "dm-disabled", detail: 'direct messages are disabled (dmPolicy "disabled")' };
      case "open":
        return { action: "allow" };
      case "allowlist":
        return allowed ? { action: "allow" } : { action: "drop", reason: "dm-not-allowed", detail: 'sender is not in allowFrom (dmPolicy "allowlist")' };
      case "pairing":
        return allowed ? { action: "allow" } : { action: "pair" };
    }
  }
  const groupId = message.groupId ?? "";
  if (policy.groupPolicy === "disabled") return { action: "drop", reason: "group-disabled", detail: 'group messages are disabled (groupPolicy "disabled")' };
  const group = groupSettings(policy, groupId);
  if (policy.groupPolicy === "allowlist" && !group) {
    return { action: "drop", reason: "group-not-allowed", detail: `group ${groupId} is not under groups (groupPolicy "allowlist")` };
  }
  if (group?.enabled === false) return { action: "drop", reason: "group-disabled", detail: `group ${groupId} is disabled (groups.${groupId}.enabled false)` };
  const senders = group?.allowFrom ?? policy.groupAllowFrom;
  if (senders && !listed(senders, sender)) {
    return { action: "drop", reason: "group-sender-not-allowed", detail: `sender is not allowed in group ${groupId} (${group?.allowFrom ? "groups.<id>.allowFrom" : "groupAllowFrom"})` };
  }
  const requireMention = group?.requireMention ?? policy.requireMention;
  if (requireMention && !message.mentioned) return { action: "drop", reason: "not-mentioned", detail: "group message does not mention the agent (requireMention)" };
  return { action: "allow" };
}
