/**
 * The exec approvals file (`exec-approvals.json`), shared by the gateway and
 * the node host: parsing, the hash used for compare-and-set (`baseHash`),
 * the policy of an agent, allowlist matching and "allow always".
 *
 * Policy of agent A: `agents[A]` over `agents["*"]` over `defaults`, field by
 * field; the allowlist is `agents["*"].allowlist` plus `agents[A].allowlist`.
 * Defaults: security `allowlist`, ask `on-miss`, askFallback `deny`.
 */
import { createHash } from "node:crypto";
import { basename } from "node:path";
import type { ExecAllowlistEntry, ExecApprovalsFile, ExecApprovalsSnapshot, ExecAsk, ExecSecurity } from "../generated/ts/types.js";
import { validate } from "../generated/ts/validators.js";

export const EMPTY_APPROVALS: ExecApprovalsFile = { version: 1 };
export const WILDCARD_AGENT = "*";
const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

export interface ExecPolicy {
  security: ExecSecurity;
  ask: ExecAsk;
  askFallback: ExecSecurity;
  allowlist: ExecAllowlistEntry[];
}

/** Hex SHA-256 of the file's text ("" when it does not exist). */
export function hashApprovalsText(text: string | undefined): string {
  return createHash("sha256")
    .update(text ?? "")
    .digest("hex");
}

/** Parse and check a file's text; the message names the field. */
export function parseApprovals(text: string, where: string): ExecApprovalsFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${where} is not valid JSON (${(error as Error).message}); it was left untouched`);
  }
  return checkApprovals(value, where);
}

/** Check a file value against the schema and reject prototype keys. */
export function checkApprovals(value: unknown, where: string): ExecApprovalsFile {
  const checked = validate("ExecApprovalsFile", value);
  if (!checked.ok) throw new Error(`${where}: ${checked.message}`);
  for (const key of Object.keys(checked.value.agents ?? {})) {
    if (FORBIDDEN_KEYS.has(key)) throw new Error(`${where}: agent id '${key}' is not allowed`);
  }
  return checked.value;
}

/** The text written for a file (stable, so equal files have equal hashes). */
export function approvalsText(file: ExecApprovalsFile): string {
  return JSON.stringify(file, null, 2) + "\n";
}

/** What `exec.approvals.get` shows: the socket token is never sent. */
export function redactedSnapshot(path: string, text: string | undefined, file: ExecApprovalsFile): ExecApprovalsSnapshot {
  const shown = file.socket?.token !== undefined ? { ...file, socket: { ...file.socket, token: undefined } } : file;
  if (shown.socket) delete shown.socket.token;
  return { path, exists: text !== undefined, hash: hashApprovalsText(text), file: shown };
}

/**
 * Why a write with `baseHash` must not happen, or undefined. Like config: once the file
 * exists, a writer must show the hash it read; a different hash means someone wrote since.
 */
export function baseHashProblem(current: { exists: boolean; hash: string }, baseHash: string | undefined): string | undefined {
  if (!current.exists) return baseHash !== undefined && baseHash !== current.hash ? "the approvals file changed since it was read; read it again and retry" : undefined;
  if (baseHash === undefined) return "baseHash is required once the approvals file exists; read it (exec.approvals.get) and pass its hash";
  if (baseHash !== current.hash) return "the approvals file changed since it was read; read it again and retry";
  return undefined;
}

/**
 * The file as v3 keeps it: `socket` with a path and a token (defaults given), `defaults` and
 * `agents` present, each allowlist entry with an `id` (`newId` makes them). Members in v3's order.
 */
export function normalizedApprovals(file: ExecApprovalsFile, fill: { socketPath: string; token: () => string; newId: () => string }): ExecApprovalsFile {
  const agents: NonNullable<ExecApprovalsFile["agents"]> = {};
  for (const [key, agent] of Object.entries(file.agents ?? {})) {
    agents[key] = agent.allowlist ? { ...agent, allowlist: agent.allowlist.map((entry) => (entry.id ? entry : { ...entry, id: fill.newId() })) } : agent;
  }
  const path = file.socket?.path?.trim();
  const token = file.socket?.token?.trim();
  return {
    version: 1,
    socket: { path: path || fill.socketPath, token: token || fill.token() },
    defaults: { ...file.defaults },
    agents,
  };
}

/** The socket token survives a write that does not name one (clients never see it). */
export function keepSocketToken(next: ExecApprovalsFile, previous: ExecApprovalsFile): ExecApprovalsFile {
  if (!previous.socket?.token || next.socket?.token !== undefined) return next;
  return { ...next, socket: { ...next.socket, token: previous.socket.token } };
}

export function policyFor(file: ExecApprovalsFile, agentId: string | undefined): ExecPolicy {
  const wildcard = file.agents?.[WILDCARD_AGENT];
  const agent = agentId !== undefined && agentId !== WILDCARD_AGENT && Object.hasOwn(file.agents ?? {}, agentId) ? file.agents![agentId] : undefined;
  const pick = <K extends "security" | "ask" | "askFallback">(key: K) => agent?.[key] ?? wildcard?.[key] ?? file.defaults?.[key];
  return {
    security: pick("security") ?? "allowlist",
    ask: pick("ask") ?? "on-miss",
    askFallback: pick("askFallback") ?? "deny",
    allowlist: [...(wildcard?.allowlist ?? []), ...(agent?.allowlist ?? [])],
  };
}

function globToRegExp(glob: string): RegExp {
  let out = "";
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === "*" && glob[i + 1] === "*") {
      out += ".*";
      i++;
    } else if (ch === "*") out += "[^/]*";
    else if (ch === "?") out += "[^/]";
    else out += ch.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${out}$`);
}

/** Whether `pattern` allows the binary at `resolvedPath`: a bare name matches the file name anywhere, a path is a glob. */
export function patternMatches(pattern: string, resolvedPath: string): boolean {
  if (!pattern.includes("/")) return pattern === basename(resolvedPath) || (/[*?]/.test(pattern) && globToRegExp(pattern).test(basename(resolvedPath)));
  return globToRegExp(pattern).test(resolvedPath);
}

export function findAllowlistEntry(allowlist: readonly ExecAllowlistEntry[], resolvedPath: string): ExecAllowlistEntry | undefined {
  return allowlist.find((entry) => patternMatches(entry.pattern, resolvedPath));
}

/** "Allow always": add `resolvedPath` to the agent's allowlist (`*` when no agent), unless already allowed there. */
export function withAllowlistEntry(file: ExecApprovalsFile, agentId: string | undefined, resolvedPath: string, command: string, nowMs: number): ExecApprovalsFile {
  const key = agentId ?? WILDCARD_AGENT;
  if (FORBIDDEN_KEYS.has(key)) throw new Error(`agent id '${key}' is not allowed`);
  const agents = { ...file.agents };
  const agent = { ...agents[key] };
  const allowlist = [...(agent.allowlist ?? [])];
  if (!findAllowlistEntry(allowlist, resolvedPath)) {
    allowlist.push({ pattern: resolvedPath, lastUsedAt: nowMs, lastUsedCommand: command, lastResolvedPath: resolvedPath });
  }
  agent.allowlist = allowlist;
  agents[key] = agent;
  return { ...file, agents };
}
