/**
 * The breaking-change gate: compare the committed lock with the schema's
 * surface and decide. A breaking change blocks unless the protocol version
 * went up or schema/breaking-changes.ts lists its id.
 */
import { type Change, diffLocks } from "./diff.js";
import type { ProtocolLock } from "./surface.js";

export const ACKNOWLEDGE_FILE = "schema/breaking-changes.ts";
export const VERSION_FILE = "schema/version.ts";

export interface Verdict {
  changes: Change[];
  /** Breaking changes neither acknowledged nor covered by a version bump. */
  blocking: Change[];
  /** True when PROTOCOL_VERSION went up since the lock. */
  bumped: boolean;
}

export function judge(committed: ProtocolLock | undefined, current: ProtocolLock, acknowledged: readonly string[]): Verdict {
  if (!committed) return { changes: [], blocking: [], bumped: false };
  const changes = diffLocks(committed, current);
  const bumped = current.version > committed.version;
  const blocking = bumped ? [] : changes.filter((c) => c.breaking && !acknowledged.includes(c.id));
  return { changes, blocking, bumped };
}

/** One line per change: what and where, direction, why, and how to acknowledge a breaking one. */
export function reportLines(verdict: Verdict, acknowledged: readonly string[]): string[] {
  return verdict.changes.map((change) => {
    const status = !change.breaking ? "safe     " : verdict.bumped ? "breaking (protocol version bumped)" : acknowledged.includes(change.id) ? "breaking (acknowledged)" : "BREAKING ";
    const fix =
      change.breaking && !verdict.bumped && !acknowledged.includes(change.id)
        ? ` — to accept it, add "${change.id}" to ACKNOWLEDGED_BREAKING_CHANGES in ${ACKNOWLEDGE_FILE} or bump PROTOCOL_VERSION in ${VERSION_FILE}`
        : "";
    return `${status} ${change.id} [${change.directions.join(", ")}] ${change.message}${fix}`;
  });
}
