/**
 * An agent's workspace files (`AGENTS.md`, `SOUL.md`, …): listed, read and
 * written by plain name inside the workspace directory. Names never contain a
 * path separator or `..`, and symbolic links are refused, so nothing outside
 * the workspace is ever read or written.
 */
import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { GatewayError } from "../errors.js";
import { writeFileAtomic } from "../state/atomic-file.js";

export const KNOWN_FILES = ["AGENTS.md", "SOUL.md", "TOOLS.md", "IDENTITY.md", "USER.md", "HEARTBEAT.md", "MEMORY.md"];
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
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
  if (!NAME.test(name) || name.includes("..") || name.length > 255) {
    throw new GatewayError("INVALID_REQUEST", `invalid file name '${name.slice(0, 64)}': a plain name inside the workspace, such as AGENTS.md`, { code: "INVALID_PARAMS" });
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
  if (!stat.isFile()) throw new GatewayError("INVALID_REQUEST", `${name} is not a regular file`, { code: "INVALID_PARAMS" });
  const file: WorkspaceFile = { name, path, missing: false, size: stat.size, updatedAtMs: Math.floor(stat.mtimeMs) };
  if (withContent) {
    if (stat.size > MAX_READ) throw new GatewayError("INVALID_REQUEST", `${name} is larger than ${MAX_READ} bytes`, { code: "INVALID_PARAMS" });
    file.content = readFileSync(path, "utf8");
  }
  return file;
}

/** The known files (missing ones included) and any other Markdown file in the workspace root. */
export function listFiles(workspace: string): WorkspaceFile[] {
  const names = new Set(KNOWN_FILES);
  try {
    for (const entry of readdirSync(workspace, { withFileTypes: true })) if (entry.isFile() && entry.name.endsWith(".md") && NAME.test(entry.name)) names.add(entry.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  return [...names].map((name) => describe(workspace, name, false));
}

export function getFile(workspace: string, name: string): WorkspaceFile {
  checkName(name);
  return describe(workspace, name, true);
}

export function setFile(workspace: string, name: string, content: string): WorkspaceFile {
  checkName(name);
  const current = describe(workspace, name, false); // refuses symlinks and directories
  void current;
  writeFileAtomic(join(workspace, name), content, 0o644);
  return describe(workspace, name, false);
}
