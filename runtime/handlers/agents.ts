/** `agents.*`: list, create, update, delete agents and read/write their workspace files. */
import { mkdirSync, rmSync } from "node:fs";
import { isAbsolute, relative } from "node:path";
import type { AgentSummary } from "../../generated/ts/types.js";
import { getFile, listFiles, setFile } from "../agents/agent-files.js";
import { expandHome } from "../agents/agent-store.js";
import type { GatewayServices } from "../services.js";
import type { AgentFamilyServices } from "./agent-call.js";
import type { Handlers } from "./context.js";

type AgentsMethods = "agents.list" | "agents.create" | "agents.update" | "agents.delete" | "agents.files.list" | "agents.files.get" | "agents.files.set";

const inside = (dir: string, path: string) => {
  const rel = relative(dir, path);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
};

export function agentsHandlers(s: AgentFamilyServices & Pick<GatewayServices, "info">): Handlers<AgentsMethods> {
  const store = s.agents.store;
  return {
    "agents.list": () => ({
      defaultId: store.defaultId(),
      mainKey: "main",
      scope: "per-sender",
      agents: store.list().map((a) => {
        const summary: AgentSummary = { id: a.id };
        if (a.name) summary.name = a.name;
        const identity: NonNullable<AgentSummary["identity"]> = {};
        if (a.name) identity.name = a.name;
        if (a.emoji) identity.emoji = a.emoji;
        if (a.avatar) identity.avatar = a.avatar;
        if (Object.keys(identity).length) summary.identity = identity;
        return summary;
      }),
    }),
    "agents.create": ({ name, workspace, emoji, avatar, model }) => {
      const agent = store.create({ name, workspace, emoji, avatar, model });
      mkdirSync(agent.workspace, { recursive: true, mode: 0o700 });
      return { ok: true, agentId: agent.id, name, workspace };
    },
    "agents.update": ({ agentId, ...patch }) => {
      store.update(agentId, patch);
      return { ok: true, agentId };
    },
    "agents.delete": ({ agentId, deleteFiles }) => {
      const agent = store.delete(agentId);
      // Only workspaces the gateway made for itself are removed; a user's directory is left alone.
      if (deleteFiles && inside(s.info.stateDir, expandHome(agent.workspace))) rmSync(agent.workspace, { recursive: true, force: true });
      return { ok: true, agentId, removedBindings: 0 };
    },
    "agents.files.list": ({ agentId }) => {
      const agent = store.require(agentId);
      return { agentId, workspace: agent.workspace, files: listFiles(agent.workspace) };
    },
    "agents.files.get": ({ agentId, name }) => {
      const agent = store.require(agentId);
      return { agentId, workspace: agent.workspace, file: getFile(agent.workspace, name) };
    },
    "agents.files.set": ({ agentId, name, content }) => {
      const agent = store.require(agentId);
      return { ok: true, agentId, workspace: agent.workspace, file: { ...setFile(agent.workspace, name, content), content } };
    },
  };
}
