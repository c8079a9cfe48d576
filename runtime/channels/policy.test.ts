import { describe, expect, it } from "vitest";
import { type AccountPolicy, policyOf } from "./config.js";
import { decide } from "./policy.js";
import type { InboundMessage } from "./types.js";

const dm = (sender: string): InboundMessage => ({ text: "hi", sender: { id: sender }, chatType: "dm", mentioned: false, mentions: [], attachments: [], receivedAt: 0 });
const group = (sender: string, groupId: string, mentioned = true): InboundMessage => ({ ...dm(sender), chatType: "group", groupId, mentioned });
const policy = (p: Partial<AccountPolicy> & Record<string, unknown> = {}) => policyOf(p);

describe("access policy", () => {
  it("defaults: DMs need pairing, groups open with mention required", () => {
    expect(decide(dm("eve"), policy(), [])).toEqual({ action: "pair" });
    expect(decide(group("eve", "#ops", true), policy(), [])).toEqual({ action: "allow" });
    expect(decide(group("eve", "#ops", false), policy(), [])).toMatchObject({ action: "drop", reason: "not-mentioned" });
  });

  it("pairing: allowFrom and approved senders pass (case-insensitive)", () => {
    expect(decide(dm("Alice"), policy({ allowFrom: ["alice"] }), [])).toEqual({ action: "allow" });
    expect(decide(dm("bob"), policy(), ["BOB"])).toEqual({ action: "allow" });
  });

  it("entries may use * and ? wildcards (IRC masks)", () => {
    const p = policy({ dmPolicy: "allowlist", allowFrom: ["alice!*@*.example.org", "b?b!bob@host"] });
    expect(decide(dm("alice!~alice@home.example.org"), p, [])).toEqual({ action: "allow" });
    expect(decide(dm("alice!~alice@evil.org"), p, [])).toMatchObject({ reason: "dm-not-allowed" });
    expect(decide(dm("BOB!bob@host"), p, [])).toEqual({ action: "allow" });
    expect(decide(dm("bxxb!bob@host"), p, [])).toMatchObject({ reason: "dm-not-allowed" });
    expect(decide(dm("a.b"), policy({ dmPolicy: "allowlist", allowFrom: ["a.b"] }), [])).toEqual({ action: "allow" });
    expect(decide(dm("axb"), policy({ dmPolicy: "allowlist", allowFrom: ["a.b"] }), [])).toMatchObject({ reason: "dm-not-allowed" });
  });

  it("allowlist drops strangers, open lets everyone in, disabled drops all", () => {
    expect(decide(dm("eve"), policy({ dmPolicy: "allowlist", allowFrom: ["alice"] }), [])).toMatchObject({ action: "drop", reason: "dm-not-allowed" });
    expect(decide(dm("alice"), policy({ dmPolicy: "allowlist", allowFrom: ["alice"] }), [])).toEqual({ action: "allow" });
    expect(decide(dm("eve"), policy({ dmPolicy: "open", allowFrom: ["*"] }), [])).toEqual({ action: "allow" });
    expect(decide(dm("alice"), policy({ dmPolicy: "disabled", allowFrom: ["alice"] }), [])).toMatchObject({ action: "drop", reason: "dm-disabled" });
  });

  it("groupPolicy allowlist / disabled, per-group switches and sender lists", () => {
    const p = policy({ groupPolicy: "allowlist", groups: { "#ops": {}, "#quiet": { enabled: false }, "#team": { allowFrom: ["alice"], requireMention: false } } });
    expect(decide(group("eve", "#ops"), p, [])).toEqual({ action: "allow" });
    expect(decide(group("eve", "#random"), p, [])).toMatchObject({ reason: "group-not-allowed" });
    expect(decide(group("eve", "#quiet"), p, [])).toMatchObject({ reason: "group-disabled" });
    expect(decide(group("eve", "#team"), p, [])).toMatchObject({ reason: "group-sender-not-allowed" });
    expect(decide(group("alice", "#team", false), p, [])).toEqual({ action: "allow" });
    expect(decide(group("alice", "#ops"), policy({ groupPolicy: "disabled" }), [])).toMatchObject({ reason: "group-disabled" });
  });

  it("mention gating can be turned off for the channel or for every group with *", () => {
    expect(decide(group("eve", "#ops", false), policy({ requireMention: false }), [])).toEqual({ action: "allow" });
    expect(decide(group("eve", "#ops", false), policy({ groups: { "*": { requireMention: false } } }), [])).toEqual({ action: "allow" });
  });
});
