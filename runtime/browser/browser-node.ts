/**
 * `browser.request` as v3 relays it to a node: pick the node that offers
 * browser control (`browser` cap or `browser.proxy` command) by the config's
 * policy, send it the request, save the files it returns (screenshots,
 * downloads) on the gateway host and point the answer's paths at them.
 */
import { randomUUID } from "node:crypto";
import { mkdir, readdir, stat, unlink, writeFile } from "node:fs/promises";
import { extname, join } from "node:path";
import type { GatewayConfig, NodeInfo } from "../../generated/ts/types.js";
import { GatewayError } from "../errors.js";

/** A node offers browser control when it has the `browser` cap or serves `browser.proxy`. */
export const isBrowserNode = (node: Pick<NodeInfo, "caps" | "commands">) => node.caps.includes("browser") || node.commands.includes("browser.proxy");

const key = (value: string) =>
  value
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");

function findNode(nodes: NodeInfo[], query: string): NodeInfo | undefined {
  const q = query.trim();
  const matches = nodes.filter((n) => n.nodeId === q || n.remoteIp === q || (n.displayName !== undefined && key(n.displayName) === key(q)) || (q.length >= 6 && n.nodeId.startsWith(q)));
  if (matches.length > 1) {
    throw new GatewayError("BROWSER_UNAVAILABLE", `ambiguous node: ${q} (matches: ${matches.map((n) => n.displayName || n.remoteIp || n.nodeId).join(", ")})`);
  }
  return matches[0];
}

/** The node to drive, by `gateway.nodes.browser`; throws BROWSER_UNAVAILABLE saying why there is none. */
export function pickBrowserNode(config: GatewayConfig, connected: NodeInfo[]): NodeInfo {
  const policy = config.gateway?.nodes?.browser;
  const mode = policy?.mode ?? "auto";
  const none = "this gateway runs no browser itself; connect a node that offers browser control (the `browser.proxy` command)";
  if (mode === "off") throw new GatewayError("BROWSER_UNAVAILABLE", "browser control through nodes is off (gateway.nodes.browser.mode), and this gateway runs no browser itself");
  const candidates = connected.filter((n) => n.connected && isBrowserNode(n));
  const wanted = policy?.node?.trim();
  if (wanted) {
    if (candidates.length === 0) throw new GatewayError("BROWSER_UNAVAILABLE", `no connected browser-capable nodes (gateway.nodes.browser.node is ${wanted})`, {}, { retryable: true });
    const node = findNode(candidates, wanted);
    if (!node) throw new GatewayError("BROWSER_UNAVAILABLE", `configured browser node not connected: ${wanted}`, {}, { retryable: true });
    return node;
  }
  if (mode === "manual") throw new GatewayError("BROWSER_UNAVAILABLE", `gateway.nodes.browser.mode is manual but names no node (set gateway.nodes.browser.node); ${none}`);
  if (candidates.length === 1) return candidates[0];
  if (candidates.length === 0) throw new GatewayError("BROWSER_UNAVAILABLE", `no browser: ${none}`, {}, { retryable: true });
  throw new GatewayError("BROWSER_UNAVAILABLE", `several nodes offer browser control (${candidates.map((n) => n.displayName || n.nodeId).join(", ")}): choose one with gateway.nodes.browser.node`);
}

/** The profile the request names (`query.profile` or `body.profile`), as v3 forwards it. */
export function requestedProfile(query: Record<string, unknown> | undefined, body: unknown): string | undefined {
  const fromQuery = typeof query?.profile === "string" ? query.profile.trim() : "";
  if (fromQuery) return fromQuery;
  const fromBody = body && typeof body === "object" && typeof (body as { profile?: unknown }).profile === "string" ? (body as { profile: string }).profile.trim() : "";
  return fromBody || undefined;
}

interface ProxyFile {
  path: string;
  base64: string;
  mimeType?: string;
}

const EXTENSIONS: Record<string, string> = { "image/png": ".png", "image/jpeg": ".jpg", "image/webp": ".webp", "application/pdf": ".pdf", "text/html": ".html", "application/json": ".json" };

/** Saved files are removed at the next save after this long, so the folder does not grow without bound. */
export const PROXY_FILE_TTL_MS = 10 * 60_000;

async function pruneOld(dir: string, now: number): Promise<void> {
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const path = join(dir, name);
    const info = await stat(path).catch(() => undefined);
    if (info?.isFile() && now - info.mtimeMs > PROXY_FILE_TTL_MS) await unlink(path).catch(() => undefined);
  }
}

/** Save the node's files under `dir` (removing ones older than `PROXY_FILE_TTL_MS`); returns node path → local path. */
export async function saveProxyFiles(files: unknown, dir: string, now = Date.now()): Promise<Map<string, string>> {
  const mapping = new Map<string, string>();
  if (!Array.isArray(files) || files.length === 0) return mapping;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await pruneOld(dir, now);
  for (const file of files as ProxyFile[]) {
    if (!file || typeof file.path !== "string" || typeof file.base64 !== "string") continue;
    const ext = (file.mimeType && EXTENSIONS[file.mimeType]) || extname(file.path).slice(0, 10) || ".bin";
    const local = join(dir, `${randomUUID()}${ext}`);
    await writeFile(local, Buffer.from(file.base64, "base64"), { mode: 0o600 });
    mapping.set(file.path, local);
  }
  return mapping;
}

/** Point `path`, `imagePath` and `download.path` of the answer at the saved copies (v3's fields). */
export function rewriteProxyPaths(result: unknown, mapping: Map<string, string>): void {
  if (!result || typeof result !== "object" || mapping.size === 0) return;
  const obj = result as { path?: unknown; imagePath?: unknown; download?: { path?: unknown } };
  if (typeof obj.path === "string" && mapping.has(obj.path)) obj.path = mapping.get(obj.path);
  if (typeof obj.imagePath === "string" && mapping.has(obj.imagePath)) obj.imagePath = mapping.get(obj.imagePath);
  if (obj.download && typeof obj.download === "object" && typeof obj.download.path === "string" && mapping.has(obj.download.path)) obj.download.path = mapping.get(obj.download.path);
}
