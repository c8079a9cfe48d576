/**
 * Paired devices, pending pairing requests and device tokens, persisted in
 * `<state>/devices.json` (atomic writes, mode 0600).
 *
 * Device tokens are 32 random bytes, handed out once (at the connect that issued them,
 * or by `device.token.rotate`) and never stored: only their SHA-256 is kept, so nothing
 * in the state directory lets a copy of it produce a valid token (256 random bits need
 * no slow hash and no key). A client that presents its valid token gets the same one back
 * in `hello-ok`; one that connects with the shared secret and no valid token is issued a
 * fresh one; the newest few stay valid together (several processes of one device).
 *
 * Migration: stores written by earlier versions kept `tokenHash`, the SHA-256 of
 * HMAC(device-token.key, "deviceId|role|generation"). That hash is kept as a valid token
 * hash (existing tokens keep working) and `device-token.key` is deleted, with a log line.
 */
import { randomUUID } from "node:crypto";
import { existsSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import type { DevicePairRequest, PairedDevice, Role, Scope } from "../../generated/ts/types.js";
import { randomSecret, secretsEqual, sha256Hex } from "../auth/secret.js";
import type { Logger } from "../log.js";
import { readJsonFile, writeFileAtomic } from "./atomic-file.js";

export const PENDING_TTL_MS = 5 * 60_000;
export const MAX_PENDING = 64;

/** Live tokens kept per (device, role); issuing another drops the oldest. */
export const MAX_TOKENS_PER_ROLE = 4;

interface RoleRecord {
  scopes: Scope[];
  /** Lowercase hex SHA-256 of each live token, newest first. */
  tokenHashes: string[];
  issuedAtMs: number;
  revoked?: boolean;
  revokedAtMs?: number;
  /** When a device token of this role last authenticated a connection. */
  lastUsedAtMs?: number;
}

/** A role record as earlier versions wrote it. */
interface LegacyRoleRecord {
  scopes: Scope[];
  generation?: number;
  tokenHash?: string;
  tokenHashes?: string[];
  issuedAtMs: number;
  revoked?: boolean;
  revokedAtMs?: number;
}

interface DeviceRecord {
  deviceId: string;
  publicKey: string;
  displayName?: string;
  platform?: string;
  clientId?: string;
  clientMode?: string;
  /** Approved scopes in the order they were asked for (v3 lists them so). */
  scopes?: Scope[];
  approvedAtMs: number;
  lastSeenAtMs?: number;
  roles: Partial<Record<Role, RoleRecord>>;
}

/** A pending request as stored: one role and its scopes, with an expiry. */
export interface PendingRequest extends DevicePairRequest {
  role: Role;
  scopes: Scope[];
  expiresAtMs: number;
}

interface DevicesFile {
  version: 1;
  devices: Record<string, DeviceRecord>;
  pending: PendingRequest[];
}

export type PairingRequestInput = Omit<PendingRequest, "requestId" | "ts" | "expiresAtMs" | "isRepair" | "roles">;

export interface IssuedToken {
  deviceToken: string;
  role: Role;
  scopes: Scope[];
  issuedAtMs: number;
}

type ApproveInput = { deviceId: string; publicKey: string; displayName?: string; platform?: string; clientId?: string; clientMode?: string };

/** Newest token issued per (device, role) by this process, kept in memory only (never in the state dir). */
const MAX_REMEMBERED_TOKENS = 4096;

export class DeviceStore {
  private readonly path: string;
  private data: DevicesFile;
  private readonly recentTokens = new Map<string, string>();

  constructor(
    stateDir: string,
    private readonly now: () => number = Date.now,
    log?: Pick<Logger, "info" | "warn">,
  ) {
    this.path = join(stateDir, "devices.json");
    this.data = readJsonFile<DevicesFile>(this.path) ?? { version: 1, devices: {}, pending: [] };
    this.data.devices = Object.assign(Object.create(null), this.data.devices);
    const migrated = this.migrateLegacyTokens();
    if (migrated > 0) this.save();
    const keyPath = join(stateDir, "device-token.key");
    let removed = false;
    if (existsSync(keyPath)) {
      try {
        unlinkSync(keyPath);
        removed = true;
      } catch (error) {
        log?.warn(`could not delete ${keyPath}: delete it by hand (it derives the device tokens issued by earlier versions)`, { error: String(error) });
      }
    }
    if (migrated > 0 || removed) {
      log?.info("device tokens now random, stored only as SHA-256: existing device tokens keep working", { migratedTokens: migrated, removedKey: removed ? keyPath : "none" });
    }
  }

  /** Turn `tokenHash`/`generation` records into `tokenHashes`; returns how many live tokens were kept. */
  private migrateLegacyTokens(): number {
    let migrated = 0;
    for (const device of Object.values(this.data.devices)) {
      for (const [role, legacy] of Object.entries(device.roles) as [Role, LegacyRoleRecord][]) {
        if (Array.isArray(legacy.tokenHashes)) continue;
        const keep = !legacy.revoked && typeof legacy.tokenHash === "string" ? [legacy.tokenHash] : [];
        migrated += keep.length;
        device.roles[role] = { scopes: legacy.scopes, tokenHashes: keep, issuedAtMs: legacy.issuedAtMs, ...(legacy.revoked ? { revoked: true } : {}) };
      }
    }
    return migrated;
  }

  private save(): void {
    writeFileAtomic(this.path, JSON.stringify(this.data, null, 2) + "\n");
  }

  get(deviceId: string): DeviceRecord | undefined {
    return Object.hasOwn(this.data.devices, deviceId) ? this.data.devices[deviceId] : undefined;
  }

  /** Approved scopes of a device for a role, when paired and not revoked. */
  grant(deviceId: string, role: Role): RoleRecord | undefined {
    const record = this.get(deviceId)?.roles[role];
    return record && !record.revoked ? record : undefined;
  }

  /** True when `deviceToken` is a live token of (device, role). */
  checkToken(deviceId: string, role: Role, deviceToken: string): boolean {
    const grant = this.grant(deviceId, role);
    if (!grant) return false;
    const presented = sha256Hex(deviceToken);
    let match = false;
    for (const hash of grant.tokenHashes) match = secretsEqual(presented, hash) || match;
    return match;
  }

  /**
   * The token for this connect of (device, role): the one presented when it is live, else the
   * newest one this process issued (kept in memory only) while it is live, else a fresh random
   * one (its hash joins the live ones; the oldest beyond the cap is dropped).
   */
  issue(deviceId: string, role: Role, presented?: string): IssuedToken | undefined {
    const issued = this.issueUnsaved(deviceId, role, presented);
    if (issued?.fresh) this.save();
    return issued?.token;
  }

  /** Approve (device, role) with `scopes` and issue its token for this connect, in one write. */
  approveAndIssue(input: ApproveInput, role: Role, scopes: Scope[], presented?: string): IssuedToken {
    this.approveUnsaved(input, role, scopes);
    const issued = this.issueUnsaved(input.deviceId, role, presented)!;
    this.save();
    return issued.token;
  }

  private issueUnsaved(deviceId: string, role: Role, presented?: string): { token: IssuedToken; fresh: boolean } | undefined {
    const grant = this.grant(deviceId, role);
    if (!grant) return undefined;
    const key = `${deviceId}|${role}`;
    const recent = this.recentTokens.get(key);
    const reuse = [presented, recent].find((t): t is string => t !== undefined && this.checkToken(deviceId, role, t));
    if (reuse !== undefined) return { token: { deviceToken: reuse, role, scopes: [...grant.scopes], issuedAtMs: grant.issuedAtMs }, fresh: false };
    const token = randomSecret();
    grant.tokenHashes = [sha256Hex(token), ...grant.tokenHashes].slice(0, MAX_TOKENS_PER_ROLE);
    grant.issuedAtMs = this.now();
    this.remember(key, token);
    return { token: { deviceToken: token, role, scopes: [...grant.scopes], issuedAtMs: grant.issuedAtMs }, fresh: true };
  }

  private remember(key: string, token: string): void {
    this.recentTokens.delete(key);
    if (this.recentTokens.size >= MAX_REMEMBERED_TOKENS) this.recentTokens.delete(this.recentTokens.keys().next().value!);
    this.recentTokens.set(key, token);
  }

  /** Approve (device, role) with `scopes`. Live tokens stay live (a revoked role starts with none); `issue` hands out tokens. */
  approve(input: ApproveInput, role: Role, scopes: Scope[]): void {
    this.approveUnsaved(input, role, scopes);
    this.save();
  }

  private approveUnsaved(input: ApproveInput, role: Role, scopes: Scope[]): void {
    const now = this.now();
    const existing = this.get(input.deviceId);
    const record: DeviceRecord = existing ?? { deviceId: input.deviceId, publicKey: input.publicKey, approvedAtMs: now, roles: {} };
    record.displayName = input.displayName ?? record.displayName;
    record.platform = input.platform ?? record.platform;
    record.clientId = input.clientId ?? record.clientId;
    record.clientMode = input.clientMode ?? record.clientMode;
    record.scopes = [...new Set([...(record.scopes ?? []), ...scopes])];
    const previous = record.roles[role];
    const live = previous && !previous.revoked;
    record.roles[role] = { scopes: [...new Set(scopes)].sort() as Scope[], tokenHashes: live ? previous.tokenHashes : [], issuedAtMs: live ? previous.issuedAtMs : now };
    this.data.devices[input.deviceId] = record;
    this.data.pending = this.data.pending.filter((p) => !(p.deviceId === input.deviceId && p.role === role));
  }

  /** A device token of (device, role) authenticated a connection. Not persisted on every connect. */
  tokenUsed(deviceId: string, role: Role): void {
    const grant = this.grant(deviceId, role);
    if (grant) grant.lastUsedAtMs = this.now();
  }

  /** Record a connection of a paired device. Not persisted on every connect. */
  touch(deviceId: string): void {
    const record = this.get(deviceId);
    if (record) record.lastSeenAtMs = this.now();
  }

  /** Issue a new token for (device, role), optionally narrowing its scopes; every other token of the role stops working. */
  rotate(deviceId: string, role: Role, scopes?: Scope[]): IssuedToken | undefined {
    const record = this.get(deviceId);
    const grant = record?.roles[role];
    if (!record || !grant) return undefined;
    const token = randomSecret();
    const issuedAtMs = this.now();
    const next: RoleRecord = { scopes: scopes ? ([...new Set(scopes)].sort() as Scope[]) : grant.scopes, tokenHashes: [sha256Hex(token)], issuedAtMs };
    record.roles[role] = next;
    this.remember(`${deviceId}|${role}`, token);
    this.save();
    return { deviceToken: token, role, scopes: [...next.scopes], issuedAtMs };
  }

  /** Revoke every token of (device, role); false when there was none. */
  revoke(deviceId: string, role: Role): boolean {
    const grant = this.get(deviceId)?.roles[role];
    if (!grant || grant.revoked) return false;
    grant.revoked = true;
    grant.tokenHashes = [];
    grant.revokedAtMs = this.now();
    this.save();
    return true;
  }

  /** Forget a device entirely; false when it was not paired. */
  remove(deviceId: string): boolean {
    if (!this.get(deviceId)) return false;
    delete this.data.devices[deviceId];
    this.data.pending = this.data.pending.filter((p) => p.deviceId !== deviceId);
    this.save();
    return true;
  }

  /** Live pending requests (expired ones are dropped). */
  pending(): PendingRequest[] {
    const now = this.now();
    const live = this.data.pending.filter((p) => p.expiresAtMs > now);
    if (live.length !== this.data.pending.length) {
      this.data.pending = live;
      this.save();
    }
    return live.map((p) => ({ ...p }));
  }

  findPending(requestId: string): PendingRequest | undefined {
    return this.pending().find((p) => p.requestId === requestId);
  }

  /**
   * A pending request for this device, role and scopes: the existing one when identical
   * (pending requests are immutable), else a new one. `undefined` when too many are pending.
   */
  request(input: PairingRequestInput): { request: PendingRequest; created: boolean } | undefined {
    const live = this.pending();
    const scopes = [...new Set(input.scopes)].sort() as Scope[];
    const same = live.find((p) => p.deviceId === input.deviceId && p.role === input.role && p.scopes.join() === scopes.join() && p.publicKey === input.publicKey);
    if (same) return { request: same, created: false };
    if (live.length >= MAX_PENDING) return undefined;
    const now = this.now();
    const request: PendingRequest = {
      ...input,
      roles: [input.role],
      scopes,
      requestId: randomUUID(),
      isRepair: this.get(input.deviceId) !== undefined,
      ts: now,
      expiresAtMs: now + PENDING_TTL_MS,
    };
    this.data.pending = [...live, request];
    this.save();
    return { request, created: true };
  }

  /** Drop a pending request; returns it. */
  takePending(requestId: string): PendingRequest | undefined {
    const request = this.findPending(requestId);
    if (request) {
      this.data.pending = this.data.pending.filter((p) => p.requestId !== requestId);
      this.save();
    }
    return request;
  }

  /**
   * Paired devices as v3 lists them: role names and the union of their scopes as flat lists, and one
   * token summary per role (never the secret).
   */
  paired(): PairedDevice[] {
    // Newest approval first (v3).
    const devices = Object.values(this.data.devices).sort((a, b) => b.approvedAtMs - a.approvedAtMs);
    return devices.map((d) => {
      const roles = Object.entries(d.roles) as [Role, RoleRecord][];
      const granted = new Set(roles.flatMap(([, r]) => r.scopes));
      // v3's members in v3's order; scopes as they were asked for, tokens last.
      const device: PairedDevice = {
        deviceId: d.deviceId,
        publicKey: d.publicKey,
        displayName: d.displayName,
        platform: d.platform,
        clientId: d.clientId,
        clientMode: d.clientMode,
        role: roles[0]?.[0],
        roles: roles.map(([role]) => role),
        scopes: [...new Set([...(d.scopes ?? []).filter((s) => granted.has(s)), ...[...granted].sort()])],
        createdAtMs: d.approvedAtMs,
        approvedAtMs: d.approvedAtMs,
        tokens: roles
          .map(([role, r]) => ({ role, scopes: [...r.scopes], createdAtMs: r.issuedAtMs, revokedAtMs: r.revoked ? r.revokedAtMs : undefined, lastUsedAtMs: r.lastUsedAtMs }))
          .sort((a, b) => a.role.localeCompare(b.role)),
      };
      return JSON.parse(JSON.stringify(device)) as PairedDevice;
    });
  }

  pairedDevice(deviceId: string): PairedDevice | undefined {
    return this.paired().find((d) => d.deviceId === deviceId);
  }

  /** Set a device's display name; false when not paired. */
  rename(deviceId: string, displayName: string): boolean {
    const record = this.get(deviceId);
    if (!record) return false;
    record.displayName = displayName;
    this.save();
    return true;
  }
}
