import { describe, expect, it } from "vitest";
import { baseHashProblem, checkApprovals, findAllowlistEntry, hashApprovalsText, keepSocketToken, patternMatches, policyFor, redactedSnapshot, withAllowlistEntry } from "./exec-approvals.js";

describe("exec approvals file", () => {
  it("merges agent over * over defaults; allowlists add up", () => {
    const file = {
      version: 1,
      defaults: { security: "full" as const, ask: "off" as const },
      agents: { "*": { ask: "always" as const, allowlist: [{ pattern: "git" }] }, main: { security: "deny" as const, allowlist: [{ pattern: "/usr/bin/*" }] } },
    };
    expect(policyFor(file, "main")).toEqual({ security: "deny", ask: "always", askFallback: "deny", allowlist: [{ pattern: "git" }, { pattern: "/usr/bin/*" }] });
    expect(policyFor(file, "other")).toMatchObject({ security: "full", ask: "always", allowlist: [{ pattern: "git" }] });
    expect(policyFor({ version: 1 }, undefined)).toEqual({ security: "allowlist", ask: "on-miss", askFallback: "deny", allowlist: [] });
    expect(policyFor(file, "__proto__").security).toBe("full");
  });

  it("matches names anywhere and path globs exactly", () => {
    expect(patternMatches("git", "/usr/local/bin/git")).toBe(true);
    expect(patternMatches("/usr/bin/echo", "/usr/bin/echo")).toBe(true);
    expect(patternMatches("/usr/bin/echo", "/tmp/echo")).toBe(false);
    expect(patternMatches("/usr/bin/*", "/usr/bin/ls")).toBe(true);
    expect(patternMatches("/usr/bin/*", "/usr/bin/x/ls")).toBe(false);
    expect(patternMatches("/opt/**", "/opt/a/b/c")).toBe(true);
    expect(patternMatches("py*", "/usr/bin/python3")).toBe(true);
    expect(patternMatches("/usr/bin/e.ho", "/usr/bin/echo")).toBe(false);
  });

  it("allow-always adds the path once, under the agent or *", () => {
    let file = withAllowlistEntry({ version: 1 }, undefined, "/bin/ls", "ls /", 5);
    file = withAllowlistEntry(file, undefined, "/bin/ls", "ls /tmp", 6);
    expect(file.agents?.["*"]?.allowlist).toEqual([{ pattern: "/bin/ls", lastUsedAt: 5, lastUsedCommand: "ls /", lastResolvedPath: "/bin/ls" }]);
    expect(findAllowlistEntry(policyFor(file, "main").allowlist, "/bin/ls")).toBeDefined();
    expect(() => withAllowlistEntry(file, "__proto__", "/bin/ls", "ls", 1)).toThrow(/not allowed/);
  });

  it("checks the schema and refuses prototype keys", () => {
    expect(() => checkApprovals({ version: 2 }, "f")).toThrow(/^f: /);
    expect(() => checkApprovals(JSON.parse('{"version":1,"agents":{"__proto__":{}}}'), "f")).toThrow(/'__proto__' is not allowed/);
    expect(() => checkApprovals({ version: 1, defaults: { security: "yolo" } }, "f")).toThrow(/security/);
  });

  it("baseHash: required once the file exists, must match", () => {
    const absent = { exists: false, hash: hashApprovalsText(undefined) };
    expect(baseHashProblem(absent, undefined)).toBeUndefined();
    expect(baseHashProblem(absent, absent.hash)).toBeUndefined();
    const present = { exists: true, hash: hashApprovalsText("x") };
    expect(baseHashProblem(present, undefined)).toMatch(/baseHash is required/);
    expect(baseHashProblem(present, absent.hash)).toMatch(/changed since it was read/);
    expect(baseHashProblem(present, present.hash)).toBeUndefined();
  });

  it("never shows the socket token and keeps it across writes", () => {
    const file = { version: 1, socket: { path: "/s", token: "secret" } };
    expect(JSON.stringify(redactedSnapshot("/p", "t", file))).not.toContain("secret");
    expect(file.socket.token).toBe("secret");
    expect(keepSocketToken({ version: 1, socket: { path: "/s" } }, file).socket?.token).toBe("secret");
  });
});
