/**
 * Paired devices, pending pairing requests and device tokens, persisted in
 * `<state>/devices.json` (atomic writes, mode 0600). Tokens are never stored:
 * each is an HMAC of (device, role, generation) under the gateway's own key
 * (`<state>/device-token.key`), and only its SHA-256 is kept for checking.
 */
import { createHmac, randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { DevicePairRequest, PairedDevice, Role, Scope } from "../../generated/ts/types.js";
import { randomSecret, secretsEqual, sha256Hex } from "../auth/secret.js";
import { readJsonFile, writeFileAtomic } from "./atomic-file.js";

export const PENDING_TTL_MS = 5 * 60_000;
export const MAX_PENDING = 64;

interface RoleRecord {
  scopes: Scope[];
  generation: number;
  tokenHash: string;
  issuedAtMs: number;
  revoked?: boolean;
}

interface DeviceRecord {
  deviceId: string;
  publicKey: string;
  displayName?: string;
  platform?: string;
  clientId?: string;
  approvedAtMs: number;
  lastSeenAtMs?: number;
  roles: Partial<Record<Role, RoleRecord>>;
}

interface DevicesFile {
  version: 1;
  devices: Record<string, DeviceRecord>;
  pending: DevicePairRequest[];
}

export type PairingRequestInput = Omit<DevicePairRequest, "requestId" | "ts" | "expiresAtMs" | "isRepair">;

export interface IssuedToken {
  deviceToken: string;
  role: Role;
  scopes: Scope[];
  issuedAtMs: number;
}

export class DeviceStore {
  private readonly path: string;
  private readonly key: string;
  private data: DevicesFile;

  constructor(stateDir: string, private readonly now: () => number = Date.now) {
    this.path = join(stateDir, "devices.json");
    const keyPath = join(stateDir, "device-token.key");
    if (!existsSync(keyPath)) writeFileAtomic(keyPath, randomSecret() + "\n");
    this.key = readFileSync(keyPath, "utf8").trim();
    this.data = readJsonFile<DevicesFile>(this.path) ?? { version: 1, devices: {}, pending: [] };
    this.data.devices = Object.assign(Object.create(null), this.data.devices);
  }

  private save(): void {
    writeFileAtomic(this.path, JSON.stringify(this.data, null, 2) + "\n");
  }

  private tokenFor(deviceId: string, role: Role, generation: number): string {
    return createHmac("sha256", this.key).update(`${deviceId}|${role}|${generation}`).digest("base64url");
  }

  get(deviceId: string): DeviceRecord | undefined {
    return Object.hasOwn(this.data.devices, deviceId) ? this.data.devices[deviceId] : undefined;
  }

  /** Approved scopes of a device for a role, when paired and not revoked. */
  grant(deviceId: string, role: Role): RoleRecord | undefined {
    const record = this.get(deviceId)?.roles[role];
    return record && !record.revoked ? record : undefined;
  }

  /** True when `deviceToken` is the current token of (device, role). */
  checkToken(deviceId: string, role: Role, deviceToken: string): boolean {
    const grant = this.grant(deviceId, role);
    return grant !== undefined && secretsEqual(sha256Hex(deviceToken), grant.tokenHash);
  }

  /** The current token of (device, role), recomputed from the key. */
  currentToken(deviceId: string, role: Role): IssuedToken | undefined {
    const grant = this.grant(deviceId, role);
    if (!grant) return undefined;
    return { deviceToken: this.tokenFor(deviceId, role, grant.generation), role, scopes: [...grant.scopes], issuedAtMs: grant.issuedAtMs };
  }

  /** Approve (device, role) with `scopes`, issuing a token when there is none. */
  approve(input: { deviceId: string; publicKey: string; displayName?: string; platform?: string; clientId?: string }, role: Role, scopes: Scope[]): IssuedToken {
    const now = this.now();
    const existing = this.get(input.deviceId);
    const record: DeviceRecord = existing ?? { deviceId: input.deviceId, publicKey: input.publicKey, approvedAtMs: now, roles: {} };
    record.displayName = input.displayName ?? record.displayName;
    record.platform = input.platform ?? record.platform;
    record.clientId = input.clientId ?? record.clientId;
    const previous = record.roles[role];
    const generation = previous ? previous.generation + (previous.revoked ? 1 : 0) : 1;
    const token = this.tokenFor(input.deviceId, role, generation);
    record.roles[role] = { scopes: [...new Set(scopes)].sort() as Scope[], generation, tokenHash: sha256Hex(token), issuedAtMs: previous && !previous.revoked ? previous.issuedAtMs : now };
    this.data.devices[input.deviceId] = record;
    this.data.pending = this.data.pending.filter((p) => !(p.deviceId === input.deviceId && p.role === role));
    this.save();
    return this.currentToken(input.deviceId, role)!;
  }

  /** Record a connection of a paired device. Not persisted on every connect. */
  touch(deviceId: string): void {
    const record = this.get(deviceId);
    if (record) record.lastSeenAtMs = this.now();
  }

  /** Issue a new token for (device, role), optionally narrowing its scopes. */
  rotate(deviceId: string, role: Role, scopes?: Scope[]): IssuedToken | undefined {
    const record = this.get(deviceId);
    const grant = record?.roles[role];
    if (!record || !grant) return undefined;
    const generation = grant.generation + 1;
    record.roles[role] = {
      scopes: scopes ? ([...new Set(scopes)].sort() as Scope[]) : grant.scopes,
      generation,
      tokenHash: sha256Hex(this.tokenFor(deviceId, role, generation)),
      issuedAtMs: this.now(),
    };
    this.save();
    return this.currentToken(deviceId, role);
  }

  /** Revoke the token of (device, role); false when there was none. */
  revoke(deviceId: string, role: Role): boolean {
    const grant = this.get(deviceId)?.roles[role];
    if (!grant || grant.revoked) return false;
    grant.revoked = true;
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
  pending(): DevicePairRequest[] {
    const now = this.now();
    const live = this.data.pending.filter((p) => p.expiresAtMs > now);
    if (live.length !== this.data.pending.length) {
      this.data.pending = live;
      this.save();
    }
    return live.map((p) => ({ ...p }));
  }

  findPending(requestId: string): DevicePairRequest | undefined {
    return this.pending().find((p) => p.requestId === requestId);
  }

  /**
   * A pending request for this device, role and scopes: the existing one when identical
   * (pending requests are immutable), else a new one. `undefined` when too many are pending.
   */
  request(input: PairingRequestInput): { request: DevicePairRequest; created: boolean } | undefined {
    const live = this.pending();
    const scopes = [...new Set(input.scopes)].sort() as Scope[];
    const same = live.find((p) => p.deviceId === input.deviceId && p.role === input.role && p.scopes.join() === scopes.join() && p.publicKey === input.publicKey);
    if (same) return { request: same, created: false };
    if (live.length >= MAX_PENDING) return undefined;
    const now = this.now();
    const request: DevicePairRequest = {
      ...input,
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
  takePending(requestId: string): DevicePairRequest | undefined {
    const request = this.findPending(requestId);
    if (request) {
      this.data.pending = this.data.pending.filter((p) => p.requestId !== requestId);
      this.save();
    }
    return request;
  }

  /** Paired devices as the protocol describes them. */
  paired(): PairedDevice[] {
    return Object.values(this.data.devices).map((d) => ({
      deviceId: d.deviceId,
      publicKey: d.publicKey,
      displayName: d.displayName,
      platform: d.platform,
      clientId: d.clientId,
      approvedAtMs: d.approvedAtMs,
      lastSeenAtMs: d.lastSeenAtMs,
      roles: (Object.entries(d.roles) as [Role, RoleRecord][]).map(([role, r]) => ({ role, scopes: r.scopes, tokenIssuedAtMs: r.issuedAtMs, tokenRevoked: r.revoked ?? false })),
    })).map((d) => JSON.parse(JSON.stringify(d)) as PairedDevice);
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
