/**
 * Channel pairing: unknown DM senders under `dmPolicy: "pairing"` get a code;
 * an operator approves it (`tidegate pairing approve <channel> <code>`) and the
 * sender joins that account's approved senders (the effective allowFrom is the
 * config's plus these). Kept in `<state>/channels/pairing.json`, every change
 * written atomically before it is acknowledged. Codes are 8 characters from an
 * alphabet without look-alikes (no 0/O, 1/I/L), expire after an hour, and at
 * most `maxPending` wait per channel account.
 */
import { randomInt } from "node:crypto";
import { join } from "node:path";
import type { Logger } from "../log.js";
import { writeFileAtomicAsync } from "../state/atomic-file.js";
import { loadJsonStore } from "../state/json-store.js";

export const PAIRING_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const PAIRING_CODE_LENGTH = 8;
export const PAIRING_TTL_MS = 60 * 60_000;
export const PAIRING_MAX_PENDING = 5;
/** Expired codes are remembered this long, so approving one says "expired" rather than "unknown". */
const EXPIRED_KEPT_MS = 24 * 60 * 60_000;

export interface PairingRequest {
  channel: string;
  accountId: string;
  code: string;
  senderId: string;
  senderName?: string;
  createdAt: number;
  expiresAt: number;
}

export interface ApprovedSender {
  senderId: string;
  approvedAt: number;
  code?: string;
}

interface AccountEntry {
  pending: Omit<PairingRequest, "channel" | "accountId">[];
  approved: ApprovedSender[];
}

interface FileShape {
  version: 1;
  channels: Record<string, Record<string, AccountEntry>>;
}

export class PairingError extends Error {
  constructor(
    readonly reason: "unknown-code" | "expired",
    message: string,
  ) {
    super(message);
    this.name = "PairingError";
  }
}

export type PairingOutcome = { kind: "created" | "existing"; request: PairingRequest } | { kind: "full"; max: number };

export class PairingStore {
  readonly path: string;
  private data: FileShape;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    stateDir: string,
    private readonly now: () => number = Date.now,
    private readonly maxPending = PAIRING_MAX_PENDING,
    log?: Pick<Logger, "warn" | "error">,
  ) {
    this.path = join(stateDir, "channels", "pairing.json");
    // A file that does not parse is moved aside (its backup used when good): the gateway starts either way.
    this.data = loadJsonStore<FileShape>({
      path: this.path,
      empty: () => ({ version: 1, channels: {} }),
      accept: (value) => {
        const v = value as FileShape;
        if (v?.version !== 1 || typeof v.channels !== "object" || v.channels === null) throw new Error("not a version 1 pairing store");
        return v;
      },
      log,
      now,
    }).value;
  }

  /** The pending code of `senderId`, a new one, or `full` when too many wait. */
  async request(channel: string, accountId: string, senderId: string, senderName?: string): Promise<PairingOutcome> {
    const entry = this.entry(channel, accountId);
    const now = this.now();
    const live = entry.pending.filter((p) => p.expiresAt > now);
    const mine = live.find((p) => p.senderId === senderId);
    if (mine) return { kind: "existing", request: { channel, accountId, ...mine } };
    if (live.length >= this.maxPending) return { kind: "full", max: this.maxPending };
    const taken = new Set(this.allPending().map((p) => p.code));
    let code: string;
    do code = newCode();
    while (taken.has(code));
    const request = { code, senderId, ...(senderName ? { senderName } : {}), createdAt: now, expiresAt: now + PAIRING_TTL_MS };
    entry.pending = [...entry.pending.filter((p) => p.senderId !== senderId && p.expiresAt + EXPIRED_KEPT_MS > now), request];
    await this.save();
    return { kind: "created", request: { channel, accountId, ...request } };
  }

  /** Codes waiting for an operator (not expired), oldest first; of one channel when given. */
  list(channel?: string): PairingRequest[] {
    const now = this.now();
    return this.allPending()
      .filter((p) => p.expiresAt > now && (!channel || p.channel === channel))
      .sort((a, b) => a.createdAt - b.createdAt);
  }

  /** Approve a code of `channel`: its sender joins the account's approved senders. */
  async approve(channel: string, code: string): Promise<PairingRequest> {
    const found = this.take(channel, code);
    const entry = this.entry(channel, found.accountId);
    if (!entry.approved.some((a) => a.senderId === found.senderId)) entry.approved.push({ senderId: found.senderId, approvedAt: this.now(), code: found.code });
    await this.save();
    return found;
  }

  /** Refuse a code: it is forgotten (the sender may ask again later). */
  async reject(channel: string, code: string): Promise<PairingRequest> {
    const found = this.take(channel, code);
    await this.save();
    return found;
  }

  /** Senders approved through pairing for one account. */
  approved(channel: string, accountId: string): string[] {
    return (this.data.channels[channel]?.[accountId]?.approved ?? []).map((a) => a.senderId);
  }

  /** Wait until every change so far is on disk. */
  flush(): Promise<void> {
    return this.queue;
  }

  private take(channel: string, rawCode: string): PairingRequest {
    const code = rawCode.trim().toUpperCase();
    const now = this.now();
    for (const [accountId, entry] of Object.entries(this.data.channels[channel] ?? {})) {
      const i = entry.pending.findIndex((p) => p.code === code);
      if (i < 0) continue;
      const p = entry.pending[i];
      if (p.expiresAt <= now) throw new PairingError("expired", `pairing code ${code} of ${channel} expired; the sender gets a new one by messaging again`);
      entry.pending.splice(i, 1);
      return { channel, accountId, ...p };
    }
    throw new PairingError("unknown-code", `no pending pairing code ${code} for ${channel}; list them with \`tidegate pairing list --channel ${channel}\``);
  }

  private allPending(): PairingRequest[] {
    return Object.entries(this.data.channels).flatMap(([channel, accounts]) => Object.entries(accounts).flatMap(([accountId, entry]) => entry.pending.map((p) => ({ channel, accountId, ...p }))));
  }

  private entry(channel: string, accountId: string): AccountEntry {
    const byAccount = (this.data.channels[channel] ??= {});
    return (byAccount[accountId] ??= { pending: [], approved: [] });
  }

  private save(): Promise<void> {
    const text = JSON.stringify(this.data, null, 2) + "\n";
    const next = this.queue.then(() => writeFileAtomicAsync(this.path, text));
    this.queue = next.catch(() => undefined);
    return next;
  }
}

function newCode(): string {
  let code = "";
  for (let i = 0; i < PAIRING_CODE_LENGTH; i++) code += PAIRING_CODE_ALPHABET[randomInt(PAIRING_CODE_ALPHABET.length)];
  return code;
}
