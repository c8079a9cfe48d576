/**
 * Compatibility with real v3 clients: the connect frames recorded in
 * `shared/protocol/v3-trace.log` (CLI and headless node host) are replayed
 * with a fresh device key, nonce and signature but otherwise the same
 * shapes, and our hello-ok must carry every field the recorded one shows.
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signedStringV3 } from "../../common/signed-string.js";
import { type GatewayProcess, REPO_ROOT, startGateway } from "../../testing/gateway-process.js";
import { DeviceKey, RawClient } from "../../testing/raw-client.js";

const TRACE = readFileSync(join(REPO_ROOT, "../shared/protocol/v3-trace.log"), "utf8").split("\n");
const frames = (direction: "C>" | "S>") =>
  TRACE.map((line) => line.match(/^#(\d+) (C>|S>) (.*)$/))
    .filter((m): m is RegExpMatchArray => m !== null && m[2] === direction)
    .map((m) => ({ socket: m[1], frame: JSON.parse(m[3]) }));

const connects = frames("C>").filter((f) => f.frame.method === "connect");
const hellos = new Map(
  frames("S>")
    .filter((f) => f.frame.payload?.type === "hello-ok")
    .map((f) => [f.socket, f.frame.payload]),
);

/** Fields that announce services tidegate does not run (a canvas host, an updater, an agent runtime). */
const NOT_OFFERED = new Set(["canvasHostUrl", "snapshot.updateAvailable", "snapshot.health.heartbeatSeconds", "snapshot.health.agents[]", "snapshot.health.sessions"]);

/** Key paths of an object; arrays contribute the keys of their first element as `name[]`. */
function keyPaths(value: unknown, prefix = ""): string[] {
  if (Array.isArray(value)) return value.length && typeof value[0] === "object" ? keyPaths(value[0], `${prefix}[]`) : [];
  if (!value || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, inner]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return [path, ...keyPaths(inner, path)];
  });
}

let gw: GatewayProcess;
beforeAll(async () => {
  gw = await startGateway();
});
afterAll(() => gw.dispose());

describe("recorded v3 connects", () => {
  it("the trace holds a CLI and a node-host connect", () => {
    expect(connects.map((c) => c.frame.params.client.id)).toEqual(expect.arrayContaining(["cli", "node-host"]));
  });

  it.each(connects.map((c) => [`${c.frame.params.client.id} (socket #${c.socket})`, c] as const))("%s gets a hello-ok with every recorded field", async (_, recorded) => {
    const client = await RawClient.open(gw.url);
    const device = new DeviceKey();
    const params = structuredClone(recorded.frame.params);
    params.auth = { token: gw.token };
    const signedAt = Date.now();
    params.device = {
      id: device.id,
      publicKey: device.publicKey,
      signedAt,
      nonce: client.challenge!.nonce,
      signature: device.sign(
        signedStringV3({
          deviceId: device.id,
          clientId: params.client.id,
          clientMode: params.client.mode,
          role: params.role,
          scopes: params.scopes,
          signedAtMs: signedAt,
          token: gw.token,
          nonce: client.challenge!.nonce,
          platform: params.client.platform,
          deviceFamily: params.client.deviceFamily,
        }),
      ),
    };
    const res = await client.request("connect", params);
    expect(res.ok, JSON.stringify(res.error)).toBe(true);
    const ours = new Set(keyPaths(res.payload));
    const expected = keyPaths(hellos.get(recorded.socket)).filter((path) => ![...NOT_OFFERED].some((skip) => path === skip || path.startsWith(skip + ".")));
    expect(expected.filter((path) => !ours.has(path))).toEqual([]);
    expect(res.payload.auth.role).toBe(params.role);
    client.close();
  });
});

describe("recorded signatures", () => {
  it("the v3 signed string we build verifies the recorded signatures", async () => {
    const { verifyDeviceProof } = await import("../auth/device-signature.js");
    for (const { frame } of connects.slice(0, 2)) {
      expect(verifyDeviceProof(frame.params, frame.params.device.nonce, frame.params.device.signedAt)).toBe("v3");
    }
  });
});
