import { describe, expect, it } from "vitest";
import { validateConfigValue } from "../config/load.js";
import { configuredAccounts, policyOf } from "./config.js";

describe("channels config", () => {
  it("dmPolicy open without * in allowFrom is refused, naming the path and the fix", () => {
    const bad = validateConfigValue({ channels: { irc: { server: "irc.example", dmPolicy: "open", allowFrom: ["alice"] } } });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.issues[0].path).toBe("channels.irc.allowFrom");
    expect(bad.message).toContain('add "*" to channels.irc.allowFrom');
    const account = validateConfigValue({ channels: { irc: { dmPolicy: "open", allowFrom: ["*"], accounts: { b: { allowFrom: ["x"] } } } } });
    expect(account.ok).toBe(false);
    if (!account.ok) expect(account.issues[0].path).toBe("channels.irc.accounts.b.allowFrom");
    expect(validateConfigValue({ channels: { irc: { dmPolicy: "open", allowFrom: ["*"] } } }).ok).toBe(true);
    const empty = validateConfigValue({ channels: { irc: { dmPolicy: "allowlist" } } });
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.message).toContain("list the senders in channels.irc.allowFrom");
  });

  it("unknown fields and bad policies are schema errors", () => {
    expect(validateConfigValue({ channels: { irc: { dmPolicy: "everyone" } } }).ok).toBe(false);
    expect(validateConfigValue({ channels: { irc: { groups: { "#ops": { requireMention: "yes" } } } } }).ok).toBe(false);
  });

  it("the channel section is the default account; listed accounts override its fields", () => {
    expect(configuredAccounts({}, "irc")).toEqual([]);
    expect(configuredAccounts({ channels: { irc: { nick: "bot" } } }, "irc")).toEqual([{ channel: "irc", accountId: "default", enabled: true, config: { nick: "bot" } }]);
    const accounts = configuredAccounts({ channels: { irc: { nick: "bot", dmPolicy: "allowlist", accounts: { a: { nick: "a" }, b: { enabled: false } } } } }, "irc");
    expect(accounts.map((a) => [a.accountId, a.enabled, a.config.nick, a.config.dmPolicy])).toEqual([
      ["a", true, "a", "allowlist"],
      ["b", false, "bot", "allowlist"],
    ]);
    expect(policyOf({})).toMatchObject({ dmPolicy: "pairing", groupPolicy: "open", requireMention: true, allowFrom: [] });
  });
});
