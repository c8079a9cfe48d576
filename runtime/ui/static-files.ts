/**
 * A static file tree read once into memory: only the regular files found under
 * the root at start-up can ever be served. A request path is looked up in that
 * table, never joined onto the file system, so no `..` (raw or encoded), symlink
 * or NUL byte can reach outside the root. Symlinks and dotfiles are skipped
 * while scanning. Meant for the small built Control UI (bounded in total size).
 */
import { createHash } from "node:crypto";
import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";

export interface StaticFile {
  /** URL path, such as `/assets/index-3f2a.js`. */
  path: string;
  body: Buffer;
  type: string;
  etag: string;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json",
};

/** Refuse to hold more than this in memory (the built UI is well under 1 MiB). */
export const MAX_TOTAL_BYTES = 32 * 1024 * 1024;

/** Every regular file under `root` by URL path; empty when `root` does not exist. */
export function scanStaticFiles(root: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  let total = 0;
  const walk = (dir: string, prefix: string) => {
    for (const name of readdirSync(dir)) {
      if (name.startsWith(".")) continue;
      const full = join(dir, name);
      const stat = lstatSync(full);
      if (stat.isDirectory()) walk(full, `${prefix}${name}/`);
      else if (stat.isFile()) {
        total += stat.size;
        if (total > MAX_TOTAL_BYTES) throw new Error(`${root} holds more than ${MAX_TOTAL_BYTES} bytes; not a built UI`);
        const body = readFileSync(full);
        const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`;
        files.set(`${prefix}${name}`, { path: `${prefix}${name}`, body, type: TYPES[extname(name).toLowerCase()] ?? "application/octet-stream", etag });
      }
      // symlinks, sockets, devices: never served
    }
  };
  try {
    if (!lstatSync(root).isDirectory()) return files;
  } catch {
    return files;
  }
  walk(root, "/");
  return files;
}

/**
 * The URL path of a request target, decoded, or an HTTP status: 400 for a NUL
 * byte (raw or encoded), a backslash or malformed escapes. Dot segments are not
 * resolved: the table has no such key, so they simply find nothing (404).
 */
export function requestPath(url: string | undefined): string | 400 {
  const raw = (url ?? "/").split(/[?#]/)[0];
  if (!raw.startsWith("/")) return 400;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return 400;
  }
  if (decoded.includes("\0") || decoded.includes("\\")) return 400;
  return decoded;
}
