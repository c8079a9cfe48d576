/** Agent runs write to the gateway's session store: what a run appends is what sessions.list and preview show. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SessionService } from "../sessions/service.js";
import type { SessionPort } from "./session-port.js";
import { StoreSessions } from "./store-sessions.js";

describe("StoreSessions", () => {
  it("creates the session, appends the turn, pages history and adds usage in the session store", async () => {
    let now = 1_000;
    const service = new SessionService({ stateDir: mkdtempSync(join(tmpdir(), "tidegate-store-sessions-")), now: () => now });
    const port: SessionPort = new StoreSessions(service);
    expect(await port.get("agent:main:main")).toBeUndefined();
    const created = await port.ensure("agent:main:main", "main");
    expect(created).toMatchObject({ key: "agent:main:main", agentId: "main", sessionId: expect.any(String) });
    now = 2_000;
    await port.append("agent:main:main", { role: "user", content: "hello", ts: now });
    await port.append("agent:main:main", { role: "assistant", content: "hi there", ts: now + 1, runId: "r1", stopReason: "stop" });
    await port.addUsage("agent:main:main", { input: 3, output: 2, total: 5 });

    const page = await port.history("agent:main:main", { limit: 1 });
    expect(page.total).toBe(2);
    expect(page.messages).toEqual([expect.objectContaining({ role: "assistant", content: "hi there", runId: "r1", stopReason: "stop" })]);
    expect((await port.history("agent:main:main", { before: 1 })).messages.map((m) => m.content)).toEqual(["hello"]);
    expect(await port.get("agent:main:main")).toMatchObject({ sessionId: created.sessionId, inputTokens: 3, outputTokens: 2, totalTokens: 5 });

    const { rows } = service.list();
    expect(rows.map((r) => r.key)).toEqual(["agent:main:main"]);
    expect(service.preview(["agent:main:main"])[0]).toMatchObject({ status: "ok", items: expect.arrayContaining([expect.objectContaining({ role: "assistant" })]) });
  });
});
