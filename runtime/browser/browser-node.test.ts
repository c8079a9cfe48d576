/** Which node `browser.request` drives, and how the files a node returns are kept. */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { GatewayConfig, NodeInfo } from "../../generated/ts/types.js";
import { PROXY_FILE_TTL_MS, pickBrowserNode, requestedProfile, rewriteProxyPaths, saveProxyFiles } from "./browser-node.js";

const node = (nodeId: string, extra: Partial<NodeInfo> = {}): NodeInfo => ({ nodeId, caps: [], commands: ["browser.proxy"], paired: true, connected: true, ...extra });
const policy = (browser: NonNullable<NonNullable<NonNullable<GatewayConfig["gateway"]>["nodes"]>["browser"]>): GatewayConfig => ({ gateway: { nodes: { browser } } });
const why = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  return "no error";
};

describe("browser node", () => {
  it("auto: the one connected node offering browser control (cap or command); none or several say what to do", () => {
    const mac = node("aaaaaaaa1", { displayName: "Mac Studio" });
    expect(pickBrowserNode({}, [node("x", { commands: ["system.run"] }), mac]).nodeId).toBe("aaaaaaaa1");
    expect(pickBrowserNode({}, [node("c", { commands: [], caps: ["browser"] })]).nodeId).toBe("c");
    expect(why(() => pickBrowserNode({}, [node("x", { commands: [] }), node("y", { connected: false })]))).toContain("no browser: this gateway runs no browser itself");
    expect(why(() => pickBrowserNode({}, [mac, node("b")]))).toContain("choose one with gateway.nodes.browser.node");
  });

  it("a configured node is found by id, name, address or id prefix; manual and off are obeyed", () => {
    const nodes = [node("abcdef123", { displayName: "Mac Studio", remoteIp: "10.0.0.2" }), node("zzz")];
    expect(pickBrowserNode(policy({ node: "mac-studio" }), nodes).nodeId).toBe("abcdef123");
    expect(pickBrowserNode(policy({ node: "10.0.0.2" }), nodes).nodeId).toBe("abcdef123");
    expect(pickBrowserNode(policy({ node: "abcdef" }), nodes).nodeId).toBe("abcdef123");
    expect(why(() => pickBrowserNode(policy({ node: "laptop" }), nodes))).toBe("configured browser node not connected: laptop");
    expect(why(() => pickBrowserNode(policy({ mode: "manual" }), nodes))).toContain("names no node");
    expect(why(() => pickBrowserNode(policy({ mode: "off" }), nodes))).toContain("off (gateway.nodes.browser.mode)");
  });

  it("forwards the profile of the query or body", () => {
    expect(requestedProfile({ profile: " work " }, undefined)).toBe("work");
    expect(requestedProfile(undefined, { profile: "home" })).toBe("home");
    expect(requestedProfile({}, "x")).toBeUndefined();
  });

  it("saves returned files and rewrites path, imagePath and download.path", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "tidegate-browser-")), "media/browser");
    const mapping = await saveProxyFiles(
      [
        { path: "/node/shot.png", base64: Buffer.from("PNG").toString("base64"), mimeType: "image/png" },
        { path: "/node/file.csv", base64: Buffer.from("a,b").toString("base64") },
      ],
      dir,
    );
    const result = { imagePath: "/node/shot.png", download: { path: "/node/file.csv" }, path: "/elsewhere" };
    rewriteProxyPaths(result, mapping);
    expect(result.imagePath).toMatch(/\.png$/);
    expect(result.imagePath.startsWith(dir)).toBe(true);
    expect(readFileSync(result.imagePath, "utf8")).toBe("PNG");
    expect(readFileSync(result.download.path, "utf8")).toBe("a,b");
    expect(result.download.path).toMatch(/\.csv$/);
    expect(result.path).toBe("/elsewhere");
    // The next save, later than the time to live, removes them.
    await saveProxyFiles([{ path: "/n/b.png", base64: "", mimeType: "image/png" }], dir, Date.now() + PROXY_FILE_TTL_MS + 1000);
    expect(existsSync(result.imagePath)).toBe(false);
  });
});
