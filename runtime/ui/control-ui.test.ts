import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { controlUiRoute } from "./control-ui.js";

let dir: string;
let server: Server;
let port: number;

function serve(root: string): Promise<{ server: Server; port: number }> {
  const route = controlUiRoute(root);
  const s = createServer((req, res) => {
    if (!route(req, res)) {
      res.writeHead(404);
      res.end("fallback");
    }
  });
  return new Promise((done) => s.listen(0, "127.0.0.1", () => done({ server: s, port: (s.address() as { port: number }).port })));
}

function get(path: string, headers: Record<string, string> = {}, at = port, method = "GET"): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((done, fail) => {
    const req = request({ host: "127.0.0.1", port: at, path, method, headers }, (res) => {
      let body = "";
      res.on("data", (d) => (body += d));
      res.on("end", () => done({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on("error", fail);
    req.end();
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "tidegate-ui-"));
  const root = join(dir, "ui");
  mkdirSync(join(root, "assets"), { recursive: true });
  writeFileSync(join(root, "index.html"), "<!doctype html><title>tidegate</title>");
  writeFileSync(join(root, "assets", "index-3f2a9c.js"), "console.log(1)");
  writeFileSync(join(root, ".env"), "SECRET=1");
  writeFileSync(join(dir, "secret.txt"), "outside the root");
  symlinkSync(join(dir, "secret.txt"), join(root, "link.txt"));
  symlinkSync(dir, join(root, "up"));
  ({ server, port } = await serve(root));
});

afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the Control UI route", () => {
  it("serves index.html with no-cache and a strict CSP that allows WebSocket only to this host", async () => {
    const res = await get("/");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/html/);
    expect(res.headers["cache-control"]).toBe("no-cache");
    const csp = String(res.headers["content-security-policy"]);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${port} wss://127.0.0.1:${port}`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("leaves an unsafe Host out of the CSP", async () => {
    const res = await get("/", { host: "x; script-src *" });
    expect(String(res.headers["content-security-policy"])).toContain("connect-src 'self'; ");
  });

  it("caches hashed assets for a year and answers 304 to a matching ETag", async () => {
    const res = await get("/assets/index-3f2a9c.js");
    expect(res.status).toBe(200);
    expect(res.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(res.headers["content-type"]).toMatch(/^text\/javascript/);
    const again = await get("/assets/index-3f2a9c.js", { "if-none-match": String(res.headers.etag) });
    expect(again.status).toBe(304);
    expect((await get("/assets/index-3f2a9c.js", {}, port, "HEAD")).body).toBe("");
  });

  it("never leaves its root: dot segments (raw or encoded), symlinks and dotfiles find nothing", async () => {
    for (const path of [
      "/../secret.txt",
      "/assets/../../secret.txt",
      "/%2e%2e/secret.txt",
      "/assets/%2e%2e%2f%2e%2e%2fsecret.txt",
      "/..%2fsecret.txt",
      "/link.txt",
      "/up/secret.txt",
      "/.env",
      "/assets/",
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(res.body, path).toBe("fallback");
    }
  });

  it("refuses NUL bytes, backslashes and malformed escapes with 400", async () => {
    for (const path of ["/index.html%00", "/%00../secret.txt", "/assets%5c..%5csecret.txt", "/%zz"]) {
      expect((await get(path)).status, path).toBe(400);
    }
  });

  it("leaves other methods and unknown paths to the next route", async () => {
    expect((await get("/", {}, port, "POST")).body).toBe("fallback");
    expect((await get("/metrics")).body).toBe("fallback");
  });

  it("says how to build it when there is no build", async () => {
    const empty = await serve(join(dir, "missing"));
    const res = await get("/", {}, empty.port);
    empty.server.close();
    expect(res.status).toBe(503);
    expect(res.body).toContain("make build");
  });
});
