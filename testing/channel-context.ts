/**
 * Test support: a `ChannelContext` that records what a channel account hands
 * the gateway — inbound messages, state reports, log lines — and lets a test
 * wait for the one it expects.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ChannelAccountState, ChannelContext, InboundMessage } from "../runtime/channels/types.js";
import { createLogger } from "../runtime/log.js";

const WAIT_MS = 30_000;

export interface RecordingContext extends ChannelContext {
  readonly inbound: InboundMessage[];
  /** Every `report` patch, in order. */
  readonly reports: Partial<ChannelAccountState>[];
  /** The patches merged, as the manager would show them (a member set to undefined is removed). */
  readonly state: Record<string, unknown>;
  readonly logLines: string[];
  /** Wait until `match` holds for the merged state after some report (or already holds). */
  waitForState(match: (state: Record<string, unknown>) => boolean, what: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Wait for an inbound message (already received or still to come) that matches. */
  waitForInbound(match: (message: InboundMessage) => boolean, what: string, timeoutMs?: number): Promise<InboundMessage>;
}

export function recordingContext(config: Record<string, unknown>, channel = "irc", accountId = "default"): RecordingContext {
  const inbound: InboundMessage[] = [];
  const reports: Partial<ChannelAccountState>[] = [];
  const state: Record<string, unknown> = {};
  const logLines: string[] = [];
  const waiters = new Set<() => void>();
  const wakeAll = () => {
    for (const wake of [...waiters]) wake();
  };
  const waitUntil = <T>(pick: () => T | undefined, what: string, timeoutMs = WAIT_MS) =>
    new Promise<T>((done, fail) => {
      const check = () => {
        const found = pick();
        if (found === undefined) return false;
        waiters.delete(wake);
        clearTimeout(timer);
        done(found);
        return true;
      };
      const wake = () => void check();
      const timer = setTimeout(() => {
        waiters.delete(wake);
        fail(new Error(`timed out waiting for ${what}; state: ${JSON.stringify(state)}; inbound: ${JSON.stringify(inbound.map((m) => m.text))}`));
      }, timeoutMs);
      if (!check()) waiters.add(wake);
    });
  return {
    channel,
    accountId,
    config,
    stateDir: mkdtempSync(join(tmpdir(), "tidegate-channel-")),
    log: createLogger("debug", (line) => logLines.push(line)),
    now: () => Date.now(),
    receive(message) {
      inbound.push(message);
      wakeAll();
    },
    report(patch) {
      reports.push(patch);
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined) delete state[key];
        else state[key] = value;
      }
      wakeAll();
    },
    inbound,
    reports,
    state,
    logLines,
    waitForState: (match, what, timeoutMs) => waitUntil(() => (match(state) ? { ...state } : undefined), what, timeoutMs),
    waitForInbound: (match, what, timeoutMs) => waitUntil(() => inbound.find(match), what, timeoutMs),
  };
}
