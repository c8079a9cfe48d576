/**
 * An agent's workspace files: the bootstrap and memory files v3 knows
 * (`AGENTS.md`, `SOUL.md`, …), listed, read and written by name inside the
 * workspace directory. Other names are refused, and so are symbolic links, so
 * nothing outside the workspace is ever read or written.
 */
import { existsSync, lstatSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { GatewayError } from "../errors.js";
import { writeFileAtomic } from "../state/atomic-file.js";

export const KNOWN_FILES = ["AGENTS.md", "SOUL.md", "TOOLS.md", "IDENTITY.md", "USER.md", "HEARTBEAT.md", "BOOTSTRAP.md", "MEMORY.md"];
const ALLOWED = new Set([...KNOWN_FILES, "memory.md"]);
const MAX_READ = 1024 * 1024;

export interface WorkspaceFile {
  name: string;
  path: string;
  missing: boolean;
  size?: number;
  updatedAtMs?: number;
  content?: string;
}

function checkName(name: string): void {
  if (!ALLOWED.has(name)) {
    throw new GatewayError("INVALID_PARAMS", `unsupported file '${name.slice(0, 64)}': one of ${[...ALLOWED].join(", ")}`);
  }
}

function describe(workspace: string, name: string, withContent: boolean): WorkspaceFile {
  const path = join(workspace, name);
  let stat;
  try {
    stat = lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { name, path, missing: true };
    throw error;
  }
  if (!stat.isFile()) throw new GatewayError("INVALID_PARAMS", `${name} is not a regular file`);
  const file: WorkspaceFile = { name, path, missing: false, size: stat.size, updatedAtMs: Math.floor(stat.mtimeMs) };
  if (withContent) {
    if (stat.size > MAX_READ) throw new GatewayError("INVALID_PARAMS", `${name} is larger than ${MAX_READ} bytes`);
    file.content = readFileSync(path, "utf8");
  }
  return file;
}

/** The known files, missing ones included (and `memory.md` when it exists). */
export function listFiles(workspace: string): WorkspaceFile[] {
  const names = [...KNOWN_FILES];
  if (existsSync(join(workspace, "memory.md")) && !existsSync(join(workspace, "MEMORY.md"))) names.push("memory.md");
  return names.map((name) => describe(workspace, name, false));
}

export function getFile(workspace: string, name: string): WorkspaceFile {
  checkName(name);
  return describe(workspace, name, true);
}

export function setFile(workspace: string, name: string, content: string): WorkspaceFile {
  checkName(name);
  describe(workspace, name, false); // refuses symbolic links and directories
  writeFileAtomic(join(workspace, name), content, 0o644);
  return describe(workspace, name, false);
}
