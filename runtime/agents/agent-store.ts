/**
 * Agents: the implicit default (`main`), those in the config file
 * (`agents.list`) and those created with `agents.create`, kept in
 * `<stateDir>/agents.json`. The store is read on every lookup, so a changed
 * model applies to the next run without a restart. Config agents can be
 * updated (the change is stored as an override) but not deleted.
 */
import { homedir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import type { GatewayConfig } from "../../generated/ts/types.js";
import { GatewayError } from "../errors.js";
import { readJsonFile, writeFileAtomic } from "../state/atomic-file.js";

export type AgentsConfig = NonNullable<GatewayConfig["agents"]>;

export interface AgentRecord {
  id: string;
  name?: string;
  emoji?: string;
  avatar?: string;
  workspace: string;
  /** `provider/model`; the default model when absent. */
  model?: string;
  source: "default" | "config" | "state";
}

interface StoredAgent {
  id: string;
  name?: string;
  emoji?: string;
  avatar?: string;
  workspace?: string;
  model?: string;
  createdAtMs?: number;
  /** An override of a config agent rather than an agent of its own. */
  override?: boolean;
  deleted?: boolean;
}

const ID_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;

export const notFound = (agentId: string) => new GatewayError("NOT_FOUND", `unknown agent '${agentId}'`, { agentId });

/** `My Research Bot!` → `my-research-bot`. */
export function agentIdFrom(name: string): string {
  const id = name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/^[-_]+|[-_]+$/g, "")
    .slice(0, 64);
  return ID_PATTERN.test(id) ? id : "agent";
}

export function expandHome(path: string): string {
  if (path === "~") return homedir();
  if (path.startsWith("~/")) return join(homedir(), path.slice(2));
  return isAbsolute(path) ? path : resolve(path);
}

export class AgentStore {
  private readonly path: string;
  private stored?: StoredAgent[];

  constructor(
    private readonly stateDir: string,
    private readonly config: () => AgentsConfig = () => ({}),
    private readonly now: () => number = Date.now,
  ) {
    this.path = join(stateDir, "agents.json");
  }

  defaultId(): string {
    return this.config().defaultId ?? "main";
  }

  /** The file's agents (read once; this store is the file's only writer). */
  private read(): StoredAgent[] {
    this.stored ??= readJsonFile<{ agents: StoredAgent[] }>(this.path)?.agents ?? [];
    return this.stored.map((a) => ({ ...a }));
  }

  private write(agents: StoredAgent[]): void {
    writeFileAtomic(this.path, JSON.stringify({ agents }, null, 2) + "\n");
    this.stored = agents.map((a) => ({ ...a }));
  }

  private defaultWorkspace(id: string): string {
    return join(this.stateDir, id === this.defaultId() ? "workspace" : `workspace-${id}`);
  }

  list(): AgentRecord[] {
    const byId = new Map<string, AgentRecord>();
    const def = this.defaultId();
    byId.set(def, { id: def, workspace: this.defaultWorkspace(def), source: "default" });
    for (const entry of this.config().list ?? []) {
      byId.set(entry.id, { id: entry.id, name: entry.name, emoji: entry.emoji, model: entry.model, workspace: expandHome(entry.workspace ?? this.defaultWorkspace(entry.id)), source: "config" });
    }
    for (const stored of this.read()) {
      const base = byId.get(stored.id);
      if (stored.deleted) {
        if (base?.source !== "config") byId.delete(stored.id);
        continue;
      }
      byId.set(stored.id, {
        id: stored.id,
        name: stored.name ?? base?.name,
        emoji: stored.emoji ?? base?.emoji,
        avatar: stored.avatar ?? base?.avatar,
        model: stored.model ?? base?.model,
        workspace: stored.workspace ? expandHome(stored.workspace) : (base?.workspace ?? this.defaultWorkspace(stored.id)),
        source: base?.source ?? "state",
      });
    }
    if (!byId.has(def)) byId.set(def, { id: def, workspace: this.defaultWorkspace(def), source: "default" });
    return [...byId.values()].map((a) => JSON.parse(JSON.stringify(a)) as AgentRecord);
  }

  get(id: string): AgentRecord | undefined {
    return this.list().find((a) => a.id === id);
  }

  require(id: string): AgentRecord {
    const agent = this.get(id);
    if (!agent) throw notFound(id);
    return agent;
  }

  create(input: { name: string; workspace: string; model?: string; emoji?: string; avatar?: string }): AgentRecord {
    const id = agentIdFrom(input.name);
    if (this.get(id)) throw new GatewayError("CONFLICT", `an agent with id '${id}' already exists`, { agentId: id });
    const agents = this.read().filter((a) => a.id !== id);
    const entry: StoredAgent = { id, name: input.name, workspace: input.workspace, createdAtMs: this.now() };
    if (input.model) entry.model = input.model;
    if (input.emoji) entry.emoji = input.emoji;
    if (input.avatar) entry.avatar = input.avatar;
    agents.push(entry);
    this.write(agents);
    return this.require(id);
  }

  update(id: string, patch: { name?: string; workspace?: string; model?: string; emoji?: string; avatar?: string }): AgentRecord {
    const current = this.require(id);
    const agents = this.read();
    let entry = agents.find((a) => a.id === id);
    if (!entry) agents.push((entry = { id, override: current.source !== "state" }));
    for (const key of ["name", "workspace", "model", "emoji", "avatar"] as const) if (patch[key] !== undefined) entry[key] = patch[key];
    this.write(agents);
    return this.require(id);
  }

  delete(id: string): AgentRecord {
    const current = this.require(id);
    if (id === this.defaultId()) throw new GatewayError("CONFLICT", `'${id}' is the default agent (agents.defaultId) and cannot be deleted`, { agentId: id });
    if (current.source === "config") throw new GatewayError("CONFLICT", `agent '${id}' is defined in the config file (agents.list); remove it there`, { agentId: id });
    this.write(this.read().filter((a) => a.id !== id));
    return current;
  }
}
