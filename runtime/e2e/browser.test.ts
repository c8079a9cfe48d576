/** End to end: browser.request relayed to a node's `browser.proxy`, its files saved on the gateway host. */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type GatewayProcess, startGateway } from "../../testing/gateway-process.js";
import { DeviceKey, type Frame, RawClient } from "../../testing/raw-client.js";

let gw: GatewayProcess | undefined;
afterAll(() => gw?.dispose());

describe("browser.request over the wire", () => {
  it("without a browser node: UNAVAILABLE saying so; with one: the node's answer, files saved locally", async () => {
    gw = await startGateway();
    const op = await RawClient.open(gw.url);
    expect((await op.connect({ token: gw.token, scopes: ["operator.write"] })).ok).toBe(true);
    const none = await op.request("browser.request", { method: "GET", path: "/tabs" });
    expect(none.error).toMatchObject({ code: "UNAVAILABLE", details: { code: "BROWSER_UNAVAILABLE" } });
    expect(none.error?.message).toContain("connect a node that offers browser control");

    const node = await RawClient.open(gw.url);
    expect((await node.connect({ token: gw.token, role: "node", device: new DeviceKey(), commands: ["browser.proxy"], caps: ["browser"], client: { displayName: "mac" } })).ok).toBe(true);
    const seen: unknown[] = [];
    node.ws.on("message", (data) => {
      const frame = JSON.parse(String(data)) as Frame;
      if (frame.event !== "node.invoke.request") return;
      const params = JSON.parse(frame.payload.paramsJSON);
      seen.push({ command: frame.payload.command, params });
      const payload = {
        result: { ok: true, path: params.path, imagePath: "/node/tmp/shot.png" },
        files: [{ path: "/node/tmp/shot.png", base64: Buffer.from("PNGDATA").toString("base64"), mimeType: "image/png" }],
      };
      node.sendRaw(
        JSON.stringify({ type: "req", id: randomUUID(), method: "node.invoke.result", params: { id: frame.payload.id, nodeId: frame.payload.nodeId, ok: true, payloadJSON: JSON.stringify(payload) } }),
      );
    });
    const shot = await op.request("browser.request", { method: "post", path: "/screenshot", body: { profile: "work", fullPage: true } });
    expect(shot.ok).toBe(true);
    expect(seen).toEqual([{ command: "browser.proxy", params: { method: "POST", path: "/screenshot", body: { profile: "work", fullPage: true }, profile: "work" } }]);
    expect(shot.payload.path).toBe("/screenshot");
    expect(shot.payload.imagePath.startsWith(join(gw.stateDir, "media/browser/"))).toBe(true);
    expect(readFileSync(shot.payload.imagePath, "utf8")).toBe("PNGDATA");
    expect((await op.request("browser.request", { method: "PUT", path: "/x" })).error).toMatchObject({ code: "INVALID_REQUEST", details: { code: "INVALID_PARAMS" } });
    op.close();
    node.close();
  });
});
